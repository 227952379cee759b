package dev.shiptrack.tenant.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.shiptrack.iam.StorageModel;

/**
 * The tenant's tier, as the data plane's {@code tenants.tier} and the routes registry's tenant item store it; the
 * services derive per-tenant rate limits from it. It chooses the storage a tenant is onboarded with; a later tier
 * change moves no data (that is {@code PUT /tenants/{id}/storage}).
 */
public enum Tier {
    BASIC,
    STANDARD,
    PREMIUM;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The storage of a tenant onboarded with this tier unless the request names one: premium tenants get a silo. */
    public StorageModel defaultStorage() {
        return this == PREMIUM ? StorageModel.SILO : StorageModel.POOL;
    }

    /** Accepts exactly the lowercase names; anything else is an unreadable body (400). */
    @JsonCreator
    public static Tier of(String value) {
        for (Tier tier : values()) {
            if (tier.value().equals(value)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("A tier is one of basic, standard, premium");
    }
}
