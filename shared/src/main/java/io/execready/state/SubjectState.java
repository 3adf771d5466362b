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
 */
public record SubjectState(Subject subject, AlertState alert, Map<String, CheckState> checks) {

    public SubjectState {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(alert, "alert");
        checks = Map.copyOf(checks);
    }

    public Optional<CheckState> check(String checkId) {
        return Optional.ofNullable(checks.get(checkId));
    }
}
