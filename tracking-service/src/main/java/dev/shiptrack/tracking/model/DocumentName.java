package dev.shiptrack.tracking.model;

import java.util.regex.Pattern;

import dev.shiptrack.tracking.service.InvalidInputException;

/** A delivery document name: {@code [A-Za-z0-9._-]{1,128}} without {@code ..}, so it is one S3 key segment. */
public record DocumentName(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public DocumentName {
        if (value == null || !FORMAT.matcher(value).matches() || value.contains("..")) {
            throw new InvalidInputException("document name must match [A-Za-z0-9._-]{1,128} and must not contain '..'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
