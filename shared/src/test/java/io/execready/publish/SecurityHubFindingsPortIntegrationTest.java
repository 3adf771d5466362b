package io.execready.publish;

import static io.execready.publish.PublishingTestbed.SSM_MESSAGES;
import static io.execready.publish.PublishingTestbed.WRITABLE_ROOT;
import static io.execready.publish.PublishingTestbed.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.checks.CheckRegistry;
import io.execready.engine.CheckStatus;
import io.execready.engine.SubjectReport;
import io.execready.engine.TaskReport;
import io.execready.evaluation.EvaluationOutcome;
import io.execready.evaluation.SettlementOutcome;
import io.execready.evaluation.TaskEventOutcome;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.harness.SnsNotification;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Subject;
import io.execready.state.SubjectState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;

/**
 * Findings and alerts of one subject under concurrency, through the real SDK clients: Security Hub
 * and SNS of the local emulator, the state table in DynamoDB Local.
 */
@Tag("emulator")
class SecurityHubFindingsPortIntegrationTest {

    private static final int CHECKS = CheckRegistry.all().size();
    private static final String FAMILY_GROUP = "family:nightly-report";

    private static PublishingTestbed bed;

    @BeforeAll
    static void start() {
        bed = PublishingTestbed.start();
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void fiftyConcurrentEvaluationsOfABrokenService_importEachFindingOnceAndAlertOnce_thenAChangeKeepsCreatedAtAndMovesUpdatedAt() throws Exception {
        PublishingTestbed.Account account = bed.newAccount(true);

        List<TaskEventOutcome> first = concurrently(50, i -> task(taskId("a", i), 3, "RUNNING", UnaryOperator.identity()), account);

        assertThat(evaluated(first)).allSatisfy(o -> assertThat(o.authority().authoritative()).isTrue());
        int imported = importedVerdicts(evaluated(first).getFirst().report());
        assertThat(imported).as("every verdict but NOT_APPLICABLE").isPositive().isLessThanOrEqualTo(CHECKS);
        assertThat(evaluated(first).stream().mapToInt(EvaluationOutcome::findingsImported).sum()).isEqualTo(imported);
        assertThat(account.recordingSecurityHub.sent()).extracting(AwsSecurityFinding::id).doesNotHaveDuplicates().hasSize(imported);
        assertThat(transitions(first)).containsExactly(AlertTransition.Kind.NOT_READY);
        List<SnsNotification> alerts = account.alerts();
        assertThat(alerts).singleElement().satisfies(alert -> assertThat(alert.message()).contains(WRITABLE_ROOT));
        Map<String, AwsSecurityFinding> before = byCheck(account.findings());
        assertThat(before).hasSize(imported);
        assertThat(before.get(WRITABLE_ROOT).compliance().statusAsString()).isEqualTo("FAILED");
        assertThat(before.get(SSM_MESSAGES).compliance().statusAsString()).isEqualTo("PASSED");

        // A new deployment breaks a second check; the clock has not moved, so UpdatedAt must still step forward.
        account.shape.set(PublishingTestbed::readOnlyRootAndNoControlChannel);
        List<TaskEventOutcome> second = concurrently(50, i -> task(taskId("b", i), 3, "RUNNING", UnaryOperator.identity()), account);

        assertThat(evaluated(second).stream().mapToInt(EvaluationOutcome::findingsImported).sum()).isEqualTo(1);
        assertThat(transitions(second)).containsExactly(AlertTransition.Kind.FAILING_SET_CHANGED);
        assertThat(account.alerts()).hasSize(2);
        assertThat(account.alerts().get(1).message()).contains(SSM_MESSAGES, WRITABLE_ROOT);
        Map<String, AwsSecurityFinding> after = byCheck(account.findings());
        AwsSecurityFinding ssm = after.get(SSM_MESSAGES);
        assertThat(ssm.compliance().statusAsString()).isEqualTo("FAILED");
        assertThat(ssm.createdAt()).isEqualTo(before.get(SSM_MESSAGES).createdAt());
        assertThat(Instant.parse(ssm.updatedAt())).isAfter(Instant.parse(before.get(SSM_MESSAGES).updatedAt()));
        assertThat(after.get(WRITABLE_ROOT).updatedAt()).as("unchanged findings are not imported again").isEqualTo(before.get(WRITABLE_ROOT).updatedAt());
        assertUpdatedAtStrictlyIncreasesPerFinding(account.recordingSecurityHub.sent());
    }

    @Test
    void fixingTheCause_turnsFindingsPassedAndSendsOneReadyAgainAlert() throws Exception {
        PublishingTestbed.Account account = bed.newAccount(true);
        concurrently(10, i -> task(taskId("a", i), 3, "RUNNING", UnaryOperator.identity()), account);

        account.shape.set(UnaryOperator.identity());
        List<TaskEventOutcome> fixed = concurrently(10, i -> task(taskId("b", i), 3, "RUNNING", UnaryOperator.identity()), account);

        assertThat(transitions(fixed)).containsExactly(AlertTransition.Kind.READY_AGAIN);
        assertThat(byCheck(account.findings()).get(WRITABLE_ROOT).compliance().statusAsString()).isEqualTo("PASSED");
        assertThat(byCheck(account.findings()).values()).extracting(f -> f.compliance().statusAsString()).doesNotContain("FAILED");
        List<SnsNotification> alerts = account.alerts();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).subject()).startsWith("ECS Exec ready again");
        assertThat(alerts.get(1).message()).contains(WRITABLE_ROOT);
        assertThat(alerts.get(1).messageAttributes()).containsEntry("status", "READY");
    }

    @Test
    void fixingTheCause_whenReadyAgainAlertsAreOff_recordsTheTransitionAndSendsNothing() throws Exception {
        PublishingTestbed.Account account = bed.newAccount(false);
        concurrently(5, i -> task(taskId("a", i), 3, "RUNNING", UnaryOperator.identity()), account);

        account.shape.set(UnaryOperator.identity());
        List<TaskEventOutcome> fixed = concurrently(5, i -> task(taskId("b", i), 3, "RUNNING", UnaryOperator.identity()), account);
        account.shape.set(PublishingTestbed::readOnlyRoot);
        List<TaskEventOutcome> brokenAgain = concurrently(5, i -> task(taskId("c", i), 3, "RUNNING", UnaryOperator.identity()), account);

        assertThat(transitions(fixed)).containsExactly(AlertTransition.Kind.READY_AGAIN);
        assertThat(transitions(brokenAgain)).containsExactly(AlertTransition.Kind.NOT_READY);
        assertThat(account.alerts()).extracting(SnsNotification::subject).allSatisfy(subject -> assertThat(subject).startsWith("ECS Exec not ready"))
                .hasSize(2);
    }

    @Test
    void deletingTheService_archivesItsFindings_whileAStoppedTaskOfALiveServiceKeepsThem() {
        PublishingTestbed.Account account = bed.newAccount(true);
        bed.ecs.createCluster(r -> r.clusterName(TaskSnapshotFixture.CLUSTER));
        bed.ecs.registerTaskDefinition(r -> r.family(TaskSnapshotFixture.FAMILY).networkMode(NetworkMode.BRIDGE)
                .containerDefinitions(ContainerDefinition.builder().name("app").image("public.ecr.aws/example/app:1").memory(256).build()));
        bed.ecs.createService(r -> r.cluster(TaskSnapshotFixture.CLUSTER).serviceName(TaskSnapshotFixture.SERVICE)
                .taskDefinition(TaskSnapshotFixture.FAMILY).desiredCount(0).launchType(LaunchType.EC2));
        for (int i = 0; i < 3; i++) {
            account.evaluation.onTaskStateChange(task(taskId("a", i), 3, "RUNNING", UnaryOperator.identity()));
        }
        Map<String, AwsSecurityFinding> active = byCheck(account.findings());

        TaskEventOutcome whileLive = account.evaluation.onTaskStateChange(task(taskId("a", 0), 4, "STOPPED", UnaryOperator.identity()));
        bed.ecs.deleteService(r -> r.cluster(TaskSnapshotFixture.CLUSTER).service(TaskSnapshotFixture.SERVICE).force(true));
        account.clock.advance(Duration.ofMinutes(5));
        TaskEventOutcome afterDelete = account.evaluation.onTaskStateChange(task(taskId("a", 1), 4, "STOPPED", UnaryOperator.identity()));
        TaskEventOutcome lastOne = account.evaluation.onTaskStateChange(task(taskId("a", 2), 4, "STOPPED", UnaryOperator.identity()));

        assertThat(settled(whileLive)).isInstanceOf(SettlementOutcome.Kept.class);
        assertThat(settled(afterDelete)).isInstanceOf(SettlementOutcome.Archived.class);
        assertThat(((SettlementOutcome.Archived) settled(afterDelete)).published().findingsImported()).isEqualTo(active.size());
        assertThat(settled(lastOne)).as("nothing left to archive").isInstanceOf(SettlementOutcome.Kept.class);
        Map<String, AwsSecurityFinding> archived = byCheck(account.findings());
        assertThat(archived.values()).extracting(f -> f.recordStateAsString()).containsOnly("ARCHIVED").hasSize(active.size());
        archived.forEach((checkId, finding) -> {
            assertThat(finding.createdAt()).isEqualTo(active.get(checkId).createdAt());
            assertThat(Instant.parse(finding.updatedAt())).isAfter(Instant.parse(active.get(checkId).updatedAt()));
            assertThat(finding.description()).isEqualTo(active.get(checkId).description());
        });
        assertThat(account.alerts()).as("archiving sends nothing").hasSize(1);
    }

    @Test
    void stoppingTheLastTaskOfAFamily_archivesItsFindings_andANewTaskBringsThemBack() {
        PublishingTestbed.Account account = bed.newAccount(true);
        UnaryOperator<TaskSnapshotFixture> family = f -> f.withGroup(FAMILY_GROUP).withStartedBy(null);
        String runningInEcs = runFamilyTaskInEcs();
        account.evaluation.onTaskStateChange(task(taskId("a", 0), 3, "RUNNING", family));
        account.evaluation.onTaskStateChange(task(taskId("a", 1), 3, "RUNNING", family));

        TaskEventOutcome oneOfTwo = account.evaluation.onTaskStateChange(task(taskId("a", 0), 4, "STOPPED", family));
        bed.ecs.stopTask(r -> r.cluster(TaskSnapshotFixture.CLUSTER).task(runningInEcs));
        TaskEventOutcome last = account.evaluation.onTaskStateChange(task(taskId("a", 1), 4, "STOPPED", family));
        List<String> statesWhenGone = byCheck(account.findings()).values().stream().map(f -> f.recordStateAsString()).distinct().toList();
        TaskEventOutcome comesBack = account.evaluation.onTaskStateChange(task(taskId("a", 2), 3, "RUNNING", family));

        assertThat(settled(oneOfTwo)).as("a task of the family still runs in ECS").isInstanceOf(SettlementOutcome.Kept.class);
        assertThat(settled(last)).isInstanceOf(SettlementOutcome.Archived.class);
        assertThat(settled(last).why()).contains("family nightly-report");
        assertThat(statesWhenGone).containsExactly("ARCHIVED");
        assertThat(((TaskEventOutcome.Evaluated) comesBack).outcome().findingsImported())
                .isEqualTo(importedVerdicts(((TaskEventOutcome.Evaluated) comesBack).outcome().report()));
        assertThat(byCheck(account.findings()).values()).extracting(f -> f.recordStateAsString()).containsOnly("ACTIVE");
        assertThat(account.alerts()).extracting(SnsNotification::subject).hasSize(2)
                .allSatisfy(subject -> assertThat(subject).contains(FAMILY_GROUP));
    }

    @Test
    void anUnchangedReEvaluation_importsNothing_untilTheHeartbeatIsDue() {
        PublishingTestbed.Account account = bed.newAccount(true);
        account.evaluation.onTaskStateChange(task(taskId("a", 0), 3, "RUNNING", UnaryOperator.identity()));
        Map<String, AwsSecurityFinding> first = byCheck(account.findings());

        account.clock.advance(Duration.ofDays(29));
        EvaluationOutcome unchanged = evaluated(account.evaluation.onTaskStateChange(task(taskId("b", 0), 3, "RUNNING", UnaryOperator.identity())));
        int callsBeforeHeartbeat = account.recordingSecurityHub.requests.size();
        account.clock.advance(Duration.ofDays(1));
        EvaluationOutcome heartbeat = evaluated(account.evaluation.onTaskStateChange(task(taskId("c", 0), 3, "RUNNING", UnaryOperator.identity())));

        assertThat(unchanged.findingsImported()).isZero();
        assertThat(unchanged.published().findingsUnchanged()).isEqualTo(CHECKS);
        assertThat(callsBeforeHeartbeat).isEqualTo(1);
        assertThat(heartbeat.findingsImported()).isEqualTo(importedVerdicts(heartbeat.report()));
        assertThat(account.recordingSecurityHub.requests).hasSize(2);
        byCheck(account.findings()).forEach((checkId, finding) -> {
            assertThat(finding.createdAt()).isEqualTo(first.get(checkId).createdAt());
            assertThat(Instant.parse(finding.updatedAt())).isEqualTo(account.clock.instant());
        });
        assertThat(account.alerts()).as("a heartbeat is no transition").hasSize(1);
    }

    @Test
    void aPartialFailureOfSecurityHub_isRetriedThenReported_andTheImportIsNotRecordedUntilItHappens() {
        PublishingTestbed.Account healthy = bed.newAccount(true);
        FailingSecurityHub securityHub = new FailingSecurityHub(healthy.bed.securityHub, WRITABLE_ROOT);
        PublishingTestbed.Account account = new PublishingTestbed.Account(bed, healthy.topicArn, healthy.table, true, securityHub);
        EcsTask task = task(taskId("a", 0), 3, "RUNNING", UnaryOperator.identity());

        FindingsImportException thrown = catchThrowableOfType(FindingsImportException.class, () -> account.evaluation.onTaskStateChange(task));

        assertThat(thrown.failures()).singleElement().extracting(ImportFailure::findingId).asString().endsWith("/" + WRITABLE_ROOT);
        assertThat(securityHub.requests).as("sent four times: the first attempt and three retries").hasSize(4);
        assertThat(securityHub.requests.subList(1, 4)).allSatisfy(r -> assertThat(r.findings()).singleElement()
                .satisfies(f -> assertThat(f.generatorId()).isEqualTo(WRITABLE_ROOT)));
        SubjectState state = account.store.read(Subject.of(task));
        assertThat(state.check(WRITABLE_ROOT).orElseThrow().fingerprint()).as("not recorded: it was not imported").isNull();
        assertThat(state.check(WRITABLE_ROOT).orElseThrow().pendingFingerprint()).as("reservation given back").isNull();
        assertThat(account.alerts()).as("no alert before the findings it names exist").isEmpty();

        securityHub.heal();
        EvaluationOutcome retried = evaluated(account.evaluation.onTaskStateChange(task));

        assertThat(retried.findingsImported()).isEqualTo(1);
        assertThat(state.checks().values()).filteredOn(c -> c.fingerprint() != null).hasSize(importedVerdicts(retried.report()) - 1);
        assertThat(securityHub.requests.getLast().findings()).singleElement().satisfies(f -> assertThat(f.generatorId()).isEqualTo(WRITABLE_ROOT));
        assertThat(byCheck(account.findings())).containsKey(WRITABLE_ROOT);
        assertThat(account.alerts()).hasSize(1);
    }

    @Test
    void aVerdictThatBecomesNotApplicable_archivesTheImportedFinding_andANotApplicableFirstVerdictImportsNothing() {
        PublishingTestbed.Account account = bed.newAccount(true);
        TaskReport failing = ReportFixture.serviceTask().service("na-service")
                .result(ReportFixture.result("ssm-reachable", CheckStatus.FAIL))
                .result(ReportFixture.result("shared-vpc", CheckStatus.NOT_APPLICABLE))
                .build();
        TaskReport notApplicable = ReportFixture.serviceTask().service("na-service").taskId("1a2b3c4d5e6f70819a8b7c6d5e4f3a2b")
                .result(ReportFixture.result("ssm-reachable", CheckStatus.NOT_APPLICABLE))
                .result(ReportFixture.result("shared-vpc", CheckStatus.NOT_APPLICABLE))
                .build();

        PublishResult first = account.findings.publish(failing);
        account.clock.advance(Duration.ofMinutes(1));
        PublishResult second = account.findings.publish(notApplicable);
        account.clock.advance(Duration.ofMinutes(1));
        PublishResult third = account.findings.publish(notApplicable);

        assertThat(first.findingsImported()).as("shared-vpc does not apply: not a finding").isEqualTo(1);
        assertThat(second.findingsImported()).as("the FAIL that no longer applies is archived").isEqualTo(1);
        assertThat(third.findingsImported()).isZero();
        List<AwsSecurityFinding> findings = account.findings().stream()
                .filter(f -> f.productFields().getOrDefault("execready/Subject", "").endsWith("|service:na-service")).toList();
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.generatorId()).isEqualTo("ssm-reachable");
            assertThat(finding.recordStateAsString()).isEqualTo("ARCHIVED");
            assertThat(finding.compliance().statusAsString()).as("what the reviewer last saw stays").isEqualTo("FAILED");
        });
        assertThat(account.recordingSecurityHub.sent()).extracting(AwsSecurityFinding::generatorId).doesNotContain("shared-vpc");
    }

    @Test
    void anAlertSNSRefuses_givesTheTransitionBack_soTheRetrySendsIt() {
        PublishingTestbed.Account working = bed.newAccount(true);
        AlertChannels refused = new AlertChannels(new AlertComposer(),
                new SnsAlertPublisher(bed.sns, working.topicArn + "-deleted"), null, true);
        PublishingTestbed.Account failing = new PublishingTestbed.Account(bed, working.topicArn, working.table, working.recordingSecurityHub, refused);
        EcsTask task = task(taskId("a", 0), 3, "RUNNING", UnaryOperator.identity());

        assertThatThrownBy(() -> failing.evaluation.onTaskStateChange(task)).isInstanceOf(AlertPublishException.class);
        assertThat(working.alerts()).isEmpty();
        assertThat(working.store.read(Subject.of(task)).alert().failingChecks()).as("transition given back").isEmpty();

        EvaluationOutcome retried = evaluated(working.evaluation.onTaskStateChange(task));

        assertThat(retried.findingsImported()).as("the findings were imported the first time").isZero();
        assertThat(retried.published().transitionMade()).contains(AlertTransition.Kind.NOT_READY);
        assertThat(working.alerts()).singleElement().satisfies(alert -> assertThat(alert.message()).contains(WRITABLE_ROOT));
    }

    @Test
    void aChatTopic_getsTheSameAlertInTheChatApplicationsFormat() throws Exception {
        PublishingTestbed.Account plain = bed.newAccount(true);
        String chatTopic = bed.sns.createTopic(r -> r.name("execready-chat")).topicArn();
        PublishingTestbed.Account account = new PublishingTestbed.Account(bed, plain.topicArn, plain.table, plain.recordingSecurityHub,
                new AlertChannels(new AlertComposer(), new SnsAlertPublisher(bed.sns, plain.topicArn),
                        new SnsAlertPublisher(bed.sns, chatTopic), true));

        EvaluationOutcome outcome = evaluated(account.evaluation.onTaskStateChange(task(taskId("a", 0), 3, "RUNNING", UnaryOperator.identity())));

        assertThat(outcome.published().alert()).isInstanceOfSatisfying(PublishResult.AlertStep.Transitioned.class,
                sent -> assertThat(sent.messageIds()).hasSize(2));
        SnsNotification chat = account.alerts().stream().filter(a -> a.topicArn().equals(chatTopic)).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(chat.message());
        assertThat(json.get("version").asText()).isEqualTo("1.0");
        assertThat(json.get("source").asText()).isEqualTo("custom");
        assertThat(json.get("content").get("description").asText()).contains(WRITABLE_ROOT);
        assertThat(chat.messageAttributes()).containsEntry("status", "NOT_READY");
    }

    @Test
    void duplicateAndOlderEventsOfATask_areDropped() {
        PublishingTestbed.Account account = bed.newAccount(true);

        TaskEventOutcome first = account.evaluation.onTaskStateChange(task(taskId("a", 0), 5, "RUNNING", UnaryOperator.identity()));
        TaskEventOutcome duplicate = account.evaluation.onTaskStateChange(task(taskId("a", 0), 5, "RUNNING", UnaryOperator.identity()));
        TaskEventOutcome older = account.evaluation.onTaskStateChange(task(taskId("a", 0), 4, "RUNNING", UnaryOperator.identity()));
        TaskEventOutcome newer = account.evaluation.onTaskStateChange(task(taskId("a", 0), 6, "RUNNING", UnaryOperator.identity()));

        assertThat(first).isInstanceOf(TaskEventOutcome.Evaluated.class);
        assertThat(duplicate).isEqualTo(new TaskEventOutcome.Stale(task(taskId("a", 0), 5, "RUNNING", UnaryOperator.identity()).taskArn(), 5, 5));
        assertThat(older).isInstanceOf(TaskEventOutcome.Stale.class);
        assertThat(newer).isInstanceOf(TaskEventOutcome.Evaluated.class);
    }

    @Test
    void aTaskOfAnOlderDeployment_isEvidenceOnly_andPublishesNothing() {
        PublishingTestbed.Account account = bed.newAccount(true);

        EvaluationOutcome outcome = evaluated(account.evaluation.onTaskStateChange(
                task(taskId("a", 0), 3, "RUNNING", f -> f.withStartedBy("ecs-svc/1111111111111111111"))));

        assertThat(outcome.authority().authoritative()).isFalse();
        assertThat(outcome.authority().reason()).contains("ecs-svc/1111111111111111111", TaskSnapshotFixture.DEPLOYMENT_ID);
        assertThat(outcome.report().execReady()).isFalse();
        assertThat(account.recordingSecurityHub.requests).isEmpty();
        assertThat(account.alerts()).isEmpty();
    }

    /** A Fargate task of family nightly-report running in the emulator's ECS, as RunTask starts it. */
    private static String runFamilyTaskInEcs() {
        try (Ec2Client ec2 = Ec2Client.builder().region(PublishingTestbed.REGION).build()) {
            String vpcId = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(a -> a.value(true)));
            String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.1.1.0/24").availabilityZone(TaskSnapshotFixture.REGION + "a")).subnet().subnetId();
            String groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("nightly").description("nightly tasks")).groupId();
            bed.ecs.createCluster(r -> r.clusterName(TaskSnapshotFixture.CLUSTER));
            bed.ecs.registerTaskDefinition(r -> r.family("nightly-report").networkMode(NetworkMode.AWSVPC)
                    .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                    .containerDefinitions(ContainerDefinition.builder().name("report").image("public.ecr.aws/example/report:1").memory(512).build()));
            return bed.ecs.runTask(r -> r.cluster(TaskSnapshotFixture.CLUSTER).taskDefinition("nightly-report").launchType(LaunchType.FARGATE)
                            .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnetId).securityGroups(groupId)
                                    .assignPublicIp(AssignPublicIp.DISABLED))))
                    .tasks().getFirst().taskArn();
        }
    }

    static List<TaskEventOutcome> concurrently(int count, IntFunction<EcsTask> task, PublishingTestbed.Account account) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TaskEventOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                EcsTask next = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return account.evaluation.onTaskStateChange(next);
                }));
            }
            start.countDown();
            List<TaskEventOutcome> outcomes = new ArrayList<>();
            for (Future<TaskEventOutcome> future : futures) {
                outcomes.add(future.get(120, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    static String taskId(String prefix, int i) {
        return prefix + String.format("%031x", i);
    }

    static List<EvaluationOutcome> evaluated(List<TaskEventOutcome> outcomes) {
        return outcomes.stream().map(SecurityHubFindingsPortIntegrationTest::evaluated).toList();
    }

    /** The verdicts of a report that are findings: every one but NOT_APPLICABLE. */
    static int importedVerdicts(SubjectReport report) {
        return (int) report.results().stream().filter(r -> AsffFindingMapper.imported(r.status())).count();
    }

    static EvaluationOutcome evaluated(TaskEventOutcome outcome) {
        assertThat(outcome).isInstanceOf(TaskEventOutcome.Evaluated.class);
        return ((TaskEventOutcome.Evaluated) outcome).outcome();
    }

    private static SettlementOutcome settled(TaskEventOutcome outcome) {
        assertThat(outcome).isInstanceOf(TaskEventOutcome.Settled.class);
        return ((TaskEventOutcome.Settled) outcome).outcome();
    }

    static List<AlertTransition.Kind> transitions(List<TaskEventOutcome> outcomes) {
        return evaluated(outcomes).stream().flatMap(o -> o.published().transitionMade().stream()).toList();
    }

    static Map<String, AwsSecurityFinding> byCheck(List<AwsSecurityFinding> findings) {
        return findings.stream().collect(Collectors.toMap(AwsSecurityFinding::generatorId, f -> f));
    }

    /** In the order they were sent, each finding's UpdatedAt values never repeat and never go back. */
    private static void assertUpdatedAtStrictlyIncreasesPerFinding(List<AwsSecurityFinding> sent) {
        Map<String, Instant> last = new HashMap<>();
        for (AwsSecurityFinding finding : sent) {
            Instant updatedAt = Instant.parse(finding.updatedAt());
            Instant previous = last.put(finding.id(), updatedAt);
            if (previous != null) {
                assertThat(updatedAt).as("UpdatedAt of %s", finding.id()).isAfter(previous);
            }
        }
    }

    /** Fails one check's finding with a passing error until healed; imports everything else into the emulator. */
    private static final class FailingSecurityHub extends PublishingTestbed.RecordingSecurityHub {
        private final SecurityHubClient emulator;
        private final String failingCheck;
        private volatile boolean healed;

        FailingSecurityHub(SecurityHubClient emulator, String failingCheck) {
            super(emulator);
            this.emulator = emulator;
            this.failingCheck = failingCheck;
        }

        void heal() {
            healed = true;
        }

        @Override
        public BatchImportFindingsResponse batchImportFindings(BatchImportFindingsRequest request) {
            requests.add(request);
            List<AwsSecurityFinding> accepted = request.findings().stream()
                    .filter(f -> healed || !f.generatorId().equals(failingCheck)).toList();
            List<ImportFindingsError> failed = request.findings().stream()
                    .filter(f -> !healed && f.generatorId().equals(failingCheck))
                    .map(f -> ImportFindingsError.builder().id(f.id()).errorCode("InternalException").errorMessage("Internal service error").build())
                    .toList();
            if (!accepted.isEmpty()) {
                emulator.batchImportFindings(r -> r.findings(accepted));
            }
            return BatchImportFindingsResponse.builder().successCount(accepted.size()).failedCount(failed.size()).failedFindings(failed).build();
        }
    }
}
