package io.execready.functions;

import io.execready.engine.SubjectReport;
import io.execready.publish.FindingsPort;
import io.execready.publish.PublishResult;
import io.execready.state.TaskEventMark;
import io.execready.snapshot.Subject;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A findings port built when first used, so that a function asked only for reports never needs
 * the state table behind the real one; a missing table then fails the request that publishes,
 * naming the variable.
 */
final class DeferredFindingsPort implements FindingsPort {

    private final Supplier<FindingsPort> port;

    DeferredFindingsPort(Supplier<FindingsPort> port) {
        this.port = Objects.requireNonNull(port, "port");
    }

    @Override
    public PublishResult publish(SubjectReport report) {
        return port.get().publish(report);
    }

    @Override
    public PublishResult publishMarking(SubjectReport report, TaskEventMark handled) {
        return port.get().publishMarking(report, handled);
    }

    @Override
    public PublishResult archive(Subject subject) {
        return port.get().archive(subject);
    }

    @Override
    public boolean hasLiveFindings(Subject subject) {
        return port.get().hasLiveFindings(subject);
    }

    @Override
    public List<Subject> subjectsOf(String clusterArn) {
        return port.get().subjectsOf(clusterArn);
    }
}
