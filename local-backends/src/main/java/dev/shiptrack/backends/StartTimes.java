package dev.shiptrack.backends;

import java.time.Duration;
import java.util.logging.Logger;

/** Prints how long each server took to become ready, so that start-up time is measured on every run. */
final class StartTimes {

    private static final Logger LOG = Logger.getLogger(StartTimes.class.getName());

    private StartTimes() {
    }

    static void record(String server, Duration took) {
        LOG.info(() -> String.format("%s ready in %d ms", server, took.toMillis()));
    }
}
