package io.execready.cli;

import io.execready.checks.support.ShellWords;
import io.execready.engine.SubjectReport;
import java.util.List;

/**
 * The command that opens a shell in each exec-capable container of an Exec-ready task, with every
 * name quoted for the shell when it needs it; none for a task that is not ready.
 */
final class ConnectCommands {

    private ConnectCommands() {
    }

    /** A container of a ready task and the command that opens a shell in it. */
    record Connect(String container, String command) {
    }

    static List<Connect> of(SubjectReport report) {
        if (!report.execReady()) {
            return List.of();
        }
        return report.execCapableContainers().stream()
                .map(container -> new Connect(container, "aws ecs execute-command --cluster " + ShellWords.quote(report.task().clusterName())
                        + " --task " + ShellWords.quote(report.task().taskId()) + " --container " + ShellWords.quote(container)
                        + " --interactive --command /bin/sh"))
                .toList();
    }
}
