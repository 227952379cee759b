package dev.shiptrack.localaws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiptrack.iam.PolicyDocuments;
import dev.shiptrack.localaws.audit.AuditTrail;
import dev.shiptrack.localaws.audit.IsolationWatchdog;
import dev.shiptrack.localaws.dynamodb.TenantStatusLookup;
import io.micrometer.core.instrument.MeterRegistry;
import dev.shiptrack.localaws.dynamodb.DynamoDbHandler;
import dev.shiptrack.localaws.http.BackendForwarder;
import dev.shiptrack.localaws.http.EdgeRouter;
import dev.shiptrack.localaws.iam.Authorizer;
import dev.shiptrack.localaws.iam.IamHandler;
import dev.shiptrack.localaws.iam.Principal;
import dev.shiptrack.localaws.iam.Role;
import dev.shiptrack.localaws.iam.RoleCatalog;
import dev.shiptrack.localaws.opensearch.OpenSearchHandler;
import dev.shiptrack.localaws.opensearch.OpenSearchWireFormat;
import dev.shiptrack.localaws.s3.S3Handler;
import dev.shiptrack.localaws.sigv4.CredentialStore;
import dev.shiptrack.localaws.sigv4.RequestAuthenticator;
import dev.shiptrack.localaws.sts.StsHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The local AWS edge: STS, DynamoDB, S3 and OpenSearch on one loopback port, routed by the service name of each
 * request's SigV4 credential scope, every data-plane request authorized with the project's IAM policies before it
 * reaches the real local backend. A test and demo tool, not a production security boundary.
 *
 * <pre>{@code
 * try (LocalAwsEdge edge = LocalAwsEdge.builder().withLocalDefaults()
 *         .dynamoDb(dynamoDbLocal.endpoint()).start()) {
 *     DynamoDbClient client = DynamoDbClient.builder().endpointOverride(edge.endpoint())...;
 *     edge.auditTrail().decisions();
 * }
 * }</pre>
 */
public final class LocalAwsEdge implements AutoCloseable {

    /** The account of the local setup. */
    public static final String LOCAL_ACCOUNT = "123456789012";
    public static final String LOCAL_REGION = "us-east-1";
    /** Long-term key of the tracking service, mapped to {@code role/TrackingServiceRole}. */
    public static final String TRACKING_SERVICE_ACCESS_KEY = "AKIALOCALTRACKING001";
    public static final String TRACKING_SERVICE_SECRET_KEY = "tracking-service-local-secret";
    /** Long-term key of the shipment service, mapped to {@code role/ShipmentServiceRole}. */
    public static final String SHIPMENT_SERVICE_ACCESS_KEY = "AKIALOCALSHIPMENT001";
    public static final String SHIPMENT_SERVICE_SECRET_KEY = "shipment-service-local-secret";
    /** Long-term key of the control plane's tenant-service, mapped to {@code role/TenantServiceRole}. */
    public static final String TENANT_SERVICE_ACCESS_KEY = "AKIALOCALTENANTS0001";
    public static final String TENANT_SERVICE_SECRET_KEY = "tenant-service-local-secret";
    /** Long-term key of the account root (full access): only for creating the table, bucket and indexes. */
    public static final String ADMIN_ACCESS_KEY = "AKIALOCALADMIN000001";
    public static final String ADMIN_SECRET_KEY = "local-admin-secret";
    /** The watchdog's view of tenant statuses may lag the control plane by this much. */
    private static final Duration WATCHDOG_STATUS_TTL = Duration.ofSeconds(2);
    /** This many denials of one session within the window are a burst. */
    private static final int WATCHDOG_BURST = 5;
    private static final Duration WATCHDOG_BURST_WINDOW = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpServer server;
    private final AuditTrail auditTrail;
    private final Optional<IsolationWatchdog> watchdog;
    private final List<BackendForwarder> backends;
    private final URI endpoint;
    private final String account;
    private final String region;

