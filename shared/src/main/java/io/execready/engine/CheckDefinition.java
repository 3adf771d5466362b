package io.execready.engine;

import java.util.List;
import java.util.Objects;

/**
 * A check's identity in the catalog, and the one place its results are made, so that every result
 * carries the id, title, documentation link and the severity the catalog gives its status.
 *
 * @param id               the catalog id; released ids are never renamed
 * @param title            a short title, used as the Security Hub finding title
 * @param documentationUrl AWS documentation for the requirement
 * @param warnSeverity     LOW or MEDIUM: how much an unmet recommendation of this check matters
 * @param operatorError    what an operator sees when they try ECS Exec on a task this check FAILs;
 *                         {@link OperatorError#NONE} for a check that never FAILs
 */
public record CheckDefinition(String id, String title, String documentationUrl, Severity warnSeverity, OperatorError operatorError) {

    /** The evidence key under which a FAIL carries {@link #operatorError}. */
    public static final String OPERATOR_ERROR = "operatorError";

    public CheckDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(documentationUrl, "documentationUrl");
        Objects.requireNonNull(warnSeverity, "warnSeverity");
        Objects.requireNonNull(operatorError, "operatorError");
    }

    public CheckDefinition(String id, String title, String documentationUrl, Severity warnSeverity) {
        this(id, title, documentationUrl, warnSeverity, OperatorError.NONE);
    }

    /**
     * Whether this check's UNKNOWN leaves a subject undetermined. A check that can FAIL declares the
     * error an operator then sees; one that declares none only recommends (WARN at worst), so what it
     * could not read leaves readiness decided.
     */
    public boolean decidesReadiness() {
        return !operatorError.isNone();
    }

    /** A copy whose FAILs carry {@code error}. */
    public CheckDefinition failingWith(OperatorError error) {
        return new CheckDefinition(id, title, documentationUrl, warnSeverity, error);
    }

    public static CheckDefinition of(String id, String title, String documentationUrl) {
        return new CheckDefinition(id, title, documentationUrl, Severity.MEDIUM);
    }

    public CheckResult pass(String message) {
        return result(CheckStatus.PASS, Severity.INFORMATIONAL, message, "");
    }

    public CheckResult warn(String message, String remediation) {
        return result(CheckStatus.WARN, warnSeverity, message, remediation);
    }

    /** A FAIL carrying this check's {@link #operatorError}. */
    public CheckResult fail(String message, String remediation) {
        return fail(message, remediation, operatorError);
    }

    /** A FAIL carrying {@code error}, for a check whose failures show the operator different errors. */
    public CheckResult fail(String message, String remediation, OperatorError error) {
        CheckResult failed = result(CheckStatus.FAIL, Severity.HIGH, message, remediation);
        return error.isNone() ? failed : failed.withEvidence(OPERATOR_ERROR, error.text());
    }

    /** The data the check needed could not be read; {@code message} names what was missing. */
    public CheckResult unknown(String message, String remediation) {
        return result(CheckStatus.UNKNOWN, Severity.INFORMATIONAL, message, remediation);
    }

    public CheckResult notApplicable(String message) {
        return result(CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, message, "");
    }

    private CheckResult result(CheckStatus status, Severity severity, String message, String remediation) {
        return new CheckResult(id, title, status, severity, message, remediation, documentationUrl, null, null, List.of(),
                decidesReadiness());
    }
}
