package dev.shiptrack.tenant.model;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A lifecycle transition, in the spirit of an EventBridge event: {@code detailType} such as
 * {@code TenantOnboardingSucceeded}, {@code detail} the tenant's id, status and step.
 */
public record LifecycleEvent(long id, String tenantId, String detailType, JsonNode detail, Instant time) {
}
