package io.execready.checks;

import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A snapshot fact a check needed and the loader could not read, turned into UNKNOWN: the message
 * names what failed, the remediation the permission the checker lacks. A failed read is never a
 * PASS or a FAIL.
 */
enum UnreadableFact {
    TASK_DEFINITION("the task definition", "ecs:DescribeTaskDefinition"),
    OWNING_SERVICE("the owning service", "ecs:DescribeServices"),
    CLUSTER("the cluster's ECS Exec configuration", "ecs:DescribeClusters"),
    TASK_ROLE("the task role",
            "ecs:DescribeTaskDefinition (and, for EC2 tasks without a task role, ecs:DescribeContainerInstances, "
                    + "ec2:DescribeInstances and iam:GetInstanceProfile)"),
    TASK_ROLE_SSM_MESSAGES("the task role's ssmmessages permissions", "iam:SimulatePrincipalPolicy on the task role"),
    TASK_ROLE_KMS_DECRYPT("the task role's kms:Decrypt permission", "iam:SimulatePrincipalPolicy on the task role"),
    TASK_ROLE_CLOUDWATCH_AUDIT_LOG("the task role's CloudWatch Logs permissions", "iam:SimulatePrincipalPolicy on the task role"),
    TASK_ROLE_S3_AUDIT_LOG("the task role's S3 permissions", "iam:SimulatePrincipalPolicy on the task role"),
    OPERATOR_PERMISSIONS("the operators' permissions", "iam:SimulatePrincipalPolicy on the operator principals"),
    EXEC_KMS_KEY("the cluster's ECS Exec KMS key", "kms:DescribeKey"),
    AUDIT_LOG_GROUP("the session log group", "logs:DescribeLogGroups"),
    AUDIT_BUCKET("the session log bucket's encryption", "s3:GetEncryptionConfiguration"),

    CONTAINER_INSTANCE("the container instance", "ecs:DescribeContainerInstances"),
    NETWORK_PATH("the subnet the task's traffic leaves from", "ecs:DescribeContainerInstances and ec2:DescribeInstances"),
    SUBNET("the task's subnet", "ec2:DescribeSubnets"),
    ROUTE_TABLE("the subnet's route table", "ec2:DescribeRouteTables"),
    NETWORK_INTERFACE("the network interface the task's traffic leaves from", "ec2:DescribeNetworkInterfaces"),
    VPC_ENDPOINTS("the VPC's endpoints", "ec2:DescribeVpcEndpoints"),
    ENDPOINT_SUBNETS("the subnets of the VPC's interface endpoints", "ec2:DescribeSubnets"),
    SECURITY_GROUPS("the security groups of the task and of its ssmmessages endpoint", "ec2:DescribeSecurityGroups");

    /** "ecs:DescribeTaskDefinition was denied (...)": the IAM action a read failure starts with. */
    private static final Pattern LEADING_ACTION = Pattern.compile("^([a-z0-9-]+:[A-Za-z0-9]+)\\b");

    private final String description;
    private final String defaultPermission;

    UnreadableFact(String description, String defaultPermission) {
        this.description = description;
        this.defaultPermission = defaultPermission;
    }

    /** Evaluates with the task definition, or reports why there is none to evaluate. */
    static CheckResult withTaskDefinition(CheckDefinition definition, TaskSnapshot snapshot, Function<TaskDefinition, CheckResult> evaluation) {
        EcsTask task = snapshot.task();
        return switch (snapshot.taskDefinition()) {
            case Fetched.Present<TaskDefinition> present -> evaluation.apply(present.value());
            case Fetched.Absent<TaskDefinition> absent -> TASK_DEFINITION.missing(definition, snapshot.target(), absent,
                    "aws ecs describe-task-definition --task-definition " + Wording.revision(task.taskDefinitionArn()));
            case Fetched.Failed<TaskDefinition> failed -> TASK_DEFINITION.unknown(definition, snapshot.target(), failed);
        };
    }

    /** Evaluates with the cluster, or reports why there is none to evaluate. */
    static CheckResult withCluster(CheckDefinition definition, TaskSnapshot snapshot, Function<EcsCluster, CheckResult> evaluation) {
        EcsTask task = snapshot.task();
        return switch (snapshot.cluster()) {
            case Fetched.Present<EcsCluster> present -> evaluation.apply(present.value());
            case Fetched.Absent<EcsCluster> absent -> CLUSTER.missing(definition, snapshot.target(), absent,
                    "aws ecs describe-clusters --clusters " + task.clusterName());
            case Fetched.Failed<EcsCluster> failed -> CLUSTER.unknown(definition, snapshot.target(), failed);
        };
    }

    /** UNKNOWN for a fact that could not be read. */
    CheckResult unknown(CheckDefinition definition, EvaluatedTask task, Fetched.Failed<?> failed) {
        String reason = Wording.clause(failed.reason());
        return definition.unknown(
                        "Could not evaluate " + Wording.task(task) + " because reading " + description + " failed: " + reason + ".",
                        "Grant the ExecReady checker's role " + permissionFor(reason) + ", then evaluate the task again.")
                .withEvidence("readFailure", reason);
    }

    /** UNKNOWN for several facts that could not be read, naming each failure and each permission to grant. */
    static CheckResult unknown(CheckDefinition definition, EvaluatedTask task, Map<UnreadableFact, Fetched.Failed<?>> failures) {
        if (failures.size() == 1) {
            Map.Entry<UnreadableFact, Fetched.Failed<?>> only = failures.entrySet().iterator().next();
            return only.getKey().unknown(definition, task, only.getValue());
        }
        List<String> reads = new ArrayList<>();
        List<String> permissions = new ArrayList<>();
        failures.forEach((fact, failed) -> {
            String reason = Wording.clause(failed.reason());
            reads.add("reading " + fact.description + " failed: " + reason);
            String permission = fact.permissionFor(reason);
            if (!permissions.contains(permission)) {
                permissions.add(permission);
            }
        });
        return definition.unknown(
                        "Could not evaluate " + Wording.task(task) + " because " + String.join(", and ", reads) + ".",
                        "Grant the ExecReady checker's role " + Wording.list(permissions) + ", then evaluate the task again.")
                .withEvidence("readFailure", failures.values().stream().map(f -> Wording.clause(f.reason())).collect(Collectors.joining("; ")));
    }

    /**
     * UNKNOWN for a fact that was read and is not there where the check needs it (a deregistered task
     * definition, a deleted cluster): nothing to grant, but nothing to judge either.
     */
    CheckResult missing(CheckDefinition definition, EvaluatedTask task, Fetched.Absent<?> absent, String howToLook) {
        return definition.unknown(
                        "Could not evaluate " + Wording.task(task) + " because " + description + " is missing: "
                                + Wording.clause(absent.description()) + ".",
                        "Check that it still exists with " + howToLook + ", then evaluate the task again.")
                .withEvidence("missing", Wording.clause(absent.description()));
    }

    private String permissionFor(String reason) {
        Matcher action = LEADING_ACTION.matcher(reason);
        return action.find() ? action.group(1) : defaultPermission;
    }

    /** Whether a read failure names the AWS action that failed, as every gateway failure does. */
    static boolean namesAnAction(String reason) {
        return LEADING_ACTION.matcher(reason).find();
    }
}
