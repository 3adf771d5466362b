package io.execready.evaluation;

import io.execready.aws.EcsGateway;
import io.execready.aws.NetworkInterfacePrefetch;
import io.execready.publish.PublishResult;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Evaluates many tasks of one cluster: describes them in batches of 100, reads their network
 * interfaces in batches, then evaluates them with bounded parallelism, so one request for a large cluster neither runs serially nor bursts past the
 * ECS and IAM rate limits. A task that cannot be described is reported, never silently skipped.
 */
public final class TaskBatchEvaluation {

    /** Evaluations in flight at once; each makes a handful of AWS reads (fewer when cached). */
    static final int PARALLELISM = 8;

    private final EcsGateway ecs;
    private final TaskEvaluation evaluation;
    private final ExecutorService executor;
    private final NetworkInterfacePrefetch interfaces;

    public TaskBatchEvaluation(EcsGateway ecs, TaskEvaluation evaluation, ExecutorService executor) {
        this(ecs, evaluation, executor, NetworkInterfacePrefetch.NONE);
    }

    public TaskBatchEvaluation(EcsGateway ecs, TaskEvaluation evaluation, ExecutorService executor,
                               NetworkInterfacePrefetch interfaces) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.interfaces = Objects.requireNonNull(interfaces, "interfaces");
    }

    /**
     * What came of a batch: one outcome per task evaluated, why any other task was not, and the
     * failed reads among those reasons (a task that stopped meanwhile is no failure; one that could
     * not be described is, and a retry may evaluate it).
     */
    public record BatchOutcome(List<EvaluationOutcome> evaluated, List<String> notEvaluated, List<ReadFailure> readFailures) {
        public BatchOutcome {
            evaluated = List.copyOf(evaluated);
            notEvaluated = List.copyOf(notEvaluated);
            readFailures = List.copyOf(readFailures);
        }

        public BatchOutcome(List<EvaluationOutcome> evaluated, List<String> notEvaluated) {
            this(evaluated, notEvaluated, List.of());
        }
    }

    private EvaluationOutcome reportOnly(EcsTask task) {
        return new EvaluationOutcome(evaluation.evaluate(task),
                new PublishAuthority(false, "report only: publishing was not requested"), PublishResult.NOTHING);
    }

    /**
     * @param cluster cluster name or ARN
     * @param tasks   task ids or ARNs
     * @param publish whether findings and alerts are published, or only reported
     */
    public BatchOutcome evaluate(String cluster, List<String> tasks, boolean publish) {
        List<EcsTask> described = new ArrayList<>();
        List<String> notEvaluated = new ArrayList<>();
        List<ReadFailure> readFailures = new ArrayList<>();
        for (Map.Entry<String, Fetched<EcsTask>> entry : ecs.describeTasks(cluster, tasks).entrySet()) {
            switch (entry.getValue()) {
                case Fetched.Present<EcsTask> present -> described.add(present.value());
                case Fetched.Absent<EcsTask> absent -> notEvaluated.add(absent.description());
                case Fetched.Failed<EcsTask> failed -> {
                    notEvaluated.add("task " + entry.getKey() + " could not be read: " + failed.failure().describe());
                    readFailures.add(failed.failure());
                }
            }
        }

        // One task's interface is no other task's: read them all up front, 200 per call, not one call per task.
        interfaces.prefetchNetworkInterfaces(described.stream()
                .map(EcsTask::networkInterface)
                .flatMap(Optional::stream)
                .map(attachment -> attachment.details().get("networkInterfaceId"))
                .filter(id -> id != null && !id.isBlank())
                .distinct()
                .toList());

        Semaphore slots = new Semaphore(PARALLELISM);
        List<CompletableFuture<EvaluationOutcome>> running = described.stream()
                .map(task -> CompletableFuture.supplyAsync(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        return publish ? evaluation.evaluateAndPublish(task) : reportOnly(task);
                    } finally {
                        slots.release();
                    }
                }, executor))
                .toList();
        // join() rethrows the first publishing failure: the caller's invocation fails and is retried.
        List<EvaluationOutcome> evaluated = running.stream().map(CompletableFuture::join).toList();
        return new BatchOutcome(evaluated, notEvaluated, readFailures);
    }
}
