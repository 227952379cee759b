package dev.shiptrack.shipment.support;

import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.common.mapper.TypeRef;

/** The tests' handle on {@link TrackingServiceStub}: switch its mode, read what it received. */
public final class TrackingStub {

    private TrackingStub() {
    }

    public static void up() {
        switchTo("up");
    }

    public static void failing() {
        switchTo("failing");
    }

    /** Answers 503, as tracking-service does when its own backend did not answer in time. */
    public static void unavailable() {
        switchTo("unavailable");
    }

    /** Answers 422: a refusal of the request itself, which no retry changes. */
    public static void refusing() {
        switchTo("refusing");
    }

    public static void slow() {
        switchTo("slow");
    }

    /** Only the next request is slow (beyond the client timeout): its answer is lost, the later ones are not. */
    public static void slowOnce() {
        switchTo("slow-once");
    }

    public static void down() {
        switchTo("down");
    }

    public static void forgetRequests() {
        RestAssured.given().delete(controlUrl() + "/requests").then().statusCode(204);
    }

    /** Requests received since the last {@link #forgetRequests()}: method, path, authorization, traceparent, idempotencyKey, edgeHeaders, body. */
    public static List<Map<String, String>> requests() {
        return RestAssured.given().get(controlUrl() + "/requests").then().statusCode(200).extract()
                .as(new TypeRef<>() {
                });
    }

    private static void switchTo(String mode) {
        RestAssured.given().post(controlUrl() + "/mode/" + mode).then().statusCode(204);
    }

    private static String controlUrl() {
        return System.getProperty(TrackingServiceStub.CONTROL_URL_PROPERTY);
    }
}
