package dev.shiptrack.localaws.iam;

import java.util.List;
import java.util.Map;

/**
 * One action on one resource that a request needs, with the service-specific condition keys it carries.
 *
 * @param context e.g. {@code dynamodb:LeadingKeys} or {@code s3:prefix} to their values
 */
public record AccessCheck(String action, String resourceArn, Map<String, List<String>> context) {

    public AccessCheck {
        context = Map.copyOf(context);
    }

    public static AccessCheck of(String action, String resourceArn) {
        return new AccessCheck(action, resourceArn, Map.of());
    }
}
