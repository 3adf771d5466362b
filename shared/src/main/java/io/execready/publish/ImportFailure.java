package io.execready.publish;

import java.util.Objects;

/**
 * A finding Security Hub did not import, with the reason it gave (or ours, when it was never sent).
 *
 * @param findingId    the finding's Id
 * @param errorCode    Security Hub's error code, such as {@code InvalidInput}
 * @param errorMessage what it said
 */
public record ImportFailure(String findingId, String errorCode, String errorMessage) {

    public ImportFailure {
        Objects.requireNonNull(findingId, "findingId");
        errorCode = errorCode == null || errorCode.isBlank() ? "Unknown" : errorCode;
        errorMessage = errorMessage == null ? "" : errorMessage;
    }

    @Override
    public String toString() {
        return findingId + " (" + errorCode + (errorMessage.isEmpty() ? "" : ": " + errorMessage) + ")";
    }
}
