package dev.shiptrack.shipment;

import java.util.List;

import dev.shiptrack.shipment.support.PostgresResource;
import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTokens;
import dev.shiptrack.shipment.support.TrackingServiceStub;
import dev.shiptrack.testsupport.OidcProviderUnavailableContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** A bad token with the provider up stays 401: {@link AuthenticationTest}. */
@QuarkusTest
@TestProfile(OidcProviderUnavailableTest.UnreachableProviderOnly.class)
class OidcProviderUnavailableTest extends OidcProviderUnavailableContract {

    /**
     * The unreachable provider, with the database and tracking-service but without the test OIDC server: an *IT's
     * launch lets a test resource's settings win over the profile's, so that server must not start at all.
     */
    public static class UnreachableProviderOnly extends UnreachableProvider {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class), new TestResourceEntry(TrackingServiceStub.class));
        }
    }

    /** Any well-formed token: with no keys to fetch, its signature cannot be checked either way. */
    @Override
    protected Response requestWithToken() {
        return Shipments.as(TestTokens.signedByAnotherKey("yellow")).get("/shipments");
    }
}
