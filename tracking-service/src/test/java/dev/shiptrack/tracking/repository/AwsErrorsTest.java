package dev.shiptrack.tracking.repository;

import dev.shiptrack.iam.StorageModel;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.CredentialsUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class AwsErrorsTest {

    private static final TenantScope YELLOW = new TenantScope(new TenantId("yellow"), new TenantId("yellow"), StorageModel.POOL);

    @Test
    void shouldTreatAnIamRefusalAsAccessDenied() {
        DynamoDbException refused = (DynamoDbException) DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build();

        assertThat(AwsErrors.translate("dynamodb", YELLOW, "yellow#SHP-1", refused))
                .isInstanceOfSatisfying(StoreAccessDeniedException.class, denied -> {
                    assertThat(denied.tenant()).isEqualTo("yellow");
                    assertThat(denied.resource()).isEqualTo("yellow#SHP-1");
                });
    }

    @Test
    void shouldTreatAnUnreachableStoreAsUnavailable() {
        SdkClientException unreachable = SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused"));

        assertThat(AwsErrors.translate("s3", YELLOW, "yellow/SHP-1/pod.pdf", unreachable))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void shouldTreatAServerErrorAsUnavailable() {
        DynamoDbException failing = (DynamoDbException) DynamoDbException.builder().statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerError").build()).build();

        assertThat(AwsErrors.translate("dynamodb", YELLOW, "yellow#SHP-1", failing))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void shouldKeepTheVendingMachinesOwnFailureWhenTheSdkWrapsIt() {
        CredentialsUnavailableException stsDown = new CredentialsUnavailableException("yellow", "role", "STS down", null);
        SdkClientException wrapped = SdkClientException.create("Unable to load credentials", stsDown);

        assertThat(AwsErrors.translate("dynamodb", YELLOW, "yellow#SHP-1", wrapped)).isSameAs(stsDown);
    }
}
