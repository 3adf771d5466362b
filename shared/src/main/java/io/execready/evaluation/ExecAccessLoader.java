package io.execready.evaluation;

import io.execready.aws.AwsRead;
import io.execready.aws.ContextEntry;
import io.execready.aws.EcsGateway;
import io.execready.aws.IamGateway;
import io.execready.aws.KmsReads;
import io.execready.aws.LogsReads;
import io.execready.aws.ReadSource;
import io.execready.aws.S3Reads;
import io.execready.policy.PolicyDocument;
import io.execready.snapshot.Arn;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.ExecAccess;
import io.execready.snapshot.ExecLogging;
import io.execready.snapshot.ExecPermissions;
import io.execready.snapshot.ExecResourceArns;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.KmsKey;
import io.execready.snapshot.LogGroup;
import io.execready.snapshot.PermissionAssessment;
import io.execready.snapshot.PermissionNeed;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.S3Bucket;
import io.execready.snapshot.TaskRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Loads a task's {@link ExecAccess} (the exec KMS key and its policy, the audit log destinations and
 * the log bucket's policy, what the task
 * role and each configured operator are allowed) and the task role's ssmmessages simulation. Every
 * principal gets one iam:SimulatePrincipalPolicy call per resource with all the actions it needs
 * there, all calls in parallel ({@link PrincipalSimulator}). Everything that needs only the cluster
 * starts as soon as the cluster is read; the task role's simulations wait for the role. The task's
 * tags are read only when operators are configured, since only their simulations carry them.
 *
 * <p>Context passed to IAM: every simulation carries {@code aws:RequestedRegion}. An operator's
 * execute-command also carries {@code ecs:cluster}, {@code ecs:task}, {@code ecs:container-name}
 * (see {@link ExecPermissions#operatorContainerName}) and the resource's tags as
 * {@code aws:ResourceTag/KEY} and {@code ecs:ResourceTag/KEY}: the task's tags on the call about the
 * task, the cluster's on the call about the cluster, as ECS authorises each resource with its own
 * tags. The task role's calls to KMS, CloudWatch Logs and S3 carry no ECS keys, so none are passed.
 */
final class ExecAccessLoader {

    private static final String LIST_TAGS = "ecs:ListTagsForResource";
    private static final String DESCRIBE_KEY = KmsReads.DESCRIBE_KEY.action();

    private final EcsGateway ecs;
    private final ReadSource reads;
    private final List<String> operatorPrincipalArns;
    private final ExecutorService executor;
    private final PrincipalSimulator simulator;

    ExecAccessLoader(EcsGateway ecs, IamGateway iam, ReadSource reads, List<String> operatorPrincipalArns, ExecutorService executor) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.operatorPrincipalArns = List.copyOf(operatorPrincipalArns);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.simulator = new PrincipalSimulator(iam, executor);
    }

    /** The task role's ssmmessages simulation and the rest of the task's exec access, simulated together. */
    record Loaded(Fetched<PermissionSimulation> taskRoleSsmMessages, ExecAccess execAccess) {
    }

    /** Never completes exceptionally: what could not be loaded is Failed with the reason. */
    CompletableFuture<Loaded> load(EcsTask task, CompletableFuture<Fetched<EcsCluster>> cluster,
                                   CompletableFuture<Fetched<TaskRole>> taskRole) {
        CompletableFuture<Fetched<Map<String, String>>> taskTags = operatorPrincipalArns.isEmpty()
                ? CompletableFuture.completedFuture(Fetched.absent("no operator principals are configured"))
                : async(LIST_TAGS, () -> ecs.listTagsForResource(task.taskArn()));
        return cluster
                .thenCompose(read -> switch (read) {
                    case Fetched.Present<EcsCluster> present -> load(task, present.value(), taskRole, taskTags);
                    case Fetched.Absent<EcsCluster> absent -> withoutCluster(task,
                            new ReadFailure("ecs:DescribeClusters", FailureKind.NOT_FOUND, absent.description()), taskRole);
                    case Fetched.Failed<EcsCluster> failed -> withoutCluster(task, failed.failure(), taskRole);
                })
                .exceptionally(e -> {
                    ReadFailure failure = AsyncReads.unexpected("loading the task's permissions, exec key and audit destinations", e);
                    return new Loaded(Fetched.failed(failure), unread(task, failure));
                });
    }

    /** Without the cluster nothing but the task role's ssmmessages needs can be known. */
    private CompletableFuture<Loaded> withoutCluster(EcsTask task, ReadFailure cluster, CompletableFuture<Fetched<TaskRole>> taskRole) {
        return taskRole
                .thenApply(role -> role.map(r -> new TaskRolePurposes(r.roleArn(), Fetched.failed(cluster), List.of(), List.of(), List.of())))
                .thenCompose(purposes -> taskRoleAssessments(task, task.clusterName(), purposes))
                .thenApply(assessed -> new Loaded(assessed.ssmMessages(), unread(task, cluster)));
    }

    private CompletableFuture<Loaded> load(EcsTask task, EcsCluster cluster, CompletableFuture<Fetched<TaskRole>> taskRole,
                                           CompletableFuture<Fetched<Map<String, String>>> taskTags) {
        Arn taskArn = task.arn();
        String clusterName = task.clusterName();
        String keyId = blankToNull(cluster.kmsKeyId());
        ExecLogging logging = cluster.logging();
        boolean override = "OVERRIDE".equals(logging.mode() == null ? null : logging.mode().strip().toUpperCase(Locale.ROOT));
        String logGroupName = override ? blankToNull(logging.cloudWatchLogGroupName()) : null;
        String bucketName = override ? blankToNull(logging.s3BucketName()) : null;

        CompletableFuture<Fetched<KmsKey>> key = keyId == null
                ? completed(Fetched.absent("cluster " + clusterName + " sets no ECS Exec KMS key"))
                : async(KmsReads.DESCRIBE_KEY, keyId);
        CompletableFuture<Fetched<String>> keyArn = keyId == null
                ? completed(Fetched.absent("cluster " + clusterName + " sets no ECS Exec KMS key"))
                : ExecResourceArns.kmsKey(taskArn, keyId)
                        .map(arn -> completed(Fetched.present(arn)))
                        .orElseGet(() -> key.thenApply(described -> described.map(KmsKey::keyArn)));
        // GetKeyPolicy takes a key id or ARN, not an alias: it waits for the ARN only when the cluster names an alias.
        CompletableFuture<Fetched<PolicyDocument>> keyPolicy = keyArn.thenCompose(arn -> switch (arn) {
            case Fetched.Present<String> present -> async(KmsReads.KEY_POLICY, present.value());
            case Fetched.Absent<String> absent -> completed(Fetched.<PolicyDocument>absent(absent.description()));
            case Fetched.Failed<String> failed -> completed(failed.<PolicyDocument>retyped());
        });
        CompletableFuture<Fetched<LogGroup>> logGroup = logGroupName == null
                ? completed(Fetched.absent("cluster " + clusterName + " sends no ECS Exec session logs to CloudWatch Logs"))
                : async(LogsReads.LOG_GROUP, logGroupName);
        CompletableFuture<Fetched<S3Bucket>> bucket = bucketName == null
                ? completed(Fetched.absent("cluster " + clusterName + " sends no ECS Exec session logs to S3"))
                : async(S3Reads.BUCKET, bucketName);
        CompletableFuture<Fetched<PolicyDocument>> bucketPolicy = bucketName == null
                ? completed(Fetched.absent("cluster " + clusterName + " sends no ECS Exec session logs to S3"))
                : async(S3Reads.BUCKET_POLICY, bucketName);

        CompletableFuture<TaskRoleAssessments> taskRoleAccess = taskRole.thenCombine(keyArn, (role, arn) -> role.map(r -> new TaskRolePurposes(
                        r.roleArn(), arn,
                        arn.asOptional().map(ExecPermissions::taskRoleKmsDecrypt).orElse(List.of()),
                        logGroupName == null ? List.of() : ExecPermissions.taskRoleCloudWatchAuditLog(taskArn, logGroupName),
                        bucketName == null ? List.of() : ExecPermissions.taskRoleS3AuditLog(taskArn, logging))))
                .thenCompose(purposes -> taskRoleAssessments(task, clusterName, purposes));
        CompletableFuture<List<List<PermissionAssessment>>> operators = keyArn.thenCombine(taskTags, (arn, tags) -> new OperatorInputs(keyId, arn, tags))
                .thenCompose(inputs -> operatorAssessments(task, cluster, inputs));

        return CompletableFuture.allOf(key, keyPolicy, logGroup, bucket, bucketPolicy, taskRoleAccess, operators)
                .thenApply(done -> {
                    TaskRoleAssessments roleAccess = taskRoleAccess.join();
                    List<List<PermissionAssessment>> operatorAccess = operators.join();
                    return new Loaded(roleAccess.ssmMessages(), new ExecAccess(key.join(), logGroup.join(), bucket.join(),
                            roleAccess.decrypt(), roleAccess.cloudWatch(), roleAccess.bucket(),
                            operatorAccess.get(0), operatorAccess.get(1), keyPolicy.join(), bucketPolicy.join()));
                });
    }

    /** What the task role needs, per purpose; a purpose the cluster does not use has no needs. */
    private record TaskRolePurposes(String roleArn, Fetched<String> keyArn, List<PermissionNeed> decrypt,
                                    List<PermissionNeed> cloudWatch, List<PermissionNeed> bucket) {
    }

    /** The task role's simulated purposes; Absent for one the cluster does not use, or for all when there is no role. */
    private record TaskRoleAssessments(Fetched<PermissionSimulation> ssmMessages, Fetched<PermissionAssessment> decrypt,
                                       Fetched<PermissionAssessment> cloudWatch, Fetched<PermissionAssessment> bucket) {
    }

    /**
     * Simulates every purpose of the task role together, ssmmessages included, so that the actions on
     * {@code *} (ssmmessages, logs:DescribeLogGroups, s3:GetBucketLocation) go in one call. The
     * agent's calls to these services carry only the requested region as a condition key worth
     * simulating; ECS keys and resource tags are not part of those requests.
     */
    private CompletableFuture<TaskRoleAssessments> taskRoleAssessments(EcsTask task, String clusterName, Fetched<TaskRolePurposes> purposes) {
        TaskRolePurposes role;
        switch (purposes) {
            case Fetched.Present<TaskRolePurposes> present -> role = present.value();
            case Fetched.Absent<TaskRolePurposes> absent -> {
                return completed(new TaskRoleAssessments(Fetched.absent(absent.description()), Fetched.absent(absent.description()),
                        Fetched.absent(absent.description()), Fetched.absent(absent.description())));
            }
            case Fetched.Failed<TaskRolePurposes> failed -> {
                return completed(new TaskRoleAssessments(failed.retyped(), failed.retyped(), failed.retyped(), failed.retyped()));
            }
        }
        List<PermissionNeed> ssmMessages = ExecPermissions.TASK_ROLE_SSM_MESSAGES.stream().map(action -> new PermissionNeed(action, "*")).toList();
        List<ContextEntry> context = List.of(ContextEntry.string("aws:RequestedRegion", task.arn().region()));
        return simulator.assess(role.roleArn(), List.of(ssmMessages, role.decrypt(), role.cloudWatch(), role.bucket()), resource -> context)
                .thenApply(assessed -> new TaskRoleAssessments(
                        assessed.get(0).simulation(),
                        decryptAssessment(role, assessed.get(1)),
                        used(role.cloudWatch(), assessed.get(2), "cluster " + clusterName + " sends no ECS Exec session logs to CloudWatch Logs"),
                        used(role.bucket(), assessed.get(3), "cluster " + clusterName + " sends no ECS Exec session logs to S3")));
    }

    private static Fetched<PermissionAssessment> decryptAssessment(TaskRolePurposes role, PermissionAssessment assessed) {
        return switch (role.keyArn()) {
            case Fetched.Present<String> present -> Fetched.present(assessed);
            case Fetched.Absent<String> absent -> Fetched.absent(absent.description());
            // Without the key's ARN there is no kms:Decrypt to simulate: the key's read failure is this one's.
            case Fetched.Failed<String> failed -> Fetched.present(new PermissionAssessment(role.roleArn(), List.of(), failed.retyped()));
        };
    }

    private static Fetched<PermissionAssessment> used(List<PermissionNeed> needs, PermissionAssessment assessed, String unusedDescription) {
        return needs.isEmpty() ? Fetched.absent(unusedDescription) : Fetched.present(assessed);
    }

    private record OperatorInputs(String keyId, Fetched<String> keyArn, Fetched<Map<String, String>> taskTags) {
    }

    /** Execute-command and StartSession assessments, one of each per operator, in configuration order. */
    private CompletableFuture<List<List<PermissionAssessment>>> operatorAssessments(EcsTask task, EcsCluster cluster, OperatorInputs inputs) {
        if (operatorPrincipalArns.isEmpty()) {
            return completed(List.of(List.of(), List.of()));
        }
        String keyArn = inputs.keyArn().asOptional().orElse(null);
        List<PermissionNeed> execute = ExecPermissions.operatorExecuteCommand(task, keyArn);
        List<PermissionNeed> startSession = ExecPermissions.operatorStartSession(task);
        if (!(inputs.taskTags() instanceof Fetched.Present<Map<String, String>> tags)) {
            // Without the task's tags a tag condition would be judged on nothing: no verdict, no guess.
            ReadFailure failure = switch (inputs.taskTags()) {
                case Fetched.Failed<Map<String, String>> failed -> failed.failure();
                default -> new ReadFailure(LIST_TAGS, FailureKind.INVALID_RESPONSE, "the task's tags were not read");
            };
            return completed(List.of(
                    operatorPrincipalArns.stream().map(p -> new PermissionAssessment(p, execute, Fetched.failed(failure))).toList(),
                    operatorPrincipalArns.stream().map(p -> new PermissionAssessment(p, startSession, Fetched.failed(failure))).toList()));
        }
        String clusterArn = ExecResourceArns.cluster(task);
        boolean keyUnresolved = inputs.keyId() != null && keyArn == null;
        // Without the key's ARN the execute-command needs are incomplete: only StartSession is simulated.
        List<PermissionNeed> simulatedExecute = keyUnresolved ? List.of() : execute;
        List<CompletableFuture<List<PermissionAssessment>>> perOperator = operatorPrincipalArns.stream()
                .map(principal -> simulator.assess(principal, List.of(simulatedExecute, startSession),
                        resource -> operatorContext(task, clusterArn, resource, tags.value(), cluster.tags())))
                .toList();
        return CompletableFuture.allOf(perOperator.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<PermissionAssessment> executes = new ArrayList<>();
            List<PermissionAssessment> sessions = new ArrayList<>();
            for (CompletableFuture<List<PermissionAssessment>> operator : perOperator) {
                PermissionAssessment executeAssessment = operator.join().get(0);
                executes.add(keyUnresolved
                        // Without the key's ARN kms:GenerateDataKey cannot be simulated: the key's read failure is this one's.
                        ? new PermissionAssessment(executeAssessment.principalArn(), execute, Fetched.failed(unresolvedKey(inputs.keyArn())))
                        : executeAssessment);
                sessions.add(operator.join().get(1));
            }
            return List.of(executes, sessions);
        });
    }

    private static ReadFailure unresolvedKey(Fetched<String> keyArn) {
        return switch (keyArn) {
            case Fetched.Failed<String> failed -> failed.failure();
            case Fetched.Absent<String> absent -> new ReadFailure(DESCRIBE_KEY, FailureKind.NOT_FOUND, absent.description());
            case Fetched.Present<String> present -> new ReadFailure(DESCRIBE_KEY, FailureKind.INVALID_RESPONSE, "the key's ARN is " + present.value());
        };
    }

    /** What an execute-command request carries when ECS authorises it against {@code resource}. */
    static List<ContextEntry> operatorContext(EcsTask task, String clusterArn, String resource,
                                              Map<String, String> taskTags, Map<String, String> clusterTags) {
        List<ContextEntry> context = new ArrayList<>();
        context.add(ContextEntry.string("aws:RequestedRegion", task.arn().region()));
        if (resource.equals(task.taskArn()) || resource.equals(clusterArn)) {
            context.add(ContextEntry.string("ecs:cluster", clusterArn));
            context.add(ContextEntry.string("ecs:task", task.taskArn()));
            ExecPermissions.operatorContainerName(task).ifPresent(name -> context.add(ContextEntry.string("ecs:container-name", name)));
            Map<String, String> tags = resource.equals(task.taskArn()) ? taskTags : clusterTags;
            tags.forEach((tagKey, value) -> {
                context.add(ContextEntry.string("aws:ResourceTag/" + tagKey, value));
                context.add(ContextEntry.string("ecs:ResourceTag/" + tagKey, value));
            });
        }
        return List.copyOf(context);
    }

    /** Every fact Failed with one failure: the cluster, which all of them depend on, could not be read. */
    private ExecAccess unread(EcsTask task, ReadFailure failure) {
        List<PermissionNeed> execute = ExecPermissions.operatorExecuteCommand(task, null);
        List<PermissionNeed> startSession = ExecPermissions.operatorStartSession(task);
        return ExecAccess.unread(failure,
                operatorPrincipalArns.stream().map(p -> new PermissionAssessment(p, execute, Fetched.failed(failure))).toList(),
                operatorPrincipalArns.stream().map(p -> new PermissionAssessment(p, startSession, Fetched.failed(failure))).toList());
    }

    private <A, T> CompletableFuture<Fetched<T>> async(AwsRead<A, T> read, A argument) {
        return async(read.action(), () -> reads.read(read, argument));
    }

    private <T> CompletableFuture<Fetched<T>> async(String action, Supplier<Fetched<T>> read) {
        return CompletableFuture.supplyAsync(read, executor)
                .exceptionally(e -> Fetched.failed(AsyncReads.unexpected(action, e)));
    }

    private static <T> CompletableFuture<T> completed(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
