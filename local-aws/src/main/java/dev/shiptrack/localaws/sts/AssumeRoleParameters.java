package dev.shiptrack.localaws.sts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parameter constraints of STS AssumeRole as the AWS STS API Reference states them (lengths, patterns, list
 * sizes, the duration range), checked before any policy is evaluated, and reported as STS reports them: one
 * {@code ValidationError} listing every violation ("N validation errors detected: Value '...' at 'member' failed to
 * satisfy constraint: ...").
 */
final class AssumeRoleParameters {

    static final int MIN_DURATION_SECONDS = 900;
    /** The highest maximum session duration a role can have; the role's own maximum is checked after it. */
    static final int MAX_ROLE_DURATION_SECONDS = 43_200;
    static final int MAX_TAGS = 50;
    private static final String SESSION_NAME = "[\\w+=,.@-]*";
    private static final String EXTERNAL_ID = "[\\w+=,.@:\\/-]*";
    private static final String TAG_KEY = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";
    private static final String TAG_VALUE = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";

    private final Map<String, String> parameters;
    private final List<String> violations = new ArrayList<>();

    private AssumeRoleParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    /** Every violated constraint, in the request's order; empty when the request passes. */
    static List<String> violations(Map<String, String> parameters) {
        AssumeRoleParameters check = new AssumeRoleParameters(parameters);
        check.text("RoleArn", "roleArn", 20, 2048, null, true);
        check.text("RoleSessionName", "roleSessionName", 2, 64, SESSION_NAME, true);
        check.text("ExternalId", "externalId", 2, 1224, EXTERNAL_ID, false);
        check.text("SourceIdentity", "sourceIdentity", 2, 64, SESSION_NAME, false);
        check.text("Policy", "policy", 1, Integer.MAX_VALUE, null, false);
        check.duration();
        int tags = check.count("Tags.member.%d.Key", "tags");
        for (int i = 1; i <= tags; i++) {
            check.text("Tags.member." + i + ".Key", "tags." + i + ".member.key", 1, 128, TAG_KEY, true);
            check.text("Tags.member." + i + ".Value", "tags." + i + ".member.value", 0, 256, TAG_VALUE, true);
        }
        int transitive = check.count("TransitiveTagKeys.member.%d", "transitiveTagKeys");
        for (int i = 1; i <= transitive; i++) {
            check.text("TransitiveTagKeys.member." + i, "transitiveTagKeys." + i + ".member", 1, 128, TAG_KEY, true);
        }
        return List.copyOf(check.violations);
    }

    /** STS's message for the violations. */
    static String message(List<String> violations) {
        return violations.size() + " validation error" + (violations.size() == 1 ? "" : "s") + " detected: "
                + String.join("; ", violations);
    }

    private void text(String parameter, String member, int min, int max, String pattern, boolean required) {
        String value = parameters.get(parameter);
        if (value == null) {
            if (required) {
                violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
            }
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            violate(value, member, "Member must have length greater than or equal to " + min);
        } else if (length > max) {
            violate(value, member, "Member must have length less than or equal to " + max);
        } else if (pattern != null && !Pattern.compile(pattern).matcher(value).matches()) {
            violate(value, member, "Member must satisfy regular expression pattern: " + pattern);
        }
    }

    private void duration() {
        String value = parameters.get("DurationSeconds");
        if (value == null) {
            return;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            violate(value, "durationSeconds", "Member must be a number");
            return;
        }
        if (seconds < MIN_DURATION_SECONDS) {
            violate(value, "durationSeconds", "Member must have value greater than or equal to " + MIN_DURATION_SECONDS);
        } else if (seconds > MAX_ROLE_DURATION_SECONDS) {
            violate(value, "durationSeconds", "Member must have value less than or equal to "
                    + MAX_ROLE_DURATION_SECONDS);
        }
    }

    /** How many members a list has (1, 2, ... without gaps); more than {@link #MAX_TAGS} is a violation. */
    private int count(String memberFormat, String member) {
        int count = 0;
        while (parameters.containsKey(memberFormat.formatted(count + 1))) {
            count++;
        }
        if (count > MAX_TAGS) {
            violations.add("Value '[" + count + " members]' at '" + member + "' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_TAGS);
        }
        return count;
    }

    private void violate(String value, String member, String constraint) {
        violations.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);
    }
}
