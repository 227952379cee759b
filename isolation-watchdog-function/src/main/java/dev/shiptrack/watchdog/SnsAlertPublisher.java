package dev.shiptrack.watchdog;

import java.io.IOException;

import dev.shiptrack.iam.isolation.IsolationAlert;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** Publishes each alert to the topic the EventBridge rules and the denial-burst alarm publish to. */
final class SnsAlertPublisher implements AlertPublisher {

    private final SnsClient sns;
    private final String topicArn;

    SnsAlertPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(IsolationAlert alert, String line) throws IOException {
        try {
            sns.publish(PublishRequest.builder().topicArn(topicArn).subject(alert.event()).message(line).build());
        } catch (SdkException e) {
            throw new IOException("The alert could not be published to " + topicArn, e);
        }
    }
}
