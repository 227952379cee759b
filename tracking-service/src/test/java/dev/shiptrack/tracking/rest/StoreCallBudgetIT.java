package dev.shiptrack.tracking.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link StoreCallBudgetTest} against the built artifact (the native executable in ./native-build). */
@QuarkusIntegrationTest
class StoreCallBudgetIT extends StoreCallBudgetTest {
}
