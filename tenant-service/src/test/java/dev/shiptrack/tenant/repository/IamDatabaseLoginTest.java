package dev.shiptrack.tenant.repository;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.credentials.CredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Aurora login: an RDS authentication token per connection, signed with the service's own credentials. */
class IamDatabaseLoginTest {

    private static final RdsUtilities RDS = RdsUtilities.builder().region(Region.EU_WEST_1).build();
    private static final String URL = "jdbc:postgresql://writer.cluster-abc.eu-west-1.rds.amazonaws.com:5433/shipments"
            + "?sslmode=require";

    @Test
    void shouldSignATokenForTheDatabaseHostPortAndUser() {
        IamDatabaseLogin login = new IamDatabaseLogin(RDS, keys("AKIDSERVICEROLE"), URL, "tenant_provisioner");

        Map<String, String> credentials = login.getCredentials(IamDatabaseLogin.NAME);
        String token = credentials.get(CredentialsProvider.PASSWORD_PROPERTY_NAME);
        Map<String, String> query = query(token);

        assertThat(credentials.get(CredentialsProvider.USER_PROPERTY_NAME)).isEqualTo("tenant_provisioner");
        assertThat(token.substring(0, token.indexOf('?'))).isEqualTo("writer.cluster-abc.eu-west-1.rds.amazonaws.com:5433/");
        assertThat(query.get("Action")).isEqualTo("connect");
        assertThat(query.get("DBUser")).isEqualTo("tenant_provisioner");
        assertThat(query.get("X-Amz-Credential")).matches("AKIDSERVICEROLE/\\d{8}/eu-west-1/rds-db/aws4_request");
        assertThat(query.get("X-Amz-Expires")).isEqualTo("900");
        assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    }

    @Test
    void shouldSignEveryNewConnectionAnewWithTheCurrentCredentials() {
        Iterator<String> rotatingKeys = List.of("AKIDFIRST", "AKIDSECOND").iterator();
        AwsCredentialsProvider rotating = () -> AwsBasicCredentials.create(rotatingKeys.next(), "secret");
        IamDatabaseLogin login = new IamDatabaseLogin(RDS, rotating, URL, "tenant_provisioner");

        String first = login.getCredentials(IamDatabaseLogin.NAME).get(CredentialsProvider.PASSWORD_PROPERTY_NAME);
        String second = login.getCredentials(IamDatabaseLogin.NAME).get(CredentialsProvider.PASSWORD_PROPERTY_NAME);

        assertThat(query(first).get("X-Amz-Credential")).startsWith("AKIDFIRST/");
        assertThat(query(second).get("X-Amz-Credential")).startsWith("AKIDSECOND/");
    }

    @Test
    void shouldUsePostgreSqlsPortWhenTheUrlNamesNone() {
        IamDatabaseLogin login = new IamDatabaseLogin(RDS, keys("AKIDSERVICEROLE"),
                "jdbc:postgresql://writer.example/shipments", "tenant_provisioner");

        String token = login.getCredentials(IamDatabaseLogin.NAME).get(CredentialsProvider.PASSWORD_PROPERTY_NAME);

        assertThat(token.substring(0, token.indexOf('?'))).isEqualTo("writer.example:5432/");
    }

    @Test
    void shouldRefuseAUrlWithoutAHost() {
        assertThatThrownBy(() -> new IamDatabaseLogin(RDS, keys("AKIDSERVICEROLE"), "jdbc:postgresql:shipments",
                "tenant_provisioner"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no host");
    }

    private static AwsCredentialsProvider keys(String accessKey) {
        return () -> AwsBasicCredentials.create(accessKey, "secret");
    }

    private static Map<String, String> query(String token) {
        return Arrays.stream(token.substring(token.indexOf('?') + 1).split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }
}
