package dev.shiptrack.shipment.config;

import dev.shiptrack.testsupport.JsonLogsContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(JsonLogsContract.Prod.class)
class JsonLogsTest extends JsonLogsContract {
}
