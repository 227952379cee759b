package dev.shiptrack.localaws.s3;

import dev.shiptrack.localaws.http.AuthorizedForwarding;
import dev.shiptrack.localaws.http.BackendForwarder;
import dev.shiptrack.localaws.http.Refusal;
import dev.shiptrack.localaws.http.RefusedRequestException;
import dev.shiptrack.localaws.http.ServiceHandler;
import dev.shiptrack.localaws.http.WireFormat;
import dev.shiptrack.localaws.iam.AccessCheck;
import dev.shiptrack.localaws.iam.Authorizer;
import dev.shiptrack.localaws.iam.Principal;
import dev.shiptrack.localaws.sigv4.SigV4;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * S3's REST protocol, path style: derives the action, bucket or object ARN and {@code s3:prefix}, authorizes, and
 * forwards to s3proxy re-signed with its static key (the caller's signature is for the edge's credentials).
 */
public final class S3Handler implements ServiceHandler {

    /** Query parameters that select a sub-resource; requests carrying one the edge does not map are refused. */
    private static final Set<String> SUBRESOURCES = Set.of("acl", "policy", "tagging", "versioning", "cors",
            "lifecycle", "website", "logging", "notification", "replication", "encryption", "versions", "delete",
            "restore", "select", "retention", "legal-hold", "object-lock", "attributes", "torrent", "analytics",
            "inventory", "metrics", "accelerate", "requestPayment", "ownershipControls", "publicAccessBlock",
            "intelligent-tiering", "policyStatus");
    /** Request headers that must not reach s3proxy: the caller's signing, framing and checksum trailer. */
    private static final Set<String> DROPPED_HEADERS = Set.of("authorization", "host", "x-amz-date",
            "x-amz-security-token", "x-amz-content-sha256", "x-amz-decoded-content-length", "x-amz-trailer",
            "content-length", "transfer-encoding", "expect", "connection", "x-amz-sdk-checksum-algorithm");
    private static final Set<String> QUERY_AUTHENTICATION = Set.of("X-Amz-Algorithm", "X-Amz-Credential",
            "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final S3WireFormat wireFormat = new S3WireFormat();
    private final AuthorizedForwarding forwarding;
    private final String backendAccessKey;
    private final String backendSecretKey;
    private final String region;
    private final Clock clock;

    public S3Handler(Authorizer authorizer, Optional<BackendForwarder> backend, String backendAccessKey,
                     String backendSecretKey, String region, Clock clock) {
        this.forwarding = new AuthorizedForwarding("S3", authorizer, backend, wireFormat);
        this.backendAccessKey = backendAccessKey;
        this.backendSecretKey = backendSecretKey;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public String signingName() {
        return "s3";
    }

    @Override
    public WireFormat wireFormat() {
        return wireFormat;
    }

    @Override
    public void handle(HttpServerRequest request, Principal caller, Buffer payload) {
        forwarding.handle(request, caller, () -> checks(request), s3proxy -> forward(s3proxy, request, payload));
    }

    /** The actions a path-style request needs, with the S3 condition keys of a listing. */
    private static List<AccessCheck> checks(HttpServerRequest request) {
        String path = request.path();
        int slash = path.indexOf('/', 1);
        String bucket = SigV4.urlDecode(slash < 0 ? path.substring(1) : path.substring(1, slash));
        String key = slash < 0 ? "" : SigV4.urlDecode(path.substring(slash + 1));
        MultiMap query = request.params();
        for (String name : query.names()) {
            if (SUBRESOURCES.contains(name)) {
                throw new RefusedRequestException(Refusal.NOT_IMPLEMENTED,
                        "The local edge does not support the ?" + name + " sub-resource");
            }
        }
        if (bucket.isEmpty()) {
            return List.of(AccessCheck.of("s3:ListAllMyBuckets", "*"));
        }
        String bucketArn = "arn:aws:s3:::" + bucket;
        HttpMethod method = request.method();
        if (key.isEmpty()) {
            String action = method == HttpMethod.GET || method == HttpMethod.HEAD ? "s3:ListBucket"
                    : method == HttpMethod.PUT ? "s3:CreateBucket"
                    : method == HttpMethod.DELETE ? "s3:DeleteBucket" : null;
            if (action == null || (method == HttpMethod.GET && query.contains("uploads"))) {
                throw new RefusedRequestException(Refusal.NOT_IMPLEMENTED, "The local edge does not support "
                        + method + " on a bucket with these parameters");
            }
            return List.of(new AccessCheck(action, bucketArn, action.equals("s3:ListBucket")
                    ? listingContext(query) : Map.of()));
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new RefusedRequestException(Refusal.MALFORMED,
                        "Object keys with '.' or '..' segments are refused by the local edge");
            }
        }
        String objectArn = bucketArn + "/" + key;
        List<AccessCheck> checks = new ArrayList<>();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            checks.add(AccessCheck.of("s3:GetObject", objectArn));
        } else if (method == HttpMethod.PUT || method == HttpMethod.POST) {
            // PutObject, and the multipart steps, which IAM authorizes as s3:PutObject
            checks.add(AccessCheck.of("s3:PutObject", objectArn));
            String copySource = request.getHeader("x-amz-copy-source");
            if (copySource != null) {
                String source = SigV4.urlDecode(copySource.startsWith("/") ? copySource.substring(1) : copySource);
                checks.add(AccessCheck.of("s3:GetObject", "arn:aws:s3:::" + source.split("\\?", 2)[0]));
            }
        } else if (method == HttpMethod.DELETE) {
            checks.add(AccessCheck.of(query.contains("uploadId") ? "s3:AbortMultipartUpload" : "s3:DeleteObject",
                    objectArn));
        } else {
            throw new RefusedRequestException(Refusal.NOT_IMPLEMENTED, "Unsupported method " + method);
        }
        return checks;
    }

