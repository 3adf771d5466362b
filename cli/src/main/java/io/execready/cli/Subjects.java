package io.execready.cli;

import io.execready.engine.ServiceReport;
import io.execready.engine.SubjectReport;
import io.execready.engine.TaskReport;

/** How a report's subject is named in every output format. */
final class Subjects {

    private Subjects() {
    }

    static String title(SubjectReport report) {
        return switch (report) {
            case TaskReport task -> "task " + task.task().taskId() + " (" + task.subject().describe() + ")";
            case ServiceReport service -> service.subject().describe() + ", before its next task starts";
        };
    }
}
