package dev.shiptrack.console.rest;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** {@code application/problem+json} answers of the console itself, in the services' format. */
final class Problems {

    private Problems() {
    }

    static void send(HttpServerResponse response, int status, String kind, String title, String detail) {
        response.setStatusCode(status)
                .putHeader("content-type", "application/problem+json")
                .end(new JsonObject().put("type", "urn:shiptrack:problem:" + kind).put("title", title)
                        .put("status", status).put("detail", detail).encode());
    }
}
