package io.execready.functions;

import io.execready.evaluation.ClusterSweep;
import io.execready.evaluation.ServiceOutcome;
import io.execready.evaluation.TaskBatchEvaluation;
import io.execready.evaluation.TaskEventOutcome;
import io.execready.snapshot.EcsTask;
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

    /** An ECS task state change, handled. */
    record TaskEventHandled(String eventId, EcsTask task, TaskEventOutcome outcome, AwsCallCount calls) implements FunctionOutcome {
        public TaskEventHandled {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(calls, "calls");
        }
    }

    /** A service trigger, handled. */
    record ServiceEventHandled(String eventId, String trigger, Subject subject, ServiceOutcome outcome, AwsCallCount calls)
            implements FunctionOutcome {
        public ServiceEventHandled {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(calls, "calls");
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

        record Swept(String messageId, String receiveCount, ClusterSweep.Outcome outcome, long durationMillis, AwsCallCount calls)
                implements ClusterMessage {
        }

        /** The sweep failed: SQS delivers the message again, and dead-letters it after the queue's receive count. */
        record Failed(String messageId, String receiveCount, String clusterArn, RuntimeException error) implements ClusterMessage {
        }
    }
}
