package io.execready.cli;

import io.execready.engine.CheckResult;
import io.execready.engine.SubjectReport;
import io.execready.evaluation.EvaluationOutcome;
import io.execready.evaluation.ServiceOutcome;
import io.execready.evaluation.TaskBatchEvaluation.BatchOutcome;
import io.execready.snapshot.Fetched;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** What one {@code execready check} found, before it is printed. */
public sealed interface CheckOutcome {

    CheckOptions options();

    /**
     * The check ran.
     *
     * @param caller  the caller's principal, as simulated (or why not)
     * @param machine this machine's checks
     * @param service the service's own verdict, when a service was asked for
     * @param tasks   the tasks checked, or why they could not be listed
     */
    record Checked(CheckOptions options, Fetched<String> caller, List<CheckResult> machine, Optional<ServiceOutcome> service,
                   Tasks tasks) implements CheckOutcome {
        public Checked {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(caller, "caller");
            machine = List.copyOf(machine);
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(tasks, "tasks");
        }

        /** The task reports, in the order the tasks were listed. */
        public List<SubjectReport> taskReports() {
            return switch (tasks) {
                case Tasks.Evaluated evaluated -> evaluated.batch().evaluated().stream().map(EvaluationOutcome::report)
                        .map(SubjectReport.class::cast).toList();
                case Tasks.NotListed notListed -> List.of();
            };
        }

        /** Every subject's report: the service's own first, then its tasks'. */
        public List<SubjectReport> reports() {
            List<SubjectReport> service = this.service.stream()
                    .flatMap(outcome -> outcome instanceof ServiceOutcome.Evaluated evaluated ? Stream.of(evaluated.report())
                            : Stream.empty())
                    .map(SubjectReport.class::cast)
                    .toList();
            return Stream.concat(service.stream(), taskReports().stream()).toList();
        }

        /** What could not be evaluated, each with the reason: a task not read or not found, the service, the listing. */
        public List<String> notEvaluated() {
            List<String> reasons = new ArrayList<>();
            service.ifPresent(outcome -> {
                switch (outcome) {
                    case ServiceOutcome.Evaluated evaluated -> { }
                    case ServiceOutcome.NotEvaluated not -> reasons.add("service " + serviceName() + ": " + not.why());
                    case ServiceOutcome.Archived archived -> reasons.add("service " + serviceName() + ": " + archived.why());
                    case ServiceOutcome.Debounced debounced -> reasons.add("service " + serviceName() + ": " + debounced.why());
                }
            });
            switch (tasks) {
                case Tasks.Evaluated evaluated -> reasons.addAll(evaluated.batch().notEvaluated());
                case Tasks.NotListed notListed -> reasons.add("could not list the tasks to check: " + notListed.reason());
            }
            return List.copyOf(reasons);
        }

        private String serviceName() {
            return options.target() instanceof CheckOptions.Target.ServiceTasks asked ? asked.service() : "of cluster " + options.cluster();
        }
    }

    /** Nothing could be checked: the caller's credentials do not work, so every read would fail the same way. */
    record NotStarted(CheckOptions options, String why) implements CheckOutcome {
        public NotStarted {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(why, "why");
        }
    }

    /** The tasks a check covered. */
    sealed interface Tasks {
        /** Listed (or named) and evaluated; {@code batch.notEvaluated()} says why any was not. */
        record Evaluated(BatchOutcome batch) implements Tasks {
            public Evaluated {
                Objects.requireNonNull(batch, "batch");
            }
        }

        /** The tasks to check could not be listed. */
        record NotListed(String reason) implements Tasks {
            public NotListed {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
