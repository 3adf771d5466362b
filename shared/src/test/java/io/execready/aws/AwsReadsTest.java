package io.execready.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsReadsTest {

    private static AwsServiceException serviceError(String code, int status) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("message from AWS").build())
                .statusCode(status)
                .build();
    }

    private static FailureKind kindOf(Exception e) {
        Fetched<String> result = AwsReads.read("ecs:DescribeTasks", () -> {
            throw (RuntimeException) e;
        });
        return ((Fetched.Failed<String>) result).failure().kind();
    }

    @Test
    void read_whenAccessDenied_namesActionAsDeniedWithWhatAwsSaid() {
        Fetched<String> result = AwsReads.read("ec2:DescribeRouteTables", () -> {
            throw serviceError("UnauthorizedOperation", 403);
        });

        assertThat(result).isEqualTo(Fetched.failed(
                new ReadFailure("ec2:DescribeRouteTables", FailureKind.DENIED, "UnauthorizedOperation: message from AWS")));
        assertThat(((Fetched.Failed<String>) result).failure().describe())
                .isEqualTo("ec2:DescribeRouteTables was denied (UnauthorizedOperation: message from AWS)");
    }

    @Test
    void read_whenThrottled_saysRetriesRanOut() {
        Fetched<String> result = AwsReads.read("ecs:DescribeTasks", () -> {
            throw serviceError("ThrottlingException", 400);
        });

        assertThat(result).isInstanceOfSatisfying(Fetched.Failed.class, f -> assertThat(f.failure().describe())
                .isEqualTo("ecs:DescribeTasks was throttled and the retries ran out (ThrottlingException: message from AWS)"));
    }

    @Test
    void kindOf_classifiesErrorCodes() {
        assertThat(kindOf(serviceError("AccessDeniedException", 400))).isEqualTo(FailureKind.DENIED);
        assertThat(kindOf(serviceError("AccessDenied", 403))).isEqualTo(FailureKind.DENIED);
        assertThat(kindOf(serviceError("UnauthorizedOperation", 403))).isEqualTo(FailureKind.DENIED);
        assertThat(kindOf(serviceError("Throttling", 400))).isEqualTo(FailureKind.THROTTLED);
        assertThat(kindOf(serviceError("RequestLimitExceeded", 503))).isEqualTo(FailureKind.THROTTLED);
        assertThat(kindOf(serviceError("ClusterNotFoundException", 400))).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(kindOf(serviceError("InvalidSubnetID.NotFound", 400))).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(kindOf(serviceError("NoSuchEntity", 404))).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(kindOf(serviceError("ServiceUnavailable", 503))).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(kindOf(serviceError("InvalidParameterException", 400))).isEqualTo(FailureKind.REJECTED);
    }

    @Test
    void kindOf_classifiesClientSideFailures() {
        assertThat(kindOf(ApiCallTimeoutException.create(5000))).isEqualTo(FailureKind.TIMED_OUT);
        assertThat(kindOf(ApiCallAttemptTimeoutException.create(1000))).isEqualTo(FailureKind.TIMED_OUT);
        assertThat(kindOf(SdkClientException.create("Unable to execute HTTP request: Read timed out", new SocketTimeoutException("Read timed out"))))
                .isEqualTo(FailureKind.TIMED_OUT);
        assertThat(kindOf(SdkClientException.create("Unable to execute HTTP request", new ConnectException("Connection refused"))))
                .isEqualTo(FailureKind.UNREACHABLE);
        assertThat(kindOf(SdkClientException.create("Unable to execute HTTP request", new IOException("Premature EOF"))))
                .isEqualTo(FailureKind.UNREACHABLE);
        assertThat(kindOf(SdkClientException.create("Unable to load credentials"))).isEqualTo(FailureKind.UNEXPECTED);
    }

    @Test
    void read_whenServerErrorOutlastsRetries_saysAwsUnreachable() {
        Fetched<String> result = AwsReads.read("kms:DescribeKey", () -> {
            throw serviceError("KMSInternalException", 500);
        });

        assertThat(result).isEqualTo(Fetched.failed(
                new ReadFailure("kms:DescribeKey", FailureKind.UNREACHABLE, "KMSInternalException: message from AWS")));
    }

    @Test
    void read_whenNoConnection_saysAwsUnreachable() {
        Fetched<String> result = AwsReads.read("iam:SimulatePrincipalPolicy", () -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused", new ConnectException("Connection refused"));
        });

        assertThat(result).isInstanceOfSatisfying(Fetched.Failed.class, f -> assertThat(f.failure().describe())
                .isEqualTo("iam:SimulatePrincipalPolicy could not reach AWS (Unable to execute HTTP request: Connection refused)"));
    }

    @Test
    void read_whenSuccessful_passesValueThrough() {
        assertThat(AwsReads.read("ecs:DescribeClusters", () -> Fetched.present("ok"))).isEqualTo(Fetched.present("ok"));
    }

    @Test
    void policy_whenTheDocumentIsNotAPolicy_failsAsAnInvalidResponseOfTheAction() {
        Fetched<io.execready.policy.PolicyDocument> read = AwsReads.policy("kms:GetKeyPolicy", "{\"Version\":\"2012-10-17\"}");

        assertThat(read).isInstanceOfSatisfying(Fetched.Failed.class, f -> assertThat(f.failure())
                .extracting(ReadFailure::action, ReadFailure::kind).containsExactly("kms:GetKeyPolicy", FailureKind.INVALID_RESPONSE));
    }

    @Test
    void policy_whenUrlEncoded_decodesItFirst() {
        Fetched<io.execready.policy.PolicyDocument> read = AwsReads.policy("s3:GetBucketPolicy",
                "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%22*%22%2C%22Action%22%3A%22*%22%7D%5D%7D");

        assertThat(read.asOptional()).hasValueSatisfying(p -> assertThat(p.statements()).hasSize(1));
    }
}
