package dev.shiptrack.tracking;

import static io.restassured.RestAssured.given;

import java.time.Instant;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests of the tests: a tenant's bearer token, and event bodies. */
public final class Requests {

    private Requests() {
    }

    public static RequestSpecification as(String tenant) {
        return given().auth().oauth2(Tokens.forTenant(tenant)).contentType(ContentType.JSON);
    }

    public static String event(String status, String location, Instant time, String note) {
        return """
                {"status": "%s", "location": "%s", "time": "%s", "note": "%s"}"""
                .formatted(status, location, time, note);
    }
}
