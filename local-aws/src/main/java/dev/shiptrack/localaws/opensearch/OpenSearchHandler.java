package dev.shiptrack.localaws.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.vertx.core.http.HttpServerRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * OpenSearch's REST API as Amazon OpenSearch Service authorizes it: {@code es:ESHttp<Method>} on
 * {@code arn:aws:es:<region>:<account>:domain/<domain>/<path>}. Stricter than AWS where AWS is known to be weak:
 * a path naming several indexes needs the action on each, and the indexes named inside {@code _bulk},
 * {@code _msearch} and {@code _mget} bodies are authorized too.
 */
public final class OpenSearchHandler implements ServiceHandler {

    private static final Set<String> MULTI_TARGET_APIS = Set.of("_bulk", "_msearch", "_mget");
    private static final Set<String> FORWARDED_HEADERS = Set.of("content-type", "accept", "content-encoding",
            "accept-encoding");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchWireFormat wireFormat = new OpenSearchWireFormat();
    private final AuthorizedForwarding forwarding;
    private final String domainArn;

    public OpenSearchHandler(Authorizer authorizer, Optional<BackendForwarder> backend, String region,
                             String account, String domain) {
        this.forwarding = new AuthorizedForwarding("OpenSearch", authorizer, backend, wireFormat);
        this.domainArn = "arn:aws:es:" + region + ":" + account + ":domain/" + domain;
    }

    @Override
    public String signingName() {
        return "es";
    }

    @Override
    public WireFormat wireFormat() {
        return wireFormat;
    }

    @Override
    public void handle(HttpServerRequest request, Principal caller, Buffer payload) {
        forwarding.handle(request, caller, () -> checks(request, payload),
                openSearch -> forward(openSearch, request, payload));
    }

    private void forward(BackendForwarder openSearch, HttpServerRequest request, Buffer payload) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(header -> {
            if (FORWARDED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        String uri = request.query() == null ? request.path() : request.path() + "?" + request.query();
        openSearch.forward(request.method(), uri, headers, payload, request.response(), wireFormat);
    }

    private List<AccessCheck> checks(HttpServerRequest request, Buffer payload) {
        Buffer body = isGzip(request.getHeader("Content-Encoding")) ? gunzip(payload) : payload;
        String action = "es:ESHttp" + request.method().name().charAt(0)
                + request.method().name().substring(1).toLowerCase(Locale.ROOT);
        String path = SigV4.urlDecode(request.path());
        List<String> segments = new ArrayList<>(List.of(path.split("/")));
        segments.removeIf(String::isEmpty);
        for (String segment : segments) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new RefusedRequestException(Refusal.MALFORMED, "Paths with '.' or '..' segments are refused");
            }
        }
        if (segments.isEmpty() || segments.get(0).startsWith("_")) {
            List<AccessCheck> checks = new ArrayList<>();
            checks.add(AccessCheck.of(action, domainArn + "/" + String.join("/", segments)));
            for (String index : indexesInBody(segments, body)) {
                checks.add(AccessCheck.of(action, domainArn + "/" + index + "/" + String.join("/", segments)));
            }
            return checks;
        }
        String rest = String.join("/", segments.subList(1, segments.size()));
        Set<String> indexes = new LinkedHashSet<>(List.of(segments.get(0).split(",")));
        indexes.addAll(indexesInBody(segments, body));
        List<AccessCheck> checks = new ArrayList<>();
        for (String index : indexes) {
            checks.add(AccessCheck.of(action, domainArn + "/" + index + (rest.isEmpty() ? "" : "/" + rest)));
        }
        return checks;
    }

    private static boolean isGzip(String contentEncoding) {
        return contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip");
    }

    /** The SDK transport compresses larger bodies; the indexes they name are read from the plain text. */
    private static Buffer gunzip(Buffer payload) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(payload.getBytes()))) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new RefusedRequestException(Refusal.MALFORMED, "The body is not valid gzip");
        }
    }

    /** Indexes named inside the body of a multi-target API ({@code _index} / {@code index} of each line or doc). */
    private static Set<String> indexesInBody(List<String> segments, Buffer payload) {
        Set<String> indexes = new LinkedHashSet<>();
        if (segments.isEmpty() || !MULTI_TARGET_APIS.contains(segments.get(segments.size() - 1))
                || payload.length() == 0) {
            return indexes;
        }
        try {
            if (segments.get(segments.size() - 1).equals("_mget")) {
                for (JsonNode doc : JSON.readTree(payload.getBytes()).path("docs")) {
                    addIndex(indexes, doc.get("_index"));
                }
                return indexes;
            }
            boolean bulk = segments.get(segments.size() - 1).equals("_bulk");
            boolean expectHeader = true;
            for (String line : payload.toString().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (!expectHeader) {
                    expectHeader = true;
                    continue;
                }
                JsonNode header = JSON.readTree(line);
                if (bulk) {
                    // {"index"|"create"|"update"|"delete": {"_index": ...}}; all but delete are followed by a source
                    String operation = header.fieldNames().hasNext() ? header.fieldNames().next() : "";
                    addIndex(indexes, header.path(operation).get("_index"));
                    expectHeader = operation.equals("delete");
                } else {
                    // _msearch: a header line, then a search body line
                    addIndex(indexes, header.get("index"));
                    expectHeader = false;
                }
            }
            return indexes;
        } catch (IOException e) {
            throw new RefusedRequestException(Refusal.MALFORMED, "The body of " + String.join("/", segments)
                    + " is not valid (ND)JSON");
        }
    }

    private static void addIndex(Set<String> indexes, JsonNode index) {
        if (index == null) {
            return;
        }
        if (index.isTextual()) {
            indexes.addAll(List.of(index.asText().split(",")));
        } else if (index.isArray()) {
            index.forEach(name -> indexes.addAll(List.of(name.asText().split(","))));
        }
    }
}
