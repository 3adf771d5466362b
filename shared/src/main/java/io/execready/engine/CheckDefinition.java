package io.execready.engine;

import java.util.Objects;

/**
 * A check's identity in the catalog, and the one place its results are made, so that every result
 * carries the id, title, documentation link and the severity the catalog gives its status.
 *
 * @param id               the catalog id; released ids are never renamed
 * @param title            a short title, used as the Security Hub finding title
 * @param documentationUrl AWS documentation for the requirement
 * @param warnSeverity     LOW or MEDIUM: how much an unmet recommendation of this check matters
 */
public record CheckDefinition(String id, String title, String documentationUrl, Severity warnSeverity) {

    public CheckDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(documentationUrl, "documentationUrl");
        Objects.requireNonNull(warnSeverity, "warnSeverity");
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

    public CheckResult fail(String message, String remediation) {
        return result(CheckStatus.FAIL, Severity.HIGH, message, remediation);
    }

    /** The data the check needed could not be read; {@code message} names what was missing. */
    public CheckResult unknown(String message, String remediation) {
        return result(CheckStatus.UNKNOWN, Severity.INFORMATIONAL, message, remediation);
    }

    public CheckResult notApplicable(String message) {
        return result(CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, message, "");
    }

    private CheckResult result(CheckStatus status, Severity severity, String message, String remediation) {
        return new CheckResult(id, title, status, severity, message, remediation, documentationUrl, null, null);
    }
}
