package dev.shiptrack.tenant.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.shiptrack.tenant.config.TenantServiceConfig;
import dev.shiptrack.tvm.config.TvmConfig;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The {@link IdentityProvider} of {@code tenant-service.identity.provider}. */
@ApplicationScoped
class IdentityProviders {

    @Produces
    @ApplicationScoped
    IdentityProvider identityProvider(TenantServiceConfig config, TvmConfig tvm,
            Instance<KeycloakIdentityProvider> keycloak) {
        return switch (config.identity().provider()) {
            case KEYCLOAK -> keycloak.get();
            case COGNITO -> new CognitoIdentityProvider(CognitoIdentityProviderClient.builder()
                    .region(Region.of(tvm.region()))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build(), config.identity().cognitoUserPoolId().orElseThrow(() -> new IllegalArgumentException(
                            "tenant-service.identity.cognito-user-pool-id is required with provider cognito")));
        };
    }

    void close(@Disposes IdentityProvider provider) {
        if (provider instanceof CognitoIdentityProvider cognito) {
            cognito.close();
        }
    }
}
