package dev.shiptrack.tracking.client;

import java.nio.charset.StandardCharsets;

/** Status and body of one OpenSearch HTTP exchange. */
public record OpenSearchResponse(int status, byte[] body) {

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
