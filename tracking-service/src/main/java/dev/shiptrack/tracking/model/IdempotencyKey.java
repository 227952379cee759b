package dev.shiptrack.tracking.model;

import java.util.regex.Pattern;

import dev.shiptrack.tracking.service.InvalidInputException;

/**
 * The client's {@code Idempotency-Key} header: {@code [A-Za-z0-9._:-]{1,128}} (a UUID fits). It has no {@code #}, so
 * the key item {@code <tenant>#_idempotency#<key>} stays unambiguous and never ends like the tenant status item.
 */
public record IdempotencyKey(String value) {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public IdempotencyKey {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidInputException(HEADER + " must match [A-Za-z0-9._:-]{1,128}");
        }
    }

    /** The header's key, or null when the request has none. */
    public static IdempotencyKey ofHeader(String header) {
        return header == null ? null : new IdempotencyKey(header);
    }
}
