package io.execready.cli;

import io.execready.engine.SubjectReport;
import io.execready.publish.FindingsPort;
import io.execready.publish.PublishResult;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Subject;
import io.execready.state.TaskEventVersions;
import java.util.List;
import java.util.OptionalLong;

/**
 * The command line only reports: it holds no state table, no Security Hub and no SNS. The engine's
 * evaluations take a findings port and an event dedupe; the report-only paths the command line
 * takes never call them, and this says so loudly if one ever did.
 */
final class NeverPublished implements FindingsPort, TaskEventVersions {

    static final NeverPublished INSTANCE = new NeverPublished();

    private NeverPublished() {
    }

    @Override
    public PublishResult publish(SubjectReport report) {
        throw refused("publish findings of " + report.subject().describe());
    }

    @Override
    public PublishResult archive(Subject subject) {
        throw refused("archive findings of " + subject.describe());
    }

    @Override
    public boolean hasLiveFindings(Subject subject) {
        throw refused("read published findings of " + subject.describe());
    }

    @Override
    public List<Subject> subjectsOf(String clusterArn) {
        throw refused("list published subjects of " + clusterArn);
    }

    @Override
    public OptionalLong alreadyProcessed(EcsTask task) {
        throw refused("read event versions of " + task.taskArn());
    }

    @Override
    public void processed(EcsTask task) {
        throw refused("record event versions of " + task.taskArn());
    }

    private static IllegalStateException refused(String what) {
        return new IllegalStateException("execready check never publishes, but was asked to " + what);
    }
}
