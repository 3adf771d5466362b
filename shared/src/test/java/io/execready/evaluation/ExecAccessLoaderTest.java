package io.execready.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import io.execready.aws.KmsReads;
import io.execready.aws.ReadSource;
import io.execready.aws.LogsReads;
import io.execready.aws.S3Reads;
import io.execready.fixtures.ReadSourceDouble;
import io.execready.fixtures.ReadBarrier;

import io.execready.aws.ContextEntry;
import io.execready.fixtures.EcsGatewayDouble;
import io.execready.aws.IamGateway;
import io.execready.aws.PermissionQuery;
import io.execready.fixtures.ReadFailures;
import io.execready.policy.PolicyDocument;
import io.execready.snapshot.ActionDecision;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.ExecAccess;
import io.execready.snapshot.ExecLogging;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.KmsKey;
import io.execready.snapshot.LogGroup;
import io.execready.snapshot.ManagedAgent;
import io.execready.snapshot.PermissionAssessment;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.PolicyDecision;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.S3Bucket;
import io.execready.snapshot.TaskContainer;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskOverrides;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The exec key, audit destinations and permission simulations, loaded through {@link TaskSnapshotLoader}. */
class ExecAccessLoaderTest {

    private static final String ACCOUNT = "111122223333";
    private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String ROLE = "arn:aws-cn:iam::" + ACCOUNT + ":role/web-task";
    private static final String OPERATOR = "arn:aws-cn:iam::" + ACCOUNT + ":role/operator";
    private static final ExecLogging BOTH_DESTINATIONS = new ExecLogging("OVERRIDE", "/ecs/exec", true, "exec-audit", "sessions/", true);

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Every AWS action the fakes answered, in the order they were asked. */
    private final List<String> awsCalls = new CopyOnWriteArrayList<>();
    private final FakeEcs ecs = new FakeEcs(awsCalls);
    private final FakeIam iam = new FakeIam(awsCalls);
    private final FakeAudit audit = new FakeAudit(awsCalls);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private TaskSnapshot load(EcsTask task, List<String> operators) {
        return load(task, operators, audit.reads);
    }

    private TaskSnapshot load(EcsTask task, List<String> operators, ReadSource reads) {
        return new TaskSnapshotLoader(ecs, iam, new FakeEc2Gateway(), reads, operators, executor).load(task);
    }

