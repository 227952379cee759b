package dev.shiptrack.shipment.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Request bodies and calls the endpoint tests share. */
public final class Shipments {

    private Shipments() {
    }

    /** A valid body whose every text field carries {@code marker}, so a leak is easy to find in any response. */
    public static String body(String marker) {
        return """
                {"orderReference":"ORD-%1$s",
                 "origin":{"street":"1 %1$s Street","city":"Hamburg","postalCode":"20095","country":"DE"},
                 "destination":{"street":"2 %1$s Road","city":"Lyon","postalCode":"69001","country":"FR"},
                 "carrier":"Carrier %1$s",
                 "parcel":{"weightGrams":1200,"lengthCm":30,"widthCm":20,"heightCm":10}}""".formatted(marker);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** Creates a shipment for the token's tenant and returns its id. */
    public static UUID create(String token, String marker) {
        String id = as(token).contentType(ContentType.JSON).body(body(marker))
                .post("/shipments")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    /** Creates a shipment for the token's tenant under an {@code Idempotency-Key} and returns its id. */
    public static UUID createWithKey(String token, String marker, String idempotencyKey) {
        String id = as(token).header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON).body(body(marker))
                .post("/shipments")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    /** A marker unique to one test run, so assertions never see rows of another test. */
    public static String marker(String tenantId) {
        return tenantId + UUID.randomUUID().toString().substring(0, 8);
    }
}
