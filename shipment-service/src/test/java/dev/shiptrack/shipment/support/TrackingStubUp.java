package dev.shiptrack.shipment.support;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Before each test: the tracking-service stand-in answers again and has forgotten earlier requests. */
public final class TrackingStubUp implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        TrackingStub.up();
        TrackingStub.forgetRequests();
    }
}
