package io.execready.engine;

import io.execready.snapshot.ReadFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One check's verdict on one task or service.
 *
 * <p>Create results through {@link CheckDefinition}, which fills in the id, title and documentation
 * link and picks the severity the catalog assigns to each status.
 *
 * @param checkId          stable catalog id, part of Security Hub finding ids
 * @param title            short human title of the check
 * @param status           the verdict
 * @param severity         HIGH for FAIL, LOW or MEDIUM for WARN, INFORMATIONAL otherwise
 * @param message          one sentence naming the resource, ending with a period
 * @param remediation      the exact CLI or template change; empty when nothing is to be done
 * @param documentationUrl where a person reads more
 * @param cause            the resource at fault other than the task, or null
 * @param evidence         facts behind the verdict (never a secret), for finding details
 * @param readFailures     for an UNKNOWN, the reads whose failure left the check undecided; empty otherwise
 * @param decidesReadiness whether the check can FAIL, so that its UNKNOWN leaves the subject undetermined
 *                         ({@link CheckDefinition#decidesReadiness()})
 */
public record CheckResult(
        String checkId,
        String title,
        CheckStatus status,
        Severity severity,
        String message,
        String remediation,
        String documentationUrl,
        CauseResource cause,
        Map<String, String> evidence,
        List<ReadFailure> readFailures,
        boolean decidesReadiness) {

    public CheckResult {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        remediation = remediation == null ? "" : remediation;
        Objects.requireNonNull(documentationUrl, "documentationUrl");
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        readFailures = readFailures == null ? List.of() : List.copyOf(readFailures);
    }

    /** A verdict that no failed read stands behind, of a check that decides readiness. */
    public CheckResult(String checkId, String title, CheckStatus status, Severity severity, String message, String remediation,
                       String documentationUrl, CauseResource cause, Map<String, String> evidence) {
        this(checkId, title, status, severity, message, remediation, documentationUrl, cause, evidence, List.of(), true);
    }

    public Optional<CauseResource> causeResource() {
        return Optional.ofNullable(cause);
    }

    /** The error an operator sees when they try ECS Exec, carried by a FAIL. */
    public Optional<String> operatorError() {
        return Optional.ofNullable(evidence.get(CheckDefinition.OPERATOR_ERROR));
    }

    /** A copy blaming the given resource. */
    public CheckResult withCause(CauseResource newCause) {
        return new CheckResult(checkId, title, status, severity, message, remediation, documentationUrl, newCause, evidence, readFailures, decidesReadiness);
    }

    /** A copy with one more piece of evidence. */
    public CheckResult withEvidence(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(evidence);
        more.put(key, value);
        return new CheckResult(checkId, title, status, severity, message, remediation, documentationUrl, cause, more, readFailures, decidesReadiness);
    }

    /** A copy naming the failed reads that left the check undecided. */
    public CheckResult withReadFailures(List<ReadFailure> failures) {
        return new CheckResult(checkId, title, status, severity, message, remediation, documentationUrl, cause, evidence, failures, decidesReadiness);
    }
}
