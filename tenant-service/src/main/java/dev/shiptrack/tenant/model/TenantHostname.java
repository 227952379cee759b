package dev.shiptrack.tenant.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A hostname that routes to the tenant: its subdomain {@code <tenant>.<base domain>} or a custom hostname, exact or a
 * wildcard {@code *.<domain>} (matching exactly one more label).
 */
public record TenantHostname(String hostname, Kind kind) {

    /** A lowercase DNS name of at least two labels, each 1 to 63 letters, digits and inner hyphens. */
    public static final String DNS_NAME = "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    /** DNS's limit on a whole name. */
    public static final int MAX_LENGTH = 253;

    public enum Kind {
        SUBDOMAIN,
        CUSTOM;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
