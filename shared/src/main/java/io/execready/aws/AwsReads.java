package io.execready.aws;

import io.execready.snapshot.Fetched;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place that turns a failed AWS read into a {@link Fetched.Failed} whose reason names the
 * IAM action and the kind of failure, so that a check can say "ec2:DescribeRouteTables was denied"
 * instead of guessing.
 */
public final class AwsReads {

    private static final Set<String> DENIED = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess",
            "AuthorizationError", "AuthorizationErrorException", "ClientException.AccessDenied");

    private static final Set<String> THROTTLED = Set.of(
            "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded",
            "TooManyRequestsException", "RequestThrottled", "RequestThrottledException", "SlowDown");

    private AwsReads() {
    }

    /** Runs a read; an SDK failure becomes Failed naming {@code action}. Other exceptions propagate. */
    public static <T> Fetched<T> read(String action, Supplier<Fetched<T>> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            return Fetched.failed(describe(action, e));
        }
    }

    /** "ecs:DescribeClusters was denied (AccessDeniedException)" and the like. */
    public static String describe(String action, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (isDenied(service, code)) {
                return action + " was denied (" + code + ")";
            }
            if (service.isThrottlingException() || (code != null && THROTTLED.contains(code))) {
                return action + " was throttled and retries ran out (" + code + ")";
            }
            return action + " failed with " + (code == null ? "HTTP " + service.statusCode() : code)
                    + (service.awsErrorDetails() == null ? "" : ": " + service.awsErrorDetails().errorMessage());
        }
        if (e instanceof SdkClientException) {
            return action + " could not reach AWS (" + e.getMessage() + ")";
        }
        return action + " failed (" + e.getMessage() + ")";
    }

    /** Whether the failure is a permission problem, which is never a verdict about the task. */
    public static boolean isDenied(SdkException e) {
        return e instanceof AwsServiceException service
                && isDenied(service, service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode());
    }

    private static boolean isDenied(AwsServiceException e, String code) {
        return (code != null && DENIED.contains(code)) || (code == null && e.statusCode() == 403);
    }
}
