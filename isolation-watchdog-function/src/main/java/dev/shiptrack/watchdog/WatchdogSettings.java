package dev.shiptrack.watchdog;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The function's settings, read from its environment (deploy/'s {@code IsolationAlerts} sets them).
 *
 * @param applicationRoles {@value #APPLICATION_ROLES}: comma-separated ARNs of the roles the application plane assumes
 *                         for ACTIVE tenants only
 * @param tenantTable      {@value #TENANT_TABLE}: the pooled tenant table (a tenant's silo table is its name plus
 *                         {@code -<tenant>})
 * @param alertTopicArn    {@value #ALERT_TOPIC}: the SNS topic the isolation alerts are published to
 */
public record WatchdogSettings(Set<String> applicationRoles, String tenantTable, String alertTopicArn) {

    public static final String APPLICATION_ROLES = "APPLICATION_ROLE_ARNS";
    public static final String TENANT_TABLE = "TENANT_TABLE";
    public static final String ALERT_TOPIC = "ALERT_TOPIC_ARN";

    /** @throws IllegalStateException naming every setting that is missing or blank */
    public static WatchdogSettings from(Map<String, String> environment) {
        Set<String> missing = Set.of(APPLICATION_ROLES, TENANT_TABLE, ALERT_TOPIC).stream()
                .filter(key -> environment.getOrDefault(key, "").isBlank())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The isolation watchdog function needs " + String.join(", ", missing));
        }
        Set<String> roles = Arrays.stream(environment.get(APPLICATION_ROLES).split(","))
                .map(String::strip).filter(role -> !role.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new WatchdogSettings(roles, environment.get(TENANT_TABLE), environment.get(ALERT_TOPIC));
    }
}