    private LocalAwsEdge(Vertx vertx, boolean ownsVertx, HttpServer server, AuditTrail auditTrail,
                         Optional<IsolationWatchdog> watchdog, List<BackendForwarder> backends, String scheme,
                         String host, String account, String region) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.server = server;
        this.auditTrail = auditTrail;
        this.watchdog = watchdog;
        this.backends = backends;
        this.endpoint = URI.create(scheme + "://" + host + ":" + server.actualPort());
        this.account = account;
        this.region = region;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code http://127.0.0.1:<port>} ({@code https} with {@link Builder#tls}): the endpoint override for every SDK
     * client (STS, DynamoDB, S3, OpenSearch).
     */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return server.actualPort();
    }

    public String account() {
        return account;
    }

    public String region() {
        return region;
    }

    /** Every authorization decision, newest last. */
    public AuditTrail auditTrail() {
        return auditTrail;
    }

    /** The isolation watchdog following the audit trail, when {@link Builder#isolationWatchdog} asked for one. */
    public Optional<IsolationWatchdog> isolationWatchdog() {
        return watchdog;
    }

    /** Stops the edge (not the backends, which the caller started). */
    @Override
    public void close() {
        watchdog.ifPresent(IsolationWatchdog::close);
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort; the port is released when the process ends at the latest
        }
        backends.forEach(BackendForwarder::close);
        auditTrail.close();
        if (ownsVertx) {
            vertx.close();
        }
    }

    /** Configures and starts a {@link LocalAwsEdge}. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private String account = LOCAL_ACCOUNT;
        private String region = LOCAL_REGION;
        private String tableName = "TrackingData";
        private String bucketName = "tracking-documents";
        private String domainName = "tracking";
        private String dbClusterResourceId = "cluster-LOCAL";
        private boolean projectRoles;
        private boolean localKeys;
        private final Map<String, ObjectNode[]> roles = new LinkedHashMap<>();
        private final Map<String, String[]> longTermKeys = new LinkedHashMap<>();
        private URI dynamoDb;
        private URI s3;
        private String s3AccessKey;
        private String s3SecretKey;
        private URI openSearch;
        private Path auditFile;
        private Path sessionsFile;
        private Path tlsKeyStore;
        private String tlsKeyStorePassword;
        private Clock clock = Clock.systemUTC();
        private Vertx vertx;
        private MeterRegistry watchdogMeters;

        private Builder() {
        }

        /** Interface to bind; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Port to bind; default 0, a free port (read it back with {@link LocalAwsEdge#endpoint()}). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Default {@value LocalAwsEdge#LOCAL_ACCOUNT}. */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        /** Default {@value LocalAwsEdge#LOCAL_REGION}. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** The {@code {{table}}} of the policy documents; default {@code TrackingData}. */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** The {@code {{bucket}}} of the policy documents; default {@code tracking-documents}. */
        public Builder bucketName(String bucketName) {
            this.bucketName = bucketName;
            return this;
        }

        /** The {@code {{domain}}} of the policy documents; default {@code tracking}. */
        public Builder domainName(String domainName) {
            this.domainName = domainName;
            return this;
        }

        /** The {@code {{dbClusterResourceId}}} of the policy documents; default {@code cluster-LOCAL}. */
        public Builder dbClusterResourceId(String dbClusterResourceId) {
            this.dbClusterResourceId = dbClusterResourceId;
            return this;
        }

        /**
         * The project's roles from {@code deploy/iam}: TrackingServiceRole, TrackingAccessRole, ShipmentServiceRole,
         * ShipmentAccessRole, TenantServiceRole, TenantProvisioningRole and the per-tenant roles
         * {@code assumeRole-<tenant>}.
         */
        public Builder withProjectRoles() {
            this.projectRoles = true;
            return this;
        }

        /** The local long-term keys of the tracking service, the shipment service and the admin (account root). */
        public Builder withLocalKeys() {
            this.localKeys = true;
            return this;
        }

        /** {@link #withProjectRoles()} and {@link #withLocalKeys()}. */
        public Builder withLocalDefaults() {
            return withProjectRoles().withLocalKeys();
        }

        /** An extra role with hydrated documents (e.g. for a test); replaces a project role of the same name. */
        public Builder role(String name, ObjectNode trustPolicy, ObjectNode... identityPolicies) {
            ObjectNode[] documents = new ObjectNode[identityPolicies.length + 1];
            documents[0] = trustPolicy;
            System.arraycopy(identityPolicies, 0, documents, 1, identityPolicies.length);
            roles.put(name, documents);
            return this;
        }

        /**
         * A long-term key. {@code principalArn} is a role of this account ({@code arn:aws:iam::<account>:role/<name>},
         * whose identity policies then apply to the key) or the account root ({@code arn:aws:iam::<account>:root},
         * allowed everything).
         */
        public Builder longTermKey(String accessKeyId, String secretAccessKey, String principalArn) {
            longTermKeys.put(accessKeyId, new String[]{secretAccessKey, principalArn});
            return this;
        }

        /** DynamoDB Local's endpoint. Without it DynamoDB requests get a 503. */
        public Builder dynamoDb(URI endpoint) {
            this.dynamoDb = endpoint;
            return this;
        }

        /** s3proxy's endpoint and its one static key, which the edge re-signs forwarded requests with. */
        public Builder s3(URI endpoint, String accessKey, String secretKey) {
            this.s3 = endpoint;
            this.s3AccessKey = accessKey;
            this.s3SecretKey = secretKey;
            return this;
        }

        /** OpenSearch's endpoint (plain HTTP, security plugin off). */
        public Builder openSearch(URI endpoint) {
            this.openSearch = endpoint;
            return this;
        }

        /**
         * Keeps the sessions STS issues in this file too, so that an edge restarted on it honours every unexpired
         * session the previous one issued (STS never forgets one); default: in memory only.
         */
        public Builder sessionsFile(Path sessionsFile) {
            this.sessionsFile = sessionsFile;
            return this;
        }

        /** Also append every decision as a JSON line to this file. */
        public Builder auditFile(Path auditFile) {
            this.auditFile = auditFile;
            return this;
        }

        /** The clock for signing times and credential expiry (tests move it to expire credentials). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Serves HTTPS with the key and certificate of a PKCS#12 key store (callers must trust its certificate). */
        public Builder tls(Path pkcs12KeyStore, String password) {
            this.tlsKeyStore = pkcs12KeyStore;
            this.tlsKeyStorePassword = password;
            return this;
        }

        /**
         * Follows the audit trail with an {@link IsolationWatchdog} over the project's roles, counting its alerts in
         * {@code meters}; it reads tenant statuses from the DynamoDB backend's table (so it needs {@link #dynamoDb}).
         */
        public Builder isolationWatchdog(MeterRegistry meters) {
            this.watchdogMeters = meters;
            return this;
        }

        /** Runs on this Vert.x instance (e.g. Quarkus's) instead of one of its own. */
        public Builder vertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        /** Binds the port and returns the running edge. */
        public LocalAwsEdge start() {
            RoleCatalog catalog = new RoleCatalog(account, Map.of("account", account, "region", region,
                    "table", tableName, "bucket", bucketName, "domain", domainName,
                    "dbClusterResourceId", dbClusterResourceId), projectRoles);
            if (projectRoles) {
                catalog.addFromDocuments("TrackingServiceRole", null,
                        PolicyDocuments.TRACKING_SERVICE_ROLE_POLICY, PolicyDocuments.TRACKING_SERVICE_TENANT_ROLES_POLICY);
                catalog.addFromDocuments("TrackingAccessRole", PolicyDocuments.TRACKING_ACCESS_ROLE_TRUST,
                        PolicyDocuments.TRACKING_ACCESS_POLICY);
                catalog.addFromDocuments("ShipmentServiceRole", null,
                        PolicyDocuments.SHIPMENT_SERVICE_ROLE_POLICY);
                catalog.addFromDocuments("ShipmentAccessRole", PolicyDocuments.SHIPMENT_ACCESS_ROLE_TRUST,
                        PolicyDocuments.SHIPMENT_ACCESS_POLICY);
                catalog.addFromDocuments("TenantServiceRole", null, PolicyDocuments.TENANT_SERVICE_ROLE_POLICY);
                catalog.addFromDocuments("TenantProvisioningRole", PolicyDocuments.TENANT_PROVISIONING_ROLE_TRUST,
                        PolicyDocuments.TENANT_PROVISIONING_POLICY);
            }
            roles.forEach((name, documents) -> catalog.add(name, documents[0],
                    List.of(documents).subList(1, documents.length)));

            CredentialStore credentials = new CredentialStore(clock);
            if (localKeys) {
                longTermKeys.putIfAbsent(TRACKING_SERVICE_ACCESS_KEY, new String[]{TRACKING_SERVICE_SECRET_KEY,
                        catalog.arnOf("TrackingServiceRole")});
                longTermKeys.putIfAbsent(SHIPMENT_SERVICE_ACCESS_KEY, new String[]{SHIPMENT_SERVICE_SECRET_KEY,
                        catalog.arnOf("ShipmentServiceRole")});
                longTermKeys.putIfAbsent(TENANT_SERVICE_ACCESS_KEY, new String[]{TENANT_SERVICE_SECRET_KEY,
                        catalog.arnOf("TenantServiceRole")});
                longTermKeys.putIfAbsent(ADMIN_ACCESS_KEY, new String[]{ADMIN_SECRET_KEY,
                        "arn:aws:iam::" + account + ":root"});
            }
            longTermKeys.forEach((accessKeyId, secretAndArn) ->
                    credentials.addLongTermKey(accessKeyId, secretAndArn[0], principalOf(catalog, secretAndArn[1])));
            if (sessionsFile != null) {
                credentials.keepSessionsIn(sessionsFile, roleArn -> catalog.byArn(roleArn).map(Role::identityPolicies)
                        .orElse(List.of()));
            }

            boolean ownsVertx = vertx == null;
            Vertx runtime = ownsVertx ? Vertx.vertx() : vertx;
            List<BackendForwarder> forwarders = new ArrayList<>();
            Optional<BackendForwarder> dynamoDbBackend = forwarder(runtime, dynamoDb, forwarders);
            Optional<BackendForwarder> s3Backend = forwarder(runtime, s3, forwarders);
            Optional<BackendForwarder> openSearchBackend = forwarder(runtime, openSearch, forwarders);

            AuditTrail auditTrail = new AuditTrail(Optional.ofNullable(auditFile));
            Optional<IsolationWatchdog> watchdog = Optional.empty();
            if (watchdogMeters != null) {
                if (dynamoDb == null || !projectRoles) {
                    throw new IllegalStateException("The isolation watchdog needs the project roles and DynamoDB");
                }
                TenantStatusLookup statuses = new TenantStatusLookup(dynamoDb, tableName, WATCHDOG_STATUS_TTL, clock);
                Set<String> applicationRoles = Set.of(catalog.arnOf("TrackingAccessRole"),
                        catalog.arnOf("ShipmentAccessRole"));
                Map<String, String> tagScopedRoles = new HashMap<>();
                for (String role : List.of("TrackingAccessRole", "ShipmentAccessRole", "TenantProvisioningRole")) {
                    tagScopedRoles.put(catalog.arnOf(role), catalog.byName(role).orElseThrow().trustPolicy().name());
                }
                watchdog = Optional.of(new IsolationWatchdog(tagScopedRoles, applicationRoles, statuses::statusOf,
                        watchdogMeters, WATCHDOG_BURST, WATCHDOG_BURST_WINDOW));
                auditTrail.onRecord(watchdog.get());
            }
            Authorizer authorizer = new Authorizer(auditTrail, clock, region);
            EdgeRouter router = new EdgeRouter(List.of(
                    new StsHandler(catalog, credentials, authorizer, clock),
                    new IamHandler(catalog, authorizer, clock.instant()),
                    new DynamoDbHandler(authorizer, dynamoDbBackend, region, account),
                    new S3Handler(authorizer, s3Backend, s3AccessKey, s3SecretKey, region, clock),
                    new OpenSearchHandler(authorizer, openSearchBackend, region, account, domainName)),
                    new RequestAuthenticator(credentials, clock), clock, new OpenSearchWireFormat());
            try {
                HttpServerOptions options = new HttpServerOptions()
                        .setHandle100ContinueAutomatically(true).setMaxHeaderSize(64 * 1024);
                if (tlsKeyStore != null) {
                    options.setSsl(true).setKeyCertOptions(new PfxOptions()
                            .setPath(tlsKeyStore.toString()).setPassword(tlsKeyStorePassword));
                }
                HttpServer server = runtime.createHttpServer(options)
                        .requestHandler(router)
                        .listen(port, host)
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                return new LocalAwsEdge(runtime, ownsVertx, server, auditTrail, watchdog, forwarders,
                        tlsKeyStore == null ? "http" : "https", host, account, region);
            } catch (Exception e) {
                forwarders.forEach(BackendForwarder::close);
                watchdog.ifPresent(IsolationWatchdog::close);
                auditTrail.close();
                if (ownsVertx) {
                    runtime.close();
                }
                throw new IllegalStateException("The local AWS edge cannot listen on " + host + ":" + port, e);
            }
        }

        private static Principal principalOf(RoleCatalog catalog, String principalArn) {
            if (principalArn.equals("arn:aws:iam::" + catalog.account() + ":root")) {
                return Principal.longTerm(principalArn, List.of(), true);
            }
            Role role = catalog.byArn(principalArn).orElseThrow(() -> new IllegalArgumentException(
                    "A long-term key maps to " + principalArn + ", which is neither a known role nor the root"));
            return Principal.longTerm(role.arn(), role.identityPolicies(), false);
        }

        private static Optional<BackendForwarder> forwarder(Vertx vertx, URI endpoint,
                                                            List<BackendForwarder> forwarders) {
            if (endpoint == null) {
                return Optional.empty();
            }
            BackendForwarder forwarder = new BackendForwarder(vertx, endpoint);
            forwarders.add(forwarder);
            return Optional.of(forwarder);
        }
    }
}
