package dev.shiptrack.watchdog;

import java.io.IOException;

import dev.shiptrack.iam.isolation.IsolationAlert;

/** Where a raised alert goes: the isolation alerts' SNS topic on AWS. */
interface AlertPublisher {

    /** @throws IOException when the alert could not be delivered (the invocation then fails and Lambda retries it) */
    void publish(IsolationAlert alert, String line) throws IOException;
}
