package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OidcProviderUnavailableTest} against the built artifact: 503 problem when no keys can be fetched. */
@QuarkusIntegrationTest
class OidcProviderUnavailableIT extends OidcProviderUnavailableTest {
}
