package io.execready.publish;

/**
 * What one publish did.
 *
 * @param submitted the findings handed to the publisher
 * @param imported  the findings Security Hub accepted
 * @param calls     BatchImportFindings calls made, retries included
 * @param resent    findings sent again after a passing failure (a finding resent twice counts twice)
 */
public record PublishOutcome(int submitted, int imported, int calls, int resent) {
}
