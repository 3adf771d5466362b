package io.execready.aws;

import io.execready.policy.PolicyDocument;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place that turns a failed AWS read into a {@link ReadFailure}: the IAM action, the
 * {@link FailureKind} classified once from the SDK's exception, and what AWS said. Every gateway
 * reads through it, so a check can say "ec2:DescribeRouteTables was denied" or "was throttled"
 * from data, never from a message.
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

    /** Runs a read; an SDK failure becomes Failed naming {@code action} and its kind. Other exceptions propagate. */
    public static <T> Fetched<T> read(String action, Supplier<Fetched<T>> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            return Fetched.failed(failure(action, e));
        }
    }

    /**
     * A resource policy as AWS returned it (some services URL-encode it); a document that is not a
     * policy is an invalid response of {@code action}, never a guess.
     */
    public static Fetched<PolicyDocument> policy(String action, String document) {
        String json = document.strip().startsWith("%7B") || document.strip().startsWith("%7b")
                ? URLDecoder.decode(document, StandardCharsets.UTF_8) : document;
        try {
            return Fetched.present(PolicyDocument.parse(json));
        } catch (IllegalArgumentException notAPolicy) {
            return Fetched.failed(new ReadFailure(action, FailureKind.INVALID_RESPONSE, notAPolicy.getMessage()));
        }
    }

    /** The failure of {@code action} that {@code e} reports. */
    public static ReadFailure failure(String action, SdkException e) {
        return new ReadFailure(action, kindOf(e), detailOf(e));
    }

    /** What kind of failure {@code e} is: the error code first, then the HTTP status, then the client-side cause. */
    static FailureKind kindOf(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return FailureKind.TIMED_OUT;
        }
        if (e instanceof AwsServiceException service) {
            return kindOf(service);
        }
        if (e instanceof SdkClientException) {
            return kindOfClientCause(e);
        }
        return FailureKind.UNEXPECTED;
    }

    private static FailureKind kindOf(AwsServiceException e) {
        String code = errorCode(e);
        if (DENIED.contains(code) || (code.isEmpty() && e.statusCode() == 403)) {
            return FailureKind.DENIED;
        }
        if (THROTTLED.contains(code) || e.isThrottlingException()) {
            return FailureKind.THROTTLED;
        }
        if (isNotFound(code) || e.statusCode() == 404) {
            return FailureKind.NOT_FOUND;
        }
        // The SDK already retried a server error: what is left is an outage, as far as the checker can tell.
        if (e.statusCode() >= 500) {
            return FailureKind.UNREACHABLE;
        }
        return FailureKind.REJECTED;
    }

    /** ClusterNotFoundException, InvalidSubnetID.NotFound, NoSuchEntity, NoSuchBucket, NotFoundException. */
    private static boolean isNotFound(String code) {
        return code.endsWith("NotFound") || code.endsWith("NotFoundException") || code.startsWith("NoSuch");
    }

    /** A client-side failure: timed out, could not connect, or an answer that could not be read. */
    private static FailureKind kindOfClientCause(SdkException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) {
                return FailureKind.TIMED_OUT; // SocketTimeoutException, HttpTimeoutException's kin
            }
            if (cause instanceof SocketException || cause instanceof UnknownHostException || cause instanceof SSLException
                    || cause instanceof EOFException || cause.getClass() == IOException.class) {
                return FailureKind.UNREACHABLE;
            }
            if (cause instanceof IOException) {
                return FailureKind.INVALID_RESPONSE; // a parser's own IOException: the body was not what the API promises
            }
        }
        return FailureKind.UNEXPECTED;
    }

    /** "AccessDeniedException: User ... is not authorized ...", or the client's message. */
    private static String detailOf(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            AwsErrorDetails details = service.awsErrorDetails();
            String code = errorCode(service);
            String message = details.errorMessage() == null ? "" : details.errorMessage().strip();
            String head = code.isEmpty() ? "HTTP " + service.statusCode() : code;
            return message.isEmpty() ? head : head + ": " + message;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    }
}
