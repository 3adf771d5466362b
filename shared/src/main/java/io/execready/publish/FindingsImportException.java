package io.execready.publish;

import io.execready.engine.ExecReadyException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Some findings were still not imported when retries ran out, or could not be retried. The
 * handler lets it escape so the invocation fails: Lambda retries it, then dead-letters it.
 */
public final class FindingsImportException extends ExecReadyException {

    private static final int LISTED = 5;

    private final transient PublishOutcome outcome;
    private final transient List<ImportFailure> failures;

    public FindingsImportException(PublishOutcome outcome, List<ImportFailure> failures) {
        super(describe(outcome, failures));
        this.outcome = outcome;
        this.failures = List.copyOf(failures);
    }

    /** What was done before giving up: findings already imported stay imported. */
    public PublishOutcome outcome() {
        return outcome;
    }

    public List<ImportFailure> failures() {
        return failures;
    }

    private static String describe(PublishOutcome outcome, List<ImportFailure> failures) {
        String listed = failures.stream().limit(LISTED).map(ImportFailure::toString).collect(Collectors.joining("; "));
        String more = failures.size() > LISTED ? "; and " + (failures.size() - LISTED) + " more" : "";
        return failures.size() + " of " + outcome.submitted() + " findings were not imported into Security Hub: " + listed + more;
    }
}
