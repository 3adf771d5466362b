package io.execready.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.snapshot.Fetched;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsReadsTest {

    private static AwsServiceException serviceError(String code, int status) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("message from AWS").build())
                .statusCode(status)
                .build();
    }

    @Test
    void read_whenAccessDenied_namesActionAsDenied() {
        Fetched<String> result = AwsReads.read("ec2:DescribeRouteTables", () -> {
            throw serviceError("UnauthorizedOperation", 403);
        });

        assertThat(result).isEqualTo(Fetched.failed("ec2:DescribeRouteTables was denied (UnauthorizedOperation)"));
    }

    @Test
    void read_whenThrottled_saysRetriesRanOut() {
        Fetched<String> result = AwsReads.read("ecs:DescribeTasks", () -> {
            throw serviceError("ThrottlingException", 400);
        });

        assertThat(result).isInstanceOfSatisfying(Fetched.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("ecs:DescribeTasks was throttled and retries ran out (ThrottlingException)"));
    }

    @Test
    void read_whenOtherServiceError_includesCodeAndMessage() {
        Fetched<String> result = AwsReads.read("kms:DescribeKey", () -> {
            throw serviceError("KMSInternalException", 500);
        });

        assertThat(result).isEqualTo(Fetched.failed("kms:DescribeKey failed with KMSInternalException: message from AWS"));
    }

    @Test
    void read_whenNetworkFailure_saysAwsUnreachable() {
        Fetched<String> result = AwsReads.read("iam:SimulatePrincipalPolicy", () -> {
            throw SdkClientException.create("connect timed out");
        });

        assertThat(result).isEqualTo(Fetched.failed("iam:SimulatePrincipalPolicy could not reach AWS (connect timed out)"));
    }

    @Test
    void read_whenSuccessful_passesValueThrough() {
        assertThat(AwsReads.read("ecs:DescribeClusters", () -> Fetched.present("ok"))).isEqualTo(Fetched.present("ok"));
    }

    @Test
    void isDenied_distinguishesPermissionProblemsFromOthers() {
        assertThat(AwsReads.isDenied(serviceError("AccessDeniedException", 400))).isTrue();
        assertThat(AwsReads.isDenied(serviceError("ThrottlingException", 400))).isFalse();
    }
}
