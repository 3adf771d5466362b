package io.execready.functions;

import io.execready.evaluation.ClusterSweep;
import io.execready.evaluation.ServiceOutcome;
import io.execready.evaluation.TaskBatchEvaluation;
import io.execready.evaluation.TaskEventOutcome;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.Subject;
import java.util.List;
import java.util.Objects;

/**
 * What one invocation of a function did, as data. Handlers decide and return one of these;
 * {@link OutcomeRenderer} alone turns it into the response, the log lines and the metrics.
 */
sealed interface FunctionOutcome {

    /** Input the function cannot use (malformed, another event type, too large): retrying it could never succeed. */
    record Ignored(String reason, String eventId, String detailType) implements FunctionOutcome {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A well-formed event that asks for nothing, such as a deployment still in progress. */
    record NothingAsked(String reason, String eventId) implements FunctionOutcome {
        public NothingAsked {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A task or service event, handled for the subject it is about. */
    sealed interface SubjectEventHandled extends FunctionOutcome {
        Subject subject();
    }

    /** An ECS task state change, handled. */
    record TaskEventHandled(String eventId, EcsTask task, TaskEventOutcome outcome, AwsCallCount calls) implements SubjectEventHandled {
        public TaskEventHandled {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(calls, "calls");
        }

        @Override
        public Subject subject() {
            return Subject.of(task);
        }
    }

    /** A service trigger, handled. */
    record ServiceEventHandled(String eventId, String trigger, Subject subject, ServiceOutcome outcome, AwsCallCount calls)
            implements SubjectEventHandled {
        public ServiceEventHandled {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(calls, "calls");
        }
    }

    /**
     * An event handled as far as was safe, whose subject reads of the moment (throttled, unreachable,
     * timed out) left undetermined: what could be published is (UNKNOWN findings; the alert state
     * does not move), and the invocation fails so that Lambda retries the event, and dead-letters it
     * when its retries run out. A denial or a missing resource never ends here: a retry cannot help.
     *
     * @param handled  the task or service event as handled
     * @param failures the failed reads, the first of which the invocation fails with
     */
    record UndeterminedForNow(SubjectEventHandled handled, List<ReadFailure> failures) implements FunctionOutcome {
        public UndeterminedForNow {
            Objects.requireNonNull(handled, "handled");
            failures = List.copyOf(failures);
            if (failures.isEmpty()) {
                throw new IllegalArgumentException("an undetermined outcome names the reads that left it so");
            }
        }
    }

    /** An on-demand request that is not one, with every problem found. */
    record RequestRejected(List<String> problems) implements FunctionOutcome {
        public RequestRejected {
            problems = List.copyOf(problems);
        }
    }

    /** An on-demand check: the service's own verdict when a service was asked for, and its tasks'. */
    record OnDemandChecked(OnDemandRequest request, ServiceVerdict service, TaskVerdicts tasks, AwsCallCount calls)
            implements FunctionOutcome {
        public OnDemandChecked {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(tasks, "tasks");
            Objects.requireNonNull(calls, "calls");
        }
    }

    /** Whether the request asked for a service, and what came of its own evaluation. */
    sealed interface ServiceVerdict {
        record NotRequested() implements ServiceVerdict {
        }

        record Requested(ServiceOutcome outcome) implements ServiceVerdict {
            public Requested {
                Objects.requireNonNull(outcome, "outcome");
            }
        }
    }

    /** The tasks an on-demand request covered: listed and evaluated, or not listed at all. */
    sealed interface TaskVerdicts {
        /** The tasks to check could not be listed. */
        record NotListed(String reason) implements TaskVerdicts {
            public NotListed {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /**
         * @param batch  what was evaluated, and why any task was not
         * @param listed how many tasks were listed; more than were evaluated when the request was truncated
         */
        record Evaluated(TaskBatchEvaluation.BatchOutcome batch, int listed) implements TaskVerdicts {
            public Evaluated {
                Objects.requireNonNull(batch, "batch");
            }
        }
    }

    /** The sweep schedule's run: one queue message per cluster. */
    /**
     * A Security Hub custom action ("Re-check ECS Exec") handled: each selected subject evaluated
     * again and published, as an on-demand check of it.
     */
    record Rechecked(String actionName, List<OnDemandChecked> subjects, List<String> skipped) implements FunctionOutcome {
        public Rechecked {
            subjects = List.copyOf(subjects);
            skipped = List.copyOf(skipped);
        }
    }

    record SweepDispatched(String eventId, List<String> rule, int clusters, AwsCallCount calls) implements FunctionOutcome {
        public SweepDispatched {
            rule = rule == null ? List.of() : List.copyOf(rule);
            Objects.requireNonNull(calls, "calls");
        }
    }

    /** A sweep queue delivery that is not an SQS event. */
    record NotAnSqsEvent() implements FunctionOutcome {
    }

    /** A sweep queue delivery: what came of each message. */
    record ClusterMessagesHandled(List<ClusterMessage> messages) implements FunctionOutcome {
        public ClusterMessagesHandled {
            messages = List.copyOf(messages);
        }
    }

    /** One sweep queue message. */
    sealed interface ClusterMessage {
        /** The message names no cluster: delivering it again could never succeed. */
        record Dropped(String messageId, String reason) implements ClusterMessage {
        }

        /**
         * The cluster was swept. When reads of the moment left a published subject undetermined
         * ({@link ClusterSweep.Outcome#momentaryReadFailures()}), the message is reported as a batch
         * item failure, so SQS delivers it again and dead-letters it after the queue's receive count.
         */
        record Swept(String messageId, String receiveCount, ClusterSweep.Outcome outcome, long durationMillis, AwsCallCount calls)
                implements ClusterMessage {
        }

        /** The sweep failed: SQS delivers the message again, and dead-letters it after the queue's receive count. */
        record Failed(String messageId, String receiveCount, String clusterArn, RuntimeException error) implements ClusterMessage {
        }
    }
}
