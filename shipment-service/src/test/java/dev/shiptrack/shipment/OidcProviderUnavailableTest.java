package dev.shiptrack.shipment;

import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTokens;
import dev.shiptrack.testsupport.OidcProviderUnavailableContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** A bad token with the provider up stays 401: {@link AuthenticationTest}. */
@QuarkusTest
@TestProfile(OidcProviderUnavailableContract.UnreachableProvider.class)
class OidcProviderUnavailableTest extends OidcProviderUnavailableContract {

    @Override
    protected Response requestWithToken() {
        return Shipments.as(TestTokens.forTenant("yellow")).get("/shipments");
    }
}
