package dev.shiptrack.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the two services run; chosen with the CDK context key {@code compute}. */
public enum Compute {
    /** Native executables as Lambda functions ({@code provided.al2023}) behind HTTP APIs. */
    LAMBDA,
    /** Native container images as ECS Fargate services behind an Application Load Balancer. */
    FARGATE;

    /** The context value that selects this target. */
    public String contextValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a context value, naming the accepted ones when it is not one of them. */
    public static Compute fromContext(String value) {
        return Arrays.stream(values())
                .filter(compute -> compute.contextValue().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Context 'compute' must be one of "
                        + Arrays.stream(values()).map(Compute::contextValue).collect(Collectors.joining(", "))
                        + ", was " + value));
    }
}
