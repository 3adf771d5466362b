package io.execready.state;

import io.execready.snapshot.Subject;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the store holds about one subject, read with one consistent Query.
 *
 * @param subject the subject
 * @param alert   its alert state ({@link AlertState#NONE} when it never had a transition)
 * @param checks  per check id, the finding state
 * @param version how many writes changed the subject's findings or alert state (0 before the first,
 *                and for state written before the counter existed): a write conditional on it
 *                holds only while nobody changed anything the read returned
 */
public record SubjectState(Subject subject, AlertState alert, Map<String, CheckState> checks, long version) {

    public SubjectState {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(alert, "alert");
        checks = Map.copyOf(checks);
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }

    public Optional<CheckState> check(String checkId) {
        return Optional.ofNullable(checks.get(checkId));
    }
}
