package dev.shiptrack.tvm.tenant;

import java.util.regex.Pattern;

/**
 * A tenant id: 3 to 32 lowercase letters and digits. It has no delimiter characters, so {@code <tenant>#},
 * {@code <tenant>-} and {@code <tenant>/} prefixes of one tenant can never match another tenant's data.
 */
public record TenantId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]{3,32}");

    public TenantId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidTenantException("A tenant id is 3 to 32 lowercase letters and digits");
        }
    }

    /** Parses a raw value; the value itself is never echoed in the error, since it is untrusted input. */
    public static TenantId parse(String raw) {
        return new TenantId(raw);
    }

    @Override
    public String toString() {
        return value;
    }
}
