package dev.shiptrack.tracking;

import static io.restassured.RestAssured.given;

import java.time.Instant;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests of the tests: a tenant's bearer token, and event bodies. */
public final class Requests {

    /** Send the Content-Type exactly as given (REST Assured would add a charset to it). */
    private static final RestAssuredConfig AS_SENT = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private Requests() {
    }

    public static RequestSpecification as(String tenant) {
        return given().auth().oauth2(Tokens.forTenant(tenant)).contentType(ContentType.JSON);
    }

    /** A document upload of {@code tenant}: the bytes with exactly this Content-Type. */
    public static RequestSpecification document(String tenant, String contentType, byte[] content) {
        return given().config(AS_SENT).auth().oauth2(Tokens.forTenant(tenant)).contentType(contentType).body(content);
    }

    public static String event(String status, String location, Instant time, String note) {
        return """
                {"status": "%s", "location": "%s", "time": "%s", "note": "%s"}"""
                .formatted(status, location, time, note);
    }
}
