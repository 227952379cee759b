package dev.shiptrack.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/** The result of a call and how long the call took: for fault tests that bound and print waiting times. */
public record Timed<T>(T result, Duration took) {

    public static <T> Timed<T> of(Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        return new Timed<>(result, Duration.ofNanos(System.nanoTime() - start));
    }
}
