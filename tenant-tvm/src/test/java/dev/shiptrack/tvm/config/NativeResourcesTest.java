package dev.shiptrack.tvm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.iam.PolicyDocuments;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A native image holds only the resources it is told to; the policy documents must be among them. */
class NativeResourcesTest {

    @Test
    void shouldIncludeEveryPolicyDocumentInTheNativeImage() throws Exception {
        JsonNode config;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/native-image/dev.shiptrack/tenant-tvm/resource-config.json")) {
            assertThat(in).isNotNull();
            config = new ObjectMapper().readTree(in);
        }
        List<Pattern> includes = config.at("/resources/includes").findValuesAsText("pattern").stream()
                .map(Pattern::compile).toList();

        for (String resource : List.of("iam/permission-templates/dynamodb-leading-key.json",
                "iam/permission-templates/s3-prefix-per-tenant.json", "iam/" + PolicyDocuments.TRACKING_ACCESS_POLICY,
                "iam/" + PolicyDocuments.TENANT_ROLE_POLICY)) {
            assertThat(includes).as(resource).anyMatch(pattern -> pattern.matcher(resource).matches());
        }
        assertThat(includes).noneMatch(pattern -> pattern.matcher("application.properties").matches());
    }
}
