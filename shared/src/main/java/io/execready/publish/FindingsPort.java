package io.execready.publish;

import io.execready.engine.SubjectReport;
import io.execready.snapshot.Subject;
import io.execready.state.TaskEventMark;
import java.util.List;

/**
 * Everything that leaves the engine goes through here: a subject's findings, and the alerts its
 * transitions send. {@link SecurityHubFindingsPort} keeps them in Security Hub and SNS, with the
 * state table making "import only what changed" and "alert once per transition" hold under
 * concurrency; tests use an in-memory implementation.
 */
public interface FindingsPort {

    /**
     * Publishes what an authoritative evaluation of the report's subject changed: the findings of
     * the report's checks, and an alert when the subject's failing set made a transition.
     */
    PublishResult publish(SubjectReport report);

    /**
     * Publishes as {@link #publish} does, for a task event whose handling ends with it, and marks
     * the event handled where the publication's own writes can carry the mark (the result says
     * whether it did; the caller marks it otherwise). Only a report whose verdict is final is
     * published this way: a verdict with a check that could not be read must be evaluated again.
     */
    default PublishResult publishMarking(SubjectReport report, TaskEventMark handled) {
        return publish(report);
    }

    /** Archives every active finding of a subject that is gone and clears its alert state, sending nothing. */
    PublishResult archive(Subject subject);

    /**
     * Whether anything was published for the subject that archiving would change: an active finding,
     * or an alert state that is not cleared.
     */
    boolean hasLiveFindings(Subject subject);

    /**
     * The subjects of a cluster anything was ever published for (live or archived), so that a sweep
     * can archive those that are gone. May miss a subject first published a moment ago.
     */
    List<Subject> subjectsOf(String clusterArn);
}
