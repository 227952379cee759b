package dev.shiptrack.tenant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.flywaydb.core.Flyway;

import dev.shiptrack.backends.DynamoDbLocalServer;
import dev.shiptrack.backends.KeycloakServer;
import dev.shiptrack.backends.KeycloakTokens;
import dev.shiptrack.backends.OpenSearchServer;
import dev.shiptrack.backends.PostgresServer;
import dev.shiptrack.backends.S3ProxyServer;
import dev.shiptrack.backends.ShipmentDatabase;
import dev.shiptrack.backends.StartedServers;
import dev.shiptrack.backends.TrackingStores;
import dev.shiptrack.localaws.LocalAwsEdge;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The backends of the local run, on free ports of 127.0.0.1: Keycloak with the project's realm (operator olivia, the
 * realm client tenant-service), PostgreSQL with the roles of the local run and shipment-service's migrations (the
 * data plane tenant-service writes to), and DynamoDB Local, s3proxy and OpenSearch behind the local AWS edge, which
 * enforces the deployed IAM policies: tenant-service signs with TenantServiceRole's key and with its tenants' ABAC
 * sessions, as in the local run.
 */
public class TenantBackendsResource implements QuarkusTestResourceLifecycleManager {

    /** The surefire working directory is the module; the realm and the data plane's migrations are the project's. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String AUDIT_FILE_PROPERTY = "test-support.edge-audit-file";
    private static final String DYNAMODB_PID_PROPERTY = "test-support.dynamodb-pid";
    private static final String POSTGRES_PID_PROPERTY = "test-support.postgres-pid";
    private static final String EDGE_PROPERTY = "test-support.edge-endpoint";
    private static final String KEYCLOAK_PROPERTY = "test-support.keycloak-endpoint";
    private static final String JDBC_URL_PROPERTY = "test-support.jdbc-url";
    private static final String S3PROXY_KEY = "s3proxy-local";
    private static final String S3PROXY_SECRET = "s3proxy-local-secret";
    /** The secret of the realm client tenant-service in config/keycloak/tracking-realm.json. */
    private static final String REALM_CLIENT_SECRET = "tenant-service-local-secret";

    private final StartedServers started = new StartedServers();
    private Path auditFile;

    /**
     * The edge's decisions, one JSON line each (a system property, because the resource and a {@code @QuarkusTest}
     * class may live in different class loaders).
     */
    public static Path auditFile() {
        return Path.of(System.getProperty(AUDIT_FILE_PROPERTY));
    }

    /** DynamoDB Local's process, which a test may pause (SIGSTOP) to play a hung store. */
    public static long dynamoDbPid() {
        return Long.getLong(DYNAMODB_PID_PROPERTY);
    }

    /** PostgreSQL's postmaster, which a test may pause (SIGSTOP, with its backends) to play a hung registry. */
    public static long postgresPid() {
        return Long.getLong(POSTGRES_PID_PROPERTY);
    }

    /** The local AWS edge, for tests that look into the stores with the admin key. */
    public static URI edgeEndpoint() {
        return URI.create(System.getProperty(EDGE_PROPERTY));
    }

    /** Keycloak, for the tests' own tokens. */
    public static URI keycloakEndpoint() {
        return URI.create(System.getProperty(KEYCLOAK_PROPERTY));
    }

    /**
     * The registry's database as tenant-service's own role, for tests that look into it or prepare a row: a
     * connection of the test's own, since an {@code *IT} suite cannot borrow the service's pool.
     */
    public static Connection registryConnection() throws SQLException {
        return DriverManager.getConnection(System.getProperty(JDBC_URL_PROPERTY), ShipmentDatabase.PROVISIONER_ROLE,
                ShipmentDatabase.PROVISIONER_PASSWORD);
    }

