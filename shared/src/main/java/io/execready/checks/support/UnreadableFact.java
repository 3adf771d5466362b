package io.execready.checks.support;

import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A snapshot fact a check needed and the loader could not read, turned into UNKNOWN: the message
 * names what failed and how, the remediation follows the failure's kind ({@link ReadFailureAdvice}):
 * a permission only for a denial. A failed read is never a PASS or a FAIL.
 */
public enum UnreadableFact {
    TASK_DEFINITION("the task definition"),
    OWNING_SERVICE("the owning service"),
    CLUSTER("the cluster's ECS Exec configuration"),
    TASK_ROLE("the task role"),
    TASK_ROLE_SSM_MESSAGES("the task role's ssmmessages permissions"),
    TASK_ROLE_KMS_DECRYPT("the task role's kms:Decrypt permission"),
    TASK_ROLE_CLOUDWATCH_AUDIT_LOG("the task role's CloudWatch Logs permissions"),
    TASK_ROLE_S3_AUDIT_LOG("the task role's S3 permissions"),
    OPERATOR_PERMISSIONS("the operators' permissions"),
    EXEC_KMS_KEY("the cluster's ECS Exec KMS key"),
    AUDIT_LOG_GROUP("the session log group"),
    AUDIT_BUCKET("the session log bucket's encryption"),

    CONTAINER_INSTANCE("the container instance"),
    NETWORK_PATH("the subnet the task's traffic leaves from"),
    SUBNET("the task's subnet"),
    ROUTE_TABLE("the subnet's route table"),
    NETWORK_INTERFACE("the network interface the task's traffic leaves from"),
    VPC_ENDPOINTS("the VPC's endpoints"),
    ENDPOINT_SUBNETS("the subnets of the VPC's interface endpoints"),
    SECURITY_GROUPS("the security groups of the task and of its ssmmessages endpoint");

    private static final String AGAIN = "evaluate the task again";

    private final String description;

    UnreadableFact(String description) {
        this.description = description;
    }

    /** Evaluates with the task definition, or reports why there is none to evaluate. */
    public static CheckResult withTaskDefinition(CheckDefinition definition, TaskSnapshot snapshot, Function<TaskDefinition, CheckResult> evaluation) {
        EcsTask task = snapshot.task();
        return switch (snapshot.taskDefinition()) {
            case Fetched.Present<TaskDefinition> present -> evaluation.apply(present.value());
            case Fetched.Absent<TaskDefinition> absent -> TASK_DEFINITION.missing(definition, snapshot.target(), absent,
                    "aws ecs describe-task-definition --task-definition " + ShellWords.quote(Wording.revision(task.taskDefinitionArn())));
            case Fetched.Failed<TaskDefinition> failed -> TASK_DEFINITION.unknown(definition, snapshot.target(), failed);
        };
    }

    /** Evaluates with the cluster, or reports why there is none to evaluate. */
    public static CheckResult withCluster(CheckDefinition definition, TaskSnapshot snapshot, Function<EcsCluster, CheckResult> evaluation) {
        EcsTask task = snapshot.task();
        return switch (snapshot.cluster()) {
            case Fetched.Present<EcsCluster> present -> evaluation.apply(present.value());
            case Fetched.Absent<EcsCluster> absent -> CLUSTER.missing(definition, snapshot.target(), absent,
                    "aws ecs describe-clusters --clusters " + ShellWords.quote(task.clusterName()));
            case Fetched.Failed<EcsCluster> failed -> CLUSTER.unknown(definition, snapshot.target(), failed);
        };
    }

    /** UNKNOWN for a fact that could not be read. */
    public CheckResult unknown(CheckDefinition definition, EvaluatedTask task, Fetched.Failed<?> failed) {
        return unknown(definition, task, failed.failure());
    }

    /** UNKNOWN for a fact that could not be read. */
    public CheckResult unknown(CheckDefinition definition, EvaluatedTask task, ReadFailure failure) {
        return unknown(definition, task, List.of("reading " + description + " failed: " + failure.describe()), List.of(failure));
    }

    /**
     * UNKNOWN for this fact read once per principal, some of which failed: one failure shared by all
     * is told once, else each principal's own.
     */
    public CheckResult unknownPerPrincipal(CheckDefinition definition, EvaluatedTask task, Map<String, ReadFailure> failures) {
        List<ReadFailure> distinct = failures.values().stream().distinct().toList();
        if (distinct.size() == 1) {
            return unknown(definition, task, distinct.getFirst());
        }
        List<String> each = new ArrayList<>();
        failures.forEach((principal, failure) -> each.add(principal + ": " + failure.describe()));
        return unknown(definition, task, List.of("reading " + description + " failed (" + String.join("; ", each) + ")"),
                List.copyOf(failures.values()));
    }

    /** UNKNOWN for several facts that could not be read, naming each failure and advising on each kind. */
    public static CheckResult unknown(CheckDefinition definition, EvaluatedTask task, Map<UnreadableFact, Fetched.Failed<?>> failures) {
        List<String> reads = new ArrayList<>();
        List<ReadFailure> all = new ArrayList<>();
        failures.forEach((fact, failed) -> {
            reads.add("reading " + fact.description + " failed: " + failed.failure().describe());
            all.add(failed.failure());
        });
        return unknown(definition, task, reads, all);
    }

    private static CheckResult unknown(CheckDefinition definition, EvaluatedTask task, List<String> reads, List<ReadFailure> failures) {
        return ReadFailureAdvice.withEvidence(definition.unknown(
                "Could not evaluate " + Wording.task(task) + " because " + String.join(", and ", reads) + ".",
                ReadFailureAdvice.remediation(failures, AGAIN)), failures);
    }

    /**
     * UNKNOWN for a fact that was read and is not there where the check needs it (a deregistered task
     * definition, a deleted cluster): nothing to grant, but nothing to judge either.
     */
    public CheckResult missing(CheckDefinition definition, EvaluatedTask task, Fetched.Absent<?> absent, String howToLook) {
        return definition.unknown(
                        "Could not evaluate " + Wording.task(task) + " because " + description + " is missing: "
                                + Wording.clause(absent.description()) + ".",
                        "Check that it still exists with " + howToLook + ", then evaluate the task again.")
                .withEvidence("missing", Wording.clause(absent.description()));
    }
}