    private static Map<String, List<String>> listingContext(MultiMap query) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (String name : new String[]{"prefix", "delimiter", "max-keys"}) {
            if (query.contains(name)) {
                context.put("s3:" + name, List.of(query.get(name)));
            }
        }
        return context;
    }

    private void forward(BackendForwarder s3proxy, HttpServerRequest request, Buffer payload) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!DROPPED_HEADERS.contains(name) && !name.startsWith("x-amz-checksum-")) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        String contentEncoding = headers.get("Content-Encoding");
        if (contentEncoding != null) {
            String remaining = contentEncoding.replaceAll("(^|,)\\s*aws-chunked\\s*(,|$)", "$1").replaceAll(",$", "");
            headers.remove("Content-Encoding");
            if (!remaining.isBlank()) {
                headers.add("Content-Encoding", remaining);
            }
        }
        String payloadHash = SigV4.sha256Hex(payload.getBytes());
        String amzDate = AMZ_DATE.format(clock.instant());
        String date = amzDate.substring(0, 8);
        headers.add("Host", s3proxy.hostHeader());
        headers.add("X-Amz-Date", amzDate);
        headers.add("X-Amz-Content-SHA256", payloadHash);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", s3proxy.hostHeader());
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", amzDate);
        String scope = date + "/" + region + "/s3/aws4_request";
        String query = withoutQueryAuthentication(request.query());
        String canonicalRequest = SigV4.canonicalRequest(request.method().name(), SigV4.canonicalUri(request.path(),
                false), SigV4.canonicalQuery(query), signed, String.join(";", signed.keySet()), payloadHash);
        String signature = SigV4.sign(SigV4.signingKey(backendSecretKey, date, region, "s3"),
                SigV4.stringToSign(SigV4.ALGORITHM, amzDate, scope, SigV4.sha256Hex(canonicalRequest)));
        headers.add("Authorization", SigV4.ALGORITHM + " Credential=" + backendAccessKey + "/" + scope
                + ", SignedHeaders=" + String.join(";", signed.keySet()) + ", Signature=" + signature);
        String uri = query.isEmpty() ? request.path() : request.path() + "?" + query;
        s3proxy.forward(request.method(), uri, headers, payload, request.response(), wireFormat);
    }

    /** The query without the parameters of a presigned URL, which were for the edge's credentials. */
    private static String withoutQueryAuthentication(String rawQuery) {
        if (rawQuery == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty() && !QUERY_AUTHENTICATION.contains(pair.split("=", 2)[0])) {
                kept.append(kept.isEmpty() ? "" : "&").append(pair);
            }
        }
        return kept.toString();
    }
}
