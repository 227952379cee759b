package dev.shiptrack.tenant.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The tenant's tier, as the data plane's {@code tenants.tier} stores it. */
public enum Tier {
    GOLD,
    SILVER,
    BRONZE;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts exactly the lowercase names; anything else is an unreadable body (400). */
    @JsonCreator
    public static Tier of(String value) {
        for (Tier tier : values()) {
            if (tier.value().equals(value)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("A tier is one of gold, silver, bronze");
    }
}
