package dev.shiptrack.tvm.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small STS on 127.0.0.1 that answers {@code AssumeRole} with the XML of the real STS query API and records
 * every request, so tests can check what really went over the wire. Tenants (the {@code TenantID} tag) can be
 * set to be denied or throttled. To be replaced by the project's local AWS edge.
 */
public final class LocalStsServer implements AutoCloseable {

    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final List<AssumeRoleCall> calls = new CopyOnWriteArrayList<>();
    private final List<CallerIdentityCall> callerIdentityCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final Set<String> deniedTenants = Set.of("denied");
    private final Set<String> throttledTenants = Set.of("throttled");
    private volatile long answerDelayMillis;

    private LocalStsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static LocalStsServer start() {
        try {
            return new LocalStsServer();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the local STS", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<AssumeRoleCall> calls() {
        return calls;
    }

    /** Calls made for one tenant, by its TenantID session tag. */
    public List<AssumeRoleCall> callsFor(String tenant) {
        return calls.stream().filter(call -> tenant.equals(call.tenantTag())).toList();
    }

    /** Calls made on one role. */
    public List<AssumeRoleCall> callsOnRole(String roleArn) {
        return calls.stream().filter(call -> roleArn.equals(call.roleArn())).toList();
    }

    /** GetCallerIdentity requests, which show whose credentials signed a request. */
    public List<CallerIdentityCall> callerIdentityCalls() {
        return callerIdentityCalls;
    }

    /** Makes every answer wait, so that concurrent requests really overlap. */
    public void answerAfter(long millis) {
        this.answerDelayMillis = millis;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if ("GetCallerIdentity".equals(form.get("Action"))) {
                callerIdentityCalls.add(new CallerIdentityCall(authorization,
                        exchange.getRequestHeaders().getFirst("X-Amz-Security-Token")));
                respond(exchange, 200, callerIdentity());
                return;
            }
            if (!"AssumeRole".equals(form.get("Action"))) {
                respond(exchange, 400, error("Sender", "InvalidAction", "Only AssumeRole and GetCallerIdentity are served here"));
                return;
            }
            String accessKeyId = "ASIALOCAL" + issued.incrementAndGet();
            AssumeRoleCall call = new AssumeRoleCall(form, authorization, accessKeyId);
            calls.add(call);
            pause();
            String tenant = String.valueOf(call.tenantTag());
            if (throttledTenants.contains(tenant)) {
                respond(exchange, 400, error("Sender", "Throttling", "Rate exceeded"));
            } else if (deniedTenants.contains(tenant)) {
                respond(exchange, 403, error("Sender", "AccessDenied", "User is not authorized to perform: sts:TagSession"));
            } else {
                respond(exchange, 200, granted(call));
            }
        }
    }

    private void pause() {
        if (answerDelayMillis > 0) {
            try {
                Thread.sleep(answerDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String granted(AssumeRoleCall call) {
        String roleName = call.roleArn().substring(call.roleArn().lastIndexOf('/') + 1);
        Instant expiration = Instant.now().plusSeconds(call.durationSeconds()).truncatedTo(ChronoUnit.SECONDS);
        return """
                <AssumeRoleResponse xmlns="%s">
                  <AssumeRoleResult>
                    <AssumedRoleUser>
                      <Arn>arn:aws:sts::123456789012:assumed-role/%s/%s</Arn>
                      <AssumedRoleId>AROALOCALROLE:%s</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>%s</AccessKeyId>
                      <SecretAccessKey>local-secret-%s</SecretAccessKey>
                      <SessionToken>local-token-%s</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <PackedPolicySize>%d</PackedPolicySize>
                  </AssumeRoleResult>
                  <ResponseMetadata>
                    <RequestId>%s</RequestId>
                  </ResponseMetadata>
                </AssumeRoleResponse>
                """.formatted(NAMESPACE, roleName, call.sessionName(), call.sessionName(), call.accessKeyId(),
                call.accessKeyId(), call.accessKeyId(), expiration, call.policy() == null ? 0 : 10,
                UUID.randomUUID());
    }

    private static String callerIdentity() {
        return """
                <GetCallerIdentityResponse xmlns="%s">
                  <GetCallerIdentityResult>
                    <Arn>arn:aws:sts::123456789012:assumed-role/TrackingAccessRole/caller</Arn>
                    <UserId>AROALOCALROLE:caller</UserId>
                    <Account>123456789012</Account>
                  </GetCallerIdentityResult>
                  <ResponseMetadata>
                    <RequestId>%s</RequestId>
                  </ResponseMetadata>
                </GetCallerIdentityResponse>
                """.formatted(NAMESPACE, UUID.randomUUID());
    }

    private static String error(String type, String code, String message) {
        return """
                <ErrorResponse xmlns="%s">
                  <Error>
                    <Type>%s</Type>
                    <Code>%s</Code>
                    <Message>%s</Message>
                  </Error>
                  <RequestId>%s</RequestId>
                </ErrorResponse>
                """.formatted(NAMESPACE, type, code, message, UUID.randomUUID());
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * One recorded GetCallerIdentity request.
     *
     * @param authorization the SigV4 header, naming the access key id that signed
     * @param securityToken the session token sent with it
     */
    public record CallerIdentityCall(String authorization, String securityToken) {
    }

    /**
     * One recorded AssumeRole request.
     *
     * @param form          the decoded query parameters
     * @param authorization the SigV4 header, signed with the caller's own credentials
     * @param accessKeyId   the access key id issued in the answer
     */
    public record AssumeRoleCall(Map<String, String> form, String authorization, String accessKeyId) {

        public String roleArn() {
            return form.get("RoleArn");
        }

        public String sessionName() {
            return form.get("RoleSessionName");
        }

        public int durationSeconds() {
            return Integer.parseInt(form.getOrDefault("DurationSeconds", "3600"));
        }

        public String policy() {
            return form.get("Policy");
        }

        /** The session tags, by key. */
        public Map<String, String> tags() {
            Map<String, String> tags = new HashMap<>();
            for (int i = 1; form.containsKey("Tags.member." + i + ".Key"); i++) {
                tags.put(form.get("Tags.member." + i + ".Key"), form.get("Tags.member." + i + ".Value"));
            }
            return tags;
        }

        public String tenantTag() {
            return tags().get("TenantID");
        }
    }
}
