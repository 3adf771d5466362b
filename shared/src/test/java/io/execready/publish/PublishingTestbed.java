package io.execready.publish;

import io.execready.aws.EcsGateway;
import io.execready.aws.TaskListQuery;
import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.TaskDefinition;
import java.util.List;
import java.util.Map;
import io.execready.aws.SdkEcsGateway;
import io.execready.checks.CheckRegistry;
import io.execready.engine.CheckEngine;
import io.execready.evaluation.SnapshotSource;
import io.execready.evaluation.TaskEvaluation;
import io.execready.fixtures.ContainerFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.harness.LocalAws;
import io.execready.harness.LocalDynamoDb;
import io.execready.harness.SnsNotification;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.PolicyDecision;
import io.execready.snapshot.TaskSnapshot;
import io.execready.state.StateTable;
import io.execready.state.SubjectStore;
import io.execready.state.TaskEventVersions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The findings port's proving ground: Security Hub, SNS and ECS of the local emulator (moto), the
 * state table in DynamoDB Local, every one reached through the real SDK client, and the product's
 * own {@link TaskEvaluation} wired as the functions wire it. Only the clock (to move past a
 * heartbeat) and the snapshot (a fixture instead of ECS and IAM reads) are the test's.
 */
final class PublishingTestbed implements AutoCloseable {

    static final Region REGION = Region.of(TaskSnapshotFixture.REGION);
    static final String WRITABLE_ROOT = "writable-root-filesystem";
    static final String SSM_MESSAGES = "task-role-ssmmessages";

    final LocalAws aws;
    final LocalDynamoDb dynamoDb;
    final DynamoDbClient dynamoDbClient;
    final SecurityHubClient securityHub;
    final SnsClient sns;
    final EcsClient ecs;
    final AtomicInteger dynamoDbCalls = new AtomicInteger();
    private final AtomicInteger tables = new AtomicInteger();

