package dev.shiptrack.iam.evaluator;

import java.util.List;
import java.util.Map;

/**
 * One request to authorize, as IAM sees it.
 *
 * @param principalArn the caller, e.g. {@code arn:aws:sts::123456789012:assumed-role/TrackingAccessRole/yellow}
 * @param action       {@code service:Action}, e.g. {@code dynamodb:Query}
 * @param resourceArn  the resource the action is on
 * @param context      condition keys to their values; a single-valued key is a one-element list, a multi-valued key
 *                     with no values is an empty list. Keys are looked up case-insensitively, as IAM does.
 */
public record AuthorizationRequest(String principalArn, String action, String resourceArn,
                                   Map<String, List<String>> context) {

    public AuthorizationRequest {
        context = context == null ? Map.of() : context;
    }
}