    @Override
    public Map<String, String> start() {
        CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(
                () -> KeycloakServer.start(null, 0, ROOT.resolve("config/keycloak")));
        CompletableFuture<OpenSearchServer> openSearch = CompletableFuture.supplyAsync(
                () -> OpenSearchServer.start(null, 0));
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(() -> PostgresServer.start(null, 0));
        CompletableFuture<DynamoDbLocalServer> dynamoDb = CompletableFuture.supplyAsync(
                () -> DynamoDbLocalServer.start(null, 0));
        CompletableFuture<S3ProxyServer> s3proxy = CompletableFuture.supplyAsync(
                () -> S3ProxyServer.start(null, 0, S3PROXY_KEY, S3PROXY_SECRET));
        try {
            started.awaitAll(keycloak, openSearch, postgres, dynamoDb, s3proxy);
            ShipmentDatabase database = new ShipmentDatabase(postgres.join().host(), postgres.join().port(),
                    postgres.join().superuser(), postgres.join().superuserPassword());
            database.createRolesAndDatabase();
            Flyway.configure()
                    .dataSource(database.jdbcUrl(), ShipmentDatabase.OWNER_ROLE, ShipmentDatabase.OWNER_PASSWORD)
                    .locations("filesystem:" + ROOT.resolve("shipment-service/src/main/resources/db/migration"))
                    .load().migrate();
            auditFile = Files.createTempFile("tenant-service-edge-audit-", ".jsonl");
            System.setProperty(AUDIT_FILE_PROPERTY, auditFile.toString());
            System.setProperty(DYNAMODB_PID_PROPERTY, Long.toString(dynamoDb.join().process().pid()));
            System.setProperty(POSTGRES_PID_PROPERTY, Long.toString(postgres.join().process().pid()));
            System.setProperty(JDBC_URL_PROPERTY, database.jdbcUrl());
            System.setProperty(KEYCLOAK_PROPERTY, keycloak.join().endpoint().toString());
            LocalAwsEdge edge = started.add(LocalAwsEdge.builder()
                    .withLocalDefaults()
                    .auditFile(auditFile)
                    .dynamoDb(dynamoDb.join().endpoint())
                    .s3(s3proxy.join().endpoint(), S3PROXY_KEY, S3PROXY_SECRET)
                    .openSearch(openSearch.join().endpoint())
                    .start());
            new TrackingStores(edge.endpoint(), LocalAwsEdge.ADMIN_ACCESS_KEY, LocalAwsEdge.ADMIN_SECRET_KEY)
                    .createIfMissing();
            String issuer = KeycloakTokens.issuer(keycloak.join().endpoint()).toString();
            String endpoint = edge.endpoint().toString();
            System.setProperty(EDGE_PROPERTY, endpoint);
            return Map.ofEntries(
                    Map.entry("quarkus.oidc.auth-server-url", issuer),
                    Map.entry("quarkus.oidc.token.issuer", issuer),
                    Map.entry("quarkus.rest-client.identity-admin.url", keycloak.join().endpoint().toString()),
                    Map.entry("quarkus.oidc-client.credentials.secret", REALM_CLIENT_SECRET),
                    Map.entry("quarkus.datasource.jdbc.url", database.jdbcUrl()),
                    Map.entry("quarkus.datasource.username", ShipmentDatabase.PROVISIONER_ROLE),
                    Map.entry("quarkus.datasource.password", ShipmentDatabase.PROVISIONER_PASSWORD),
                    Map.entry("tenant-service.tenant-database-role.local-password",
                            ShipmentDatabase.TENANT_ROLE_PASSWORD),
                    Map.entry("tenant-service.accept-admin-password", "true"),
                    Map.entry("quarkus.sts.endpoint-override", endpoint),
                    Map.entry("quarkus.sts.aws.credentials.type", "static"),
                    Map.entry("quarkus.sts.aws.credentials.static-provider.access-key-id",
                            LocalAwsEdge.TENANT_SERVICE_ACCESS_KEY),
                    Map.entry("quarkus.sts.aws.credentials.static-provider.secret-access-key",
                            LocalAwsEdge.TENANT_SERVICE_SECRET_KEY),
                    Map.entry("quarkus.dynamodb.endpoint-override", endpoint),
                    Map.entry("quarkus.s3.endpoint-override", endpoint),
                    Map.entry("quarkus.s3.path-style-access", "true"),
                    Map.entry("tenant-service.stores.opensearch-endpoint", endpoint));
        } catch (Exception e) {
            stop();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        started.close();
        if (auditFile != null) {
            try {
                Files.deleteIfExists(auditFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
