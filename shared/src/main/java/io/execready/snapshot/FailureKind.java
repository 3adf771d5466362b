package io.execready.snapshot;

/**
 * Why an AWS read failed, as the operator has to act on it: only a denial is fixed by a permission;
 * throttling and outages pass, and the next evaluation reads again.
 */
public enum FailureKind {

    /** The checker's role lacks the permission (AccessDenied, UnauthorizedOperation). */
    DENIED,

    /** The API's rate limit was hit and the SDK's retries ran out. */
    THROTTLED,

    /** AWS could not be reached (a connection failure) or kept answering with a server error. */
    UNREACHABLE,

    /** AWS did not answer within the client's timeouts. */
    TIMED_OUT,

    /** AWS says the resource the read needed does not exist. */
    NOT_FOUND,

    /** AWS answered, but without what the checker needs, or with something it could not parse. */
    INVALID_RESPONSE,

    /** AWS refused the request with an error the checker does not classify (the detail names it). */
    REJECTED,

    /** The read broke inside the checker itself, not in AWS: a defect to report. */
    UNEXPECTED;

    /**
     * Whether this is a fault of the moment (throttling, an outage, a timeout) that Lambda's retry of
     * the same invocation, minutes later, may well not meet: worth failing the invocation for. An
     * answer that lacked what the checker needs is not, as the same answer is likely to come again.
     */
    public boolean momentary() {
        return switch (this) {
            case THROTTLED, UNREACHABLE, TIMED_OUT -> true;
            case DENIED, NOT_FOUND, INVALID_RESPONSE, REJECTED, UNEXPECTED -> false;
        };
    }

    /** Whether the same read may succeed when tried again soon: throttling and outages pass, a denial or a missing resource does not. */
    public boolean passing() {
        return switch (this) {
            case THROTTLED, UNREACHABLE, TIMED_OUT, INVALID_RESPONSE -> true;
            case DENIED, NOT_FOUND, REJECTED, UNEXPECTED -> false;
        };
    }
}
