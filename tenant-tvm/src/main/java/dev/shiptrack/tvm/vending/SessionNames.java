package dev.shiptrack.tvm.vending;

import dev.shiptrack.tvm.tenant.TenantId;

import java.time.Instant;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Role session names: {@code <tenant>.<service>.<epoch seconds, base 36>-<6 random base-36 digits>}. The name
 * shows in CloudTrail and in the assumed-role ARN, so it identifies the tenant and the service and tells vends
 * apart; STS accepts at most 64 characters of {@code [\w+=,.@-]}.
 */
final class SessionNames {

    static final int MAX_LENGTH = 64;
    static final Pattern ALLOWED = Pattern.compile("[\\w+=,.@-]{2,64}");
    /** Service names are kept short enough that the longest tenant id still fits. */
    static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9-]{1,16}");
    private static final int RANDOM_DIGITS = 6;
    private static final long RANDOM_BOUND = 2_176_782_336L; // 36^6

    private SessionNames() {
    }

    static String sessionName(String serviceName, TenantId tenant, Instant now, RandomGenerator random) {
        if (!SERVICE_NAME.matcher(serviceName).matches()) {
            throw new IllegalArgumentException("tenant-tvm.service-name must be 1 to 16 of [a-z0-9-]");
        }
        String suffix = Long.toString(random.nextLong(RANDOM_BOUND), 36);
        String name = tenant.value() + "." + serviceName + "." + Long.toString(now.getEpochSecond(), 36) + "-"
                + "0".repeat(RANDOM_DIGITS - suffix.length()) + suffix;
        if (!ALLOWED.matcher(name).matches()) {
            throw new IllegalStateException("Role session name out of STS limits: " + name);
        }
        return name;
    }
}