    /**
     * Every read the loader asks of its {@link ReadSource} (found by asking, so a new read needs no
     * change here) fails with each kind in turn and the snapshot holds that exact failure. The cluster
     * uses every feature and names its key by ARN, so no read waits on another's answer; a read made
     * only under a condition (GetKeyPolicy after an alias is described) has its own test below.
     */
    @ParameterizedTest
    @EnumSource(FailureKind.class)
    void load_whenAnyReadOfTheReadSourceFails_theSnapshotHoldsThatFailure(FailureKind kind) {
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod",
                "arn:aws-cn:kms:cn-north-1:" + ACCOUNT + ":key/" + KEY_ID, BOTH_DESTINATIONS, Map.of()));
        ecs.taskTags = Fetched.present(Map.of());
        EcsTask task = task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod");

        ReadFailureSweep.eachReadFailsVisibly(kind,
                () -> new ReadSourceDouble().otherwise(read -> Fetched.absent("answered Absent by the sweep")),
                reads -> load(task, List.of(OPERATOR), reads),
                "kms:DescribeKey", "kms:GetKeyPolicy", "logs:DescribeLogGroups", "s3:GetEncryptionConfiguration", "s3:GetBucketPolicy");
    }

    @Test
    void load_inAwsCn_simulatesEachResourceOnceInTheTasksPartitionAndRegion() {
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod",
                "arn:aws-cn:kms:cn-north-1:" + ACCOUNT + ":key/" + KEY_ID, BOTH_DESTINATIONS, Map.of("team", "cluster-team")));
        ecs.taskTags = Fetched.present(Map.of("team", "payments"));

        TaskSnapshot snapshot = load(task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod"), List.of(OPERATOR));

        Map<String, Set<String>> taskRoleCalls = iam.callsFor(ROLE);
        assertThat(taskRoleCalls).containsOnly(
                Map.entry("*", Set.of("ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                        "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel", "logs:DescribeLogGroups", "s3:GetBucketLocation")),
                Map.entry("arn:aws-cn:kms:cn-north-1:" + ACCOUNT + ":key/" + KEY_ID, Set.of("kms:Decrypt")),
                Map.entry("arn:aws-cn:logs:cn-north-1:" + ACCOUNT + ":log-group:/ecs/exec:*",
                        Set.of("logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents")),
                Map.entry("arn:aws-cn:s3:::exec-audit/sessions/*", Set.of("s3:PutObject")),
                Map.entry("arn:aws-cn:s3:::exec-audit", Set.of("s3:GetEncryptionConfiguration")));
        assertThat(iam.queries).filteredOn(q -> q.principalArn().equals(ROLE))
                .hasSize(5)
                .allSatisfy(q -> assertThat(q.context()).containsExactly(ContextEntry.string("aws:RequestedRegion", "cn-north-1")));
        assertThat(iam.callsFor(OPERATOR)).containsOnly(
                Map.entry(TASK_ARN_CN, Set.of("ecs:ExecuteCommand", "ssm:StartSession")),
                Map.entry("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod", Set.of("ecs:ExecuteCommand")),
                Map.entry("arn:aws-cn:kms:cn-north-1:" + ACCOUNT + ":key/" + KEY_ID, Set.of("kms:GenerateDataKey")));
        assertThat(snapshot.taskRoleSsmMessages().asOptional().orElseThrow().decisions()).extracting(ActionDecision::action)
                .containsExactly("ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                        "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel");
        ExecAccess access = snapshot.execAccess();
        assertThat(access.execKmsKey()).isEqualTo(Fetched.present(new KmsKey("arn:aws-cn:kms:cn-north-1:" + ACCOUNT + ":key/" + KEY_ID, "Enabled")));
        assertThat(access.auditLogGroup().isPresent()).isTrue();
        assertThat(access.auditBucket().isPresent()).isTrue();
        assertThat(List.of(access.taskRoleKmsDecrypt(), access.taskRoleCloudWatchAuditLog(), access.taskRoleS3AuditLog()))
                .allSatisfy(assessment -> assertThat(allAllowed(assessment.asOptional().orElseThrow())).isTrue());
        assertThat(access.operatorExecuteCommand()).singleElement().satisfies(a -> {
            assertThat(a.principalArn()).isEqualTo(OPERATOR);
            assertThat(a.simulation().asOptional().orElseThrow().decisions()).extracting(ActionDecision::resource).containsExactly(
                    TASK_ARN_CN, "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod", "arn:aws-cn:kms:cn-north-1:" + ACCOUNT + ":key/" + KEY_ID);
        });
        assertThat(access.operatorStartSession()).singleElement().satisfies(a -> assertThat(allAllowed(a)).isTrue());
    }

    @Test
    void load_forAFargateServiceTaskWithKeyCloudWatchLoggingAndOneOperator_makesThirteenCallsSixOfThemSimulations() {
        String key = "arn:aws-cn:kms:cn-north-1:" + ACCOUNT + ":key/" + KEY_ID;
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod", key,
                new ExecLogging("OVERRIDE", "/ecs/exec", true, null, null, false), Map.of()));
        ecs.taskTags = Fetched.present(Map.of("team", "payments"));

        load(task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod"), List.of(OPERATOR));

        assertThat(awsCalls).containsExactlyInAnyOrder(
                "ecs:DescribeTaskDefinition", "ecs:DescribeClusters", "ecs:DescribeServices", "ecs:ListTagsForResource",
                "kms:DescribeKey", "kms:GetKeyPolicy", "logs:DescribeLogGroups",
                // task role: *, the key, the log group's streams; operator: the task, the cluster, the key
                "iam:SimulatePrincipalPolicy", "iam:SimulatePrincipalPolicy", "iam:SimulatePrincipalPolicy",
                "iam:SimulatePrincipalPolicy", "iam:SimulatePrincipalPolicy", "iam:SimulatePrincipalPolicy");
    }

    @Test
    void load_operatorSimulationsCarryTheRequestContextWithEachResourcesOwnTags() {
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod", null, null, Map.of("env", "prod")));
        ecs.taskTags = Fetched.present(Map.of("team", "payments"));

        load(task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod"), List.of(OPERATOR));

        String clusterArn = "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod";
        List<ContextEntry> common = List.of(
                ContextEntry.string("aws:RequestedRegion", "cn-north-1"),
                ContextEntry.string("ecs:cluster", clusterArn),
                ContextEntry.string("ecs:task", TASK_ARN_CN),
                ContextEntry.string("ecs:container-name", "app"));
        assertThat(iam.query(OPERATOR, TASK_ARN_CN).context()).containsExactlyInAnyOrderElementsOf(concat(common,
                ContextEntry.string("aws:ResourceTag/team", "payments"), ContextEntry.string("ecs:ResourceTag/team", "payments")));
        assertThat(iam.query(OPERATOR, clusterArn).context()).containsExactlyInAnyOrderElementsOf(concat(common,
                ContextEntry.string("aws:ResourceTag/env", "prod"), ContextEntry.string("ecs:ResourceTag/env", "prod")));
        assertThat(iam.callsFor(OPERATOR)).doesNotContainKey("*").hasSize(2);
    }

    @Test
    void load_inAwsUsGovWithClusterNameAndBareKeyId_buildsEveryArnInThatPartition() {
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-us-gov:ecs:us-gov-west-1:" + ACCOUNT + ":cluster/prod", KEY_ID,
                new ExecLogging("OVERRIDE", "/ecs/exec", false, "exec-audit", null, false), Map.of()));
        ecs.taskTags = Fetched.present(Map.of());
        String role = "arn:aws-us-gov:iam::" + ACCOUNT + ":role/web-task";
        String operator = "arn:aws-us-gov:iam::" + ACCOUNT + ":role/operator";
        ecs.taskRoleArn = role;
        EcsTask task = task("aws-us-gov", "us-gov-west-1", "prod");

        TaskSnapshot snapshot = load(task, List.of(operator));

        String key = "arn:aws-us-gov:kms:us-gov-west-1:" + ACCOUNT + ":key/" + KEY_ID;
        String clusterArn = "arn:aws-us-gov:ecs:us-gov-west-1:" + ACCOUNT + ":cluster/prod";
        assertThat(iam.callsFor(role).keySet()).containsExactlyInAnyOrder("*", key,
                "arn:aws-us-gov:logs:us-gov-west-1:" + ACCOUNT + ":log-group:/ecs/exec:*", "arn:aws-us-gov:s3:::exec-audit/*");
        assertThat(iam.callsFor(operator).keySet()).containsExactlyInAnyOrder(task.taskArn(), clusterArn, key);
        assertThat(iam.query(operator, task.taskArn()).context()).contains(ContextEntry.string("ecs:cluster", clusterArn),
                ContextEntry.string("aws:RequestedRegion", "us-gov-west-1"));
        assertThat(audit.keysDescribed()).containsExactly(KEY_ID);
        assertThat(snapshot.execAccess().taskRoleS3AuditLog().asOptional().orElseThrow().needs())
                .noneMatch(need -> need.action().equals("s3:GetEncryptionConfiguration"));
    }

    @Test
    void load_withoutOperators_readsNoTagsAndSimulatesOnlyTheTaskRole() {
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod", null, null, Map.of()));

        TaskSnapshot snapshot = load(task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod"), List.of());

        assertThat(ecs.tagsRead).isEmpty();
        assertThat(iam.queries).extracting(PermissionQuery::principalArn).containsOnly(ROLE);
        assertThat(snapshot.execAccess().operatorExecuteCommand()).isEmpty();
        assertThat(snapshot.execAccess().execKmsKey()).isInstanceOf(Fetched.Absent.class);
        assertThat(snapshot.execAccess().taskRoleCloudWatchAuditLog()).isInstanceOf(Fetched.Absent.class);
        assertThat(audit.keysDescribed()).isEmpty();
        assertThat(audit.groupsDescribed()).isEmpty();
    }

    @Test
    void load_whenTaskTagsDenied_operatorAssessmentsFailNamingTheActionWithoutSimulating() {
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod", null, null, Map.of()));
        ecs.taskTags = Fetched.failed(ReadFailures.denied("ecs:ListTagsForResource", "AccessDeniedException"));

        TaskSnapshot snapshot = load(task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod"), List.of(OPERATOR));

        assertThat(ecs.tagsRead).containsExactly(TASK_ARN_CN);
        assertThat(iam.callsFor(OPERATOR)).isEmpty();
        assertThat(snapshot.execAccess().operatorExecuteCommand()).singleElement()
                .satisfies(a -> assertThat(a.simulation()).isEqualTo(Fetched.failed(ReadFailures.denied("ecs:ListTagsForResource", "AccessDeniedException"))));
        assertThat(snapshot.execAccess().operatorStartSession()).singleElement()
                .satisfies(a -> assertThat(a.simulation().isFailed()).isTrue());
    }

    @Test
    void load_whenOneSimulationFails_onlyThePurposesNeedingItFail() {
        String key = "arn:aws-cn:kms:cn-north-1:" + ACCOUNT + ":key/" + KEY_ID;
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod", key, BOTH_DESTINATIONS, Map.of()));
        iam.failOn = key;

        TaskSnapshot snapshot = load(task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod"), List.of());

        assertThat(snapshot.execAccess().taskRoleKmsDecrypt().asOptional().orElseThrow().simulation())
                .isEqualTo(Fetched.failed(ReadFailures.throttled("iam:SimulatePrincipalPolicy")));
        assertThat(snapshot.execAccess().taskRoleCloudWatchAuditLog().asOptional().orElseThrow().simulation().isPresent()).isTrue();
        assertThat(snapshot.execAccess().taskRoleS3AuditLog().asOptional().orElseThrow().simulation().isPresent()).isTrue();
    }

    @Test
    void load_whenAliasCannotBeDescribed_keyPurposesFailNamingDescribeKeyAndStartSessionIsStillSimulated() {
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod", "alias/exec", null, Map.of()));
        ecs.taskTags = Fetched.present(Map.of());
        audit.key = Fetched.failed(ReadFailures.denied("kms:DescribeKey", "AccessDeniedException"));

        TaskSnapshot snapshot = load(task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod"), List.of(OPERATOR));

        ExecAccess access = snapshot.execAccess();
        assertThat(access.execKmsKey().isFailed()).isTrue();
        assertThat(access.taskRoleKmsDecrypt().asOptional().orElseThrow().simulation()).isInstanceOfSatisfying(Fetched.Failed.class,
                f -> assertThat(f.failure()).isEqualTo(ReadFailures.denied("kms:DescribeKey", "AccessDeniedException")));
        assertThat(access.operatorExecuteCommand().getFirst().simulation()).isInstanceOfSatisfying(Fetched.Failed.class,
                f -> assertThat(f.failure()).isEqualTo(ReadFailures.denied("kms:DescribeKey", "AccessDeniedException")));
        assertThat(access.operatorStartSession().getFirst().simulation().isPresent()).isTrue();
        assertThat(iam.callsFor(OPERATOR)).containsOnlyKeys(TASK_ARN_CN).containsEntry(TASK_ARN_CN, Set.of("ssm:StartSession"));
    }

    @Test
    void load_whenAliasResolves_simulatesTheKeyItPointsAt() {
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod", "alias/exec", null, Map.of()));
        String resolved = "arn:aws-cn:kms:cn-north-1:" + ACCOUNT + ":key/" + KEY_ID;
        audit.key = Fetched.present(new KmsKey(resolved, "Enabled"));

        load(task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod"), List.of());

        assertThat(iam.callsFor(ROLE)).containsEntry(resolved, Set.of("kms:Decrypt"));
    }

    @Test
    void load_whenClusterUnreadable_everyFactFailsWithItsReasonAndNothingElseIsRead() {
        ecs.cluster = Fetched.failed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException"));
        ecs.taskTags = Fetched.present(Map.of());

        TaskSnapshot snapshot = load(task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod"), List.of(OPERATOR));

        ExecAccess access = snapshot.execAccess();
        Fetched<Object> expected = Fetched.failed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException"));
        assertThat(List.<Fetched<?>>of(access.execKmsKey(), access.auditLogGroup(), access.auditBucket(), access.taskRoleKmsDecrypt(),
                access.taskRoleCloudWatchAuditLog(), access.taskRoleS3AuditLog())).allMatch(expected::equals);
        assertThat(access.operatorExecuteCommand()).singleElement().satisfies(a -> assertThat(a.simulation()).isEqualTo(expected));
        assertThat(audit.keysDescribed()).isEmpty();
        assertThat(iam.callsFor(OPERATOR)).isEmpty();
        assertThat(iam.callsFor(ROLE)).as("the ssmmessages needs do not depend on the cluster")
                .containsOnlyKeys("*").extractingByKey("*").satisfies(actions -> assertThat(actions).allMatch(a -> a.startsWith("ssmmessages:")));
        assertThat(snapshot.taskRoleSsmMessages().isPresent()).isTrue();
    }

    @Test
    void load_readsKeyLogGroupAndBucketConcurrently() {
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod",
                "arn:aws-cn:kms:cn-north-1:" + ACCOUNT + ":key/" + KEY_ID, BOTH_DESTINATIONS, Map.of()));
        audit.barrier = new CountDownLatch(3);

        TaskSnapshot snapshot = load(task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod"), List.of());

        // Each read waits until all three have started; serial reads would time out and come back Failed.
        assertThat(snapshot.execAccess().execKmsKey().isPresent()).isTrue();
        assertThat(snapshot.execAccess().auditLogGroup().isPresent()).isTrue();
        assertThat(snapshot.execAccess().auditBucket().isPresent()).isTrue();
    }

    @Test
    void load_whenAGatewayThrowsUnexpectedly_thatFactFailsNamingTheAction() {
        ecs.cluster = Fetched.present(new EcsCluster("arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod", null, BOTH_DESTINATIONS, Map.of()));
        audit.bucketFailure = new IllegalStateException("boom");

        TaskSnapshot snapshot = load(task("aws-cn", "cn-north-1", "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":cluster/prod"), List.of());

        assertThat(snapshot.execAccess().auditBucket()).isInstanceOfSatisfying(Fetched.Failed.class,
                f -> assertThat(f.failure()).isEqualTo(new ReadFailure("s3:GetEncryptionConfiguration", FailureKind.UNEXPECTED,
                        "java.lang.IllegalStateException: boom")));
        assertThat(snapshot.execAccess().auditLogGroup().isPresent()).isTrue();
    }

    private static final String TASK_ARN_CN = "arn:aws-cn:ecs:cn-north-1:" + ACCOUNT + ":task/prod/0123456789abcdef0123456789abcdef";

    private static EcsTask task(String partition, String region, String cluster) {
        String taskArn = "arn:" + partition + ":ecs:" + region + ":" + ACCOUNT + ":task/prod/0123456789abcdef0123456789abcdef";
        List<TaskContainer> containers = List.of(
                new TaskContainer("aws-guardduty-agent-x1", null, "RUNNING", "guardduty:1", null),
                new TaskContainer("app", null, "RUNNING", "app:1", List.of(new ManagedAgent(ManagedAgent.EXECUTE_COMMAND_AGENT, "RUNNING", null, null))));
        return new EcsTask(taskArn, cluster, "arn:" + partition + ":ecs:" + region + ":" + ACCOUNT + ":task-definition/web:7",
                "service:web", "ecs-svc/1", "RUNNING", "RUNNING", null, "FARGATE", "1.4.0", "Linux", true, null, region + "a",
                3L, List.of(), containers, TaskOverrides.NONE);
    }

    private static boolean allAllowed(PermissionAssessment assessment) {
        List<ActionDecision> decisions = assessment.simulation().asOptional().orElseThrow().decisions();
        return decisions.size() == assessment.needs().size() && decisions.stream().allMatch(ActionDecision::allowed);
    }

    private static List<ContextEntry> concat(List<ContextEntry> common, ContextEntry... more) {
        List<ContextEntry> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all;
    }

    private static final class FakeEcs extends EcsGatewayDouble {
        final List<String> calls;
        volatile Fetched<EcsCluster> cluster;
        volatile Fetched<Map<String, String>> taskTags = Fetched.failed(new ReadFailure("ecs:ListTagsForResource", FailureKind.UNEXPECTED, "no tags scripted"));
        final List<String> tagsRead = new CopyOnWriteArrayList<>();

        volatile String taskRoleArn = ROLE;

        FakeEcs(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public Fetched<TaskDefinition> describeTaskDefinition(String taskDefinition) {
            calls.add("ecs:DescribeTaskDefinition");
            return Fetched.present(new TaskDefinition(taskDefinition, "web", taskRoleArn, null,
                    "awsvpc", null, "256", "512", null, List.of(), List.of()));
        }

        @Override
        public Fetched<EcsCluster> describeCluster(String name) {
            calls.add("ecs:DescribeClusters");
            return cluster;
        }

        @Override
        public Fetched<EcsService> describeService(String clusterName, String serviceName) {
            calls.add("ecs:DescribeServices");
            return Fetched.absent("not needed here");
        }


        @Override
        public Fetched<Map<String, String>> listTagsForResource(String arn) {
            calls.add("ecs:ListTagsForResource");
            tagsRead.add(arn);
            return taskTags;
        }
    }

    /** Allows everything, remembering each query; a query on {@link #failOn} fails as throttled. */
    private static final class FakeIam implements IamGateway {
        final List<String> calls;
        final List<PermissionQuery> queries = new CopyOnWriteArrayList<>();
        volatile String failOn;

        FakeIam(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public Fetched<PermissionSimulation> simulate(PermissionQuery query) {
            calls.add("iam:SimulatePrincipalPolicy");
            queries.add(query);
            if (failOn != null && query.resourceArns().contains(failOn)) {
                return Fetched.failed(ReadFailures.throttled("iam:SimulatePrincipalPolicy"));
            }
            List<ActionDecision> decisions = new ArrayList<>();
            for (String action : query.actions()) {
                for (String resource : query.resourceArns()) {
                    decisions.add(new ActionDecision(action, resource, PolicyDecision.ALLOWED, null, List.of()));
                }
            }
            return Fetched.present(new PermissionSimulation(query.principalArn(), decisions));
        }

        /** Actions asked per resource for one principal; fails the test if a resource was asked about twice. */
        Map<String, Set<String>> callsFor(String principal) {
            List<PermissionQuery> mine = queries.stream().filter(q -> q.principalArn().equals(principal)).toList();
            mine.forEach(q -> assertThat(q.resourceArns()).as("one resource per call").hasSize(1));
            Map<String, Set<String>> calls = new java.util.LinkedHashMap<>();
            for (PermissionQuery q : mine) {
                String resource = q.resourceArns().getFirst();
                assertThat(calls).as("one call per resource for %s", principal).doesNotContainKey(resource);
                calls.put(resource, Set.copyOf(q.actions()));
            }
            return calls;
        }

        PermissionQuery query(String principal, String resource) {
            return queries.stream().filter(q -> q.principalArn().equals(principal) && q.resourceArns().equals(List.of(resource)))
                    .findFirst().orElseThrow();
        }

        @Override
        public Fetched<String> instanceProfileRole(String instanceProfileArn) {
            throw new AssertionError("these tasks have task roles; no instance profile is read");
        }
    }

    /** Answers the audit reads (KMS, Logs, S3) through the generic double, recording each action in the calls made. */
    private static final class FakeAudit {
        final ReadSourceDouble reads = new ReadSourceDouble();
        volatile Fetched<KmsKey> key;
        volatile RuntimeException bucketFailure;
        volatile CountDownLatch barrier;

        FakeAudit(List<String> calls) {
            reads.answer(KmsReads.DESCRIBE_KEY, keyId -> {
                calls.add("kms:DescribeKey");
                rendezvous();
                if (key != null) {
                    return key;
                }
                String arn = keyId.startsWith("arn:") ? keyId : "arn:aws-us-gov:kms:us-gov-west-1:" + ACCOUNT + ":key/" + keyId;
                return Fetched.present(new KmsKey(arn, "Enabled"));
            });
            reads.answer(KmsReads.KEY_POLICY, keyArn -> {
                calls.add("kms:GetKeyPolicy");
                rendezvous();
                return Fetched.present(PolicyDocument.fullAccess());
            });
            reads.answer(S3Reads.BUCKET_POLICY, bucketName -> {
                calls.add("s3:GetBucketPolicy");
                rendezvous();
                return Fetched.absent("bucket " + bucketName + " has no bucket policy");
            });
            reads.answer(LogsReads.LOG_GROUP, logGroupName -> {
                calls.add("logs:DescribeLogGroups");
                rendezvous();
                return Fetched.present(new LogGroup(logGroupName, "arn:aws-cn:kms:cn-north-1:" + ACCOUNT + ":key/logs"));
            });
            reads.answer(S3Reads.BUCKET, bucketName -> {
                calls.add("s3:GetEncryptionConfiguration");
                rendezvous();
                if (bucketFailure != null) {
                    throw bucketFailure;
                }
                return Fetched.present(new S3Bucket(bucketName, "AES256"));
            });
        }

        private void rendezvous() {
            ReadBarrier.rendezvous(barrier);
        }

        List<String> keysDescribed() {
            return reads.argumentsOf(KmsReads.DESCRIBE_KEY);
        }

        List<String> groupsDescribed() {
            return reads.argumentsOf(LogsReads.LOG_GROUP);
        }
    }

}
