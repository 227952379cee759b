package dev.shiptrack.deploy;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TenantIdentityTest {

    @Test
    void shouldUseAnExternalIssuerInsteadOfCreatingAUserPool() {
        Stack stack = new Stack(new App(), "Identity");
        DeploymentSettings settings = new DeploymentSettings(Compute.LAMBDA, "test", List.of(),
                Optional.of("https://login.example.com/realms/tracking"), Optional.of("shiptrack"), false, Path.of(".."),
                DeploymentSettings.EXAMPLE_BASE_DOMAIN, Optional.empty(), "1");

        TenantIdentity identity = new TenantIdentity(stack, "Identity", settings);

        assertThat(identity.issuer()).isEqualTo("https://login.example.com/realms/tracking");
        assertThat(identity.clientId()).isEqualTo("shiptrack");
        assertThat(identity.tenantClaim()).isEqualTo(TenantIdentity.DEFAULT_TENANT_CLAIM);
        assertThat(identity.userPool()).isEmpty();
        Template.fromStack(stack).resourceCountIs("AWS::Cognito::UserPool", 0);
    }
}
