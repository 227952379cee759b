package dev.shiptrack.tracking.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** How a probe that ended before the check's deadline is reported. */
class BackendReadinessCheckFailureTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    @Test
    void shouldReportTheProbeClientsOwnReadTimeoutAsNoAnswer() {
        // SignedHttpClient's read timeout fired just before the check's deadline: the same hang.
        UncheckedIOException readTimedOut = new UncheckedIOException(new SocketTimeoutException("Read timed out"));

        assertThat(BackendReadinessCheck.failure(readTimedOut, TIMEOUT)).isEqualTo("no answer within 1500 ms");
    }

    @Test
    void shouldReportTheSdksAttemptTimeoutAsNoAnswer() {
        SdkClientException timedOut = SdkClientException.create("Unable to execute HTTP request",
                ApiCallAttemptTimeoutException.create(1500));

        assertThat(BackendReadinessCheck.failure(timedOut, TIMEOUT)).isEqualTo("no answer within 1500 ms");
    }

    @Test
    void shouldNameWhatARefusedConnectionFailedWith() {
        UncheckedIOException refused = new UncheckedIOException(new ConnectException("Connection refused"));

        assertThat(BackendReadinessCheck.failure(refused, TIMEOUT)).isEqualTo("unreachable: ConnectException");
    }

    @Test
    void shouldReportAnAnswerWithItsStatusAndCode() {
        DynamoDbException throttled = (DynamoDbException) DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ThrottlingException").build())
                .build();

        assertThat(BackendReadinessCheck.failure(throttled, TIMEOUT)).isEqualTo("answered 400 ThrottlingException");
    }
}