    private PublishingTestbed(LocalAws aws, LocalDynamoDb dynamoDb) {
        this.aws = aws;
        this.dynamoDb = dynamoDb;
        SdkHttpClient http = UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                dynamoDbCalls.incrementAndGet();
            }
        };
        this.dynamoDbClient = DynamoDbClient.builder().region(REGION).httpClient(http)
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
        this.securityHub = SecurityHubClient.builder().region(REGION).httpClient(http).build();
        this.sns = SnsClient.builder().region(REGION).httpClient(http).build();
        this.ecs = EcsClient.builder().region(REGION).httpClient(http).build();
    }

    static PublishingTestbed start() {
        LocalAws aws = LocalAws.start();
        try {
            aws.applyToSystemProperties();
            LocalDynamoDb dynamoDb = LocalDynamoDb.start();
            dynamoDb.applyToSystemProperties();
            return new PublishingTestbed(aws, dynamoDb);
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    /** A fresh account in the emulator and a fresh state table: one per test. */
    Account newAccount(boolean readyAgainAlerts) {
        aws.reset();
        securityHub.enableSecurityHub(r -> r.enableDefaultStandards(false));
        String topicArn = sns.createTopic(r -> r.name("execready-alerts")).topicArn();
        String table = "execready-state-" + tables.incrementAndGet();
        StateTable.create(dynamoDbClient, table);
        return new Account(this, topicArn, table, readyAgainAlerts);
    }

    @Override
    public void close() {
        dynamoDbClient.close();
        securityHub.close();
        sns.close();
        ecs.close();
        dynamoDb.close();
        aws.close();
    }

    /** A task of service payments-api (or of the given group) with the cause of the trouble applied. */
    static EcsTask task(String taskId, long version, String lastStatus, UnaryOperator<TaskSnapshotFixture> shape) {
        EcsTask task = shape.apply(TaskSnapshotFixture.runningFargateTask().withTaskId(taskId).withVersion(version).withLastStatus(lastStatus))
                .build().task();
        ISSUED.put(task.taskArn(), task);
        return task;
    }

    /** The tasks the tests run, as ECS describes them (the emulator holds none of these fixture tasks). */
    private static final Map<String, EcsTask> ISSUED = new java.util.concurrent.ConcurrentHashMap<>();

    /** ECS reads from the emulator, except that the tasks the tests issued are described as issued. */
    private static EcsGateway knowingIssuedTasks(EcsGateway emulator) {
        return new EcsGateway() {
            @Override
            public Fetched<TaskDefinition> describeTaskDefinition(String taskDefinition) {
                return emulator.describeTaskDefinition(taskDefinition);
            }

            @Override
            public Fetched<EcsCluster> describeCluster(String cluster) {
                return emulator.describeCluster(cluster);
            }

            @Override
            public Fetched<EcsService> describeService(String cluster, String serviceName) {
                return emulator.describeService(cluster, serviceName);
            }

            @Override
            public Map<String, Fetched<EcsTask>> describeTasks(String cluster, List<String> tasks) {
                Map<String, Fetched<EcsTask>> described = new java.util.LinkedHashMap<>(emulator.describeTasks(cluster, tasks));
                tasks.stream().filter(ISSUED::containsKey).forEach(arn -> described.put(arn, Fetched.present(ISSUED.get(arn))));
                return described;
            }

            @Override
            public Fetched<List<String>> listTasks(String cluster, TaskListQuery query) {
                return emulator.listTasks(cluster, query);
            }

            @Override
            public Fetched<Map<String, String>> listTagsForResource(String arn) {
                return emulator.listTagsForResource(arn);
            }

            @Override
            public Map<String, Fetched<ContainerInstance>> describeContainerInstances(String cluster, List<String> containerInstances) {
                return emulator.describeContainerInstances(cluster, containerInstances);
            }
        };
    }

    /** A read-only root filesystem without the agent's volumes: writable-root-filesystem fails. */
    static TaskSnapshotFixture readOnlyRoot(TaskSnapshotFixture fixture) {
        return fixture.withContainer(ContainerFixture.container("app").withReadOnlyRoot());
    }

    /** On top of that, the task role cannot open the control channel: task-role-ssmmessages fails too. */
    static TaskSnapshotFixture readOnlyRootAndNoControlChannel(TaskSnapshotFixture fixture) {
        return readOnlyRoot(fixture).withSsmDecision("ssmmessages:CreateControlChannel", PolicyDecision.IMPLICIT_DENY, null);
    }

    /** One emulated account with its own state table and the product wired against both. */
    static final class Account {
        final PublishingTestbed bed;
        final String topicArn;
        final String table;
        final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
        final RecordingSecurityHub recordingSecurityHub;
        /** How the service's tasks look now: changed to break or fix them. */
        final AtomicReference<UnaryOperator<TaskSnapshotFixture>> shape = new AtomicReference<>(PublishingTestbed::readOnlyRoot);
        final SubjectStore store;
        final SecurityHubFindingsPort findings;
        final TaskEvaluation evaluation;

        Account(PublishingTestbed bed, String topicArn, String table, boolean readyAgainAlerts) {
            this(bed, topicArn, table, readyAgainAlerts, new RecordingSecurityHub(bed.securityHub));
        }

        Account(PublishingTestbed bed, String topicArn, String table, boolean readyAgainAlerts, RecordingSecurityHub securityHub) {
            this(bed, topicArn, table, securityHub,
                    new AlertChannels(new AlertComposer(), new SnsAlertPublisher(bed.sns, topicArn), null, readyAgainAlerts));
        }

        /** The same account and table, wired with other alert channels. */
        Account(PublishingTestbed bed, String topicArn, String table, RecordingSecurityHub securityHub, AlertChannels channels) {
            this.bed = bed;
            this.topicArn = topicArn;
            this.table = table;
            this.recordingSecurityHub = securityHub;
            this.store = new SubjectStore(bed.dynamoDbClient, table);
            this.findings = new SecurityHubFindingsPort(store, new AsffFindingMapper(),
                    new SecurityHubPublisher(securityHub, ImportRetryPolicy.DEFAULT, duration -> Thread.sleep(duration), ImportRateLimiter.unlimited()),
                    channels, clock, Duration.ofDays(30), duration -> Thread.sleep(duration), new ClaimOwner());
            SnapshotSource snapshots = target -> snapshotOf(target.task());
            this.evaluation = new TaskEvaluation(snapshots, new CheckEngine(CheckRegistry.all(), clock), findings,
                    knowingIssuedTasks(new SdkEcsGateway(bed.ecs)), TaskEventVersions.stored(store, clock));
        }

        private TaskSnapshot snapshotOf(EcsTask task) {
            TaskSnapshotFixture fixture = TaskSnapshotFixture.runningFargateTask()
                    .withTaskId(task.taskId()).withVersion(task.version()).withStartedBy(task.startedBy());
            if (!task.group().equals("service:" + TaskSnapshotFixture.SERVICE)) {
                fixture = fixture.withGroup(task.group());
            }
            return shape.get().apply(fixture).build();
        }

        /** What Security Hub holds now, as GetFindings returns it (moto ignores filters, so this is all). */
        List<AwsSecurityFinding> findings() {
            return bed.securityHub.getFindingsPaginator(r -> r.maxResults(100)).findings().stream().toList();
        }

        List<SnsNotification> alerts() {
            return bed.aws.sentNotifications();
        }
    }

    /** Passes every import to the emulator's Security Hub and keeps each request, in send order. */
    static class RecordingSecurityHub implements SecurityHubClient {
        final List<BatchImportFindingsRequest> requests = new CopyOnWriteArrayList<>();
        private final SecurityHubClient delegate;

        RecordingSecurityHub(SecurityHubClient delegate) {
            this.delegate = delegate;
        }

        List<AwsSecurityFinding> sent() {
            return requests.stream().flatMap(r -> r.findings().stream()).toList();
        }

        @Override
        public BatchImportFindingsResponse batchImportFindings(BatchImportFindingsRequest request) {
            requests.add(request);
            return delegate.batchImportFindings(request);
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    /** A clock the test moves, shared by every evaluation of an account. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
