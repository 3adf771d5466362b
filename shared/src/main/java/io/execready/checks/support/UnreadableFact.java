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
import java.util.Objects;
import java.util.function.Function;

/**
 * A snapshot fact a check needed and the loader could not read, turned into UNKNOWN: the message
 * names what failed and how, the remediation follows the failure's kind ({@link ReadFailureAdvice}):
 * a permission only for a denial. A failed read is never a PASS or a FAIL. A check whose read no
 * other check shares names its fact itself ({@code new UnreadableFact("the exec key's policy")}).
 */
public record UnreadableFact(String description) {

    // The facts several checks share; a check that alone needs a fact declares its own.
    public static final UnreadableFact TASK_DEFINITION = new UnreadableFact("the task definition");
    public static final UnreadableFact OWNING_SERVICE = new UnreadableFact("the owning service");
    public static final UnreadableFact CLUSTER = new UnreadableFact("the cluster's ECS Exec configuration");
    public static final UnreadableFact TASK_ROLE = new UnreadableFact("the task role");
    public static final UnreadableFact TASK_ROLE_SSM_MESSAGES = new UnreadableFact("the task role's ssmmessages permissions");
    public static final UnreadableFact TASK_ROLE_KMS_DECRYPT = new UnreadableFact("the task role's kms:Decrypt permission");
    public static final UnreadableFact TASK_ROLE_CLOUDWATCH_AUDIT_LOG = new UnreadableFact("the task role's CloudWatch Logs permissions");
    public static final UnreadableFact TASK_ROLE_S3_AUDIT_LOG = new UnreadableFact("the task role's S3 permissions");
    public static final UnreadableFact OPERATOR_PERMISSIONS = new UnreadableFact("the operators' permissions");
    public static final UnreadableFact EXEC_KMS_KEY = new UnreadableFact("the cluster's ECS Exec KMS key");
    public static final UnreadableFact AUDIT_LOG_GROUP = new UnreadableFact("the session log group");
    public static final UnreadableFact AUDIT_BUCKET = new UnreadableFact("the session log bucket's encryption");
    public static final UnreadableFact CONTAINER_INSTANCE = new UnreadableFact("the container instance");
    public static final UnreadableFact NETWORK_PATH = new UnreadableFact("the subnet the task's traffic leaves from");
    public static final UnreadableFact SUBNET = new UnreadableFact("the task's subnet");
    public static final UnreadableFact ROUTE_TABLE = new UnreadableFact("the subnet's route table");
    public static final UnreadableFact NETWORK_INTERFACE = new UnreadableFact("the network interface the task's traffic leaves from");
    public static final UnreadableFact VPC_ENDPOINTS = new UnreadableFact("the VPC's endpoints");
    public static final UnreadableFact ENDPOINT_SUBNETS = new UnreadableFact("the subnets of the VPC's interface endpoints");
    public static final UnreadableFact SECURITY_GROUPS = new UnreadableFact("the security groups of the task and of its ssmmessages endpoint");

    private static final String AGAIN = "evaluate the task again";

    /** @param description what was not read, as a noun phrase: "the subnet's route table" */
    public UnreadableFact {
        Objects.requireNonNull(description, "description");
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
