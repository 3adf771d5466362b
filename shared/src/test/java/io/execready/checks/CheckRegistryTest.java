package io.execready.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckEngine;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.TaskReport;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.ReadFailure;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckRegistryTest {

    /** Checks that judge the task as the event or DescribeTasks reported it, which is always there. */
    private static final List<String> TASK_ONLY = List.of(
            "task-running", "exec-enabled", "managed-agent-running", "platform-version", "agent-version", "launch-type-supported",
            // on Fargate these need no more than the task's launch type
            "exec-capability-registered", "instance-metadata-reachable");

    /**
     * On the healthy Fargate task in its own VPC behind a NAT, these have nothing to judge (and the
     * session probe is off unless a deployment turns it on).
     */
    private static final List<String> NOT_APPLICABLE_ON_FARGATE_BEHIND_NAT = List.of(
            "agent-version", "ssm-endpoint-security-group", "private-endpoints-complete", "shared-vpc",
            "ssm-endpoint-in-task-az", "endpoint-policy-allows", "vpc-dns-for-endpoints", "exec-capability-registered", "instance-metadata-reachable",
            "exec-session-probe");

    /** Judges only the probe's own fact, which is never a failed read: probing off says NOT_APPLICABLE. */
    private static final String SESSION_PROBE = "exec-session-probe";

    /** Checks of features a cluster may leave unused: exec key, own log destinations, operators. */
    private static final List<String> UNUSED_FEATURES = List.of(
            "task-role-kms-decrypt", "task-role-audit-log-cloudwatch", "task-role-audit-log-s3", "operator-can-execute",
            "operator-start-session-restricted", "audit-log-destination-ready", "exec-kms-key-usable",
            "kms-key-policy-allows", "audit-bucket-policy-allows");

    @Test
    void all_hasUniqueIdsInTheCatalogSyntax() {
        List<String> ids = CheckRegistry.all().stream().map(Check::id).toList();

        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(14);
        assertThat(ids).allMatch(id -> id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), "lowercase words joined by hyphens");
    }

    @Test
    void all_eachCheckIsAFinalClassPublishingItsDefinition() throws ReflectiveOperationException {
        for (Check check : CheckRegistry.all()) {
            Class<?> type = check.getClass();
            Field field = type.getField("DEFINITION");

            assertThat(Modifier.isFinal(type.getModifiers())).as("%s is final", type.getSimpleName()).isTrue();
            assertThat(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers())).isTrue();
            assertThat(field.get(null)).isSameAs(check.definition());
            CheckDefinition definition = check.definition();
            assertThat(definition.title()).isNotBlank().hasSizeLessThanOrEqualTo(256).doesNotEndWith(".");
            assertThat(definition.documentationUrl()).startsWith("https://docs.aws.amazon.com/");
        }
    }

    @Test
    void all_onAHealthyTaskUsingEveryExecFeature_everyCheckPassesButThoseForOtherPlatformsAndNetworks() {
        CheckEngine engine = new CheckEngine(CheckRegistry.all(), Clock.fixed(Instant.parse("2025-03-01T10:20:00Z"), ZoneOffset.UTC));

        TaskReport report = engine.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().build());

        assertThat(report.results()).filteredOn(r -> !NOT_APPLICABLE_ON_FARGATE_BEHIND_NAT.contains(r.checkId()))
                .extracting(CheckResult::status).containsOnly(CheckStatus.PASS);
        assertThat(report.results()).filteredOn(r -> NOT_APPLICABLE_ON_FARGATE_BEHIND_NAT.contains(r.checkId()))
                .extracting(CheckResult::status).containsOnly(CheckStatus.NOT_APPLICABLE);
        assertThat(report.execCapableContainers()).containsExactly("app");
    }

    @Test
    void all_onAHealthyTaskWithoutKeyAuditDestinationsOrOperators_onlyThoseChecksDoNotApply() {
        CheckEngine engine = new CheckEngine(CheckRegistry.all(), Clock.fixed(Instant.parse("2025-03-01T10:20:00Z"), ZoneOffset.UTC));

        TaskReport report = engine.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertThat(report.withStatus(CheckStatus.NOT_APPLICABLE)).extracting(CheckResult::checkId)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(UNUSED_FEATURES.stream(),
                        NOT_APPLICABLE_ON_FARGATE_BEHIND_NAT.stream()).toList());
        assertThat(report.results()).filteredOn(r -> !UNUSED_FEATURES.contains(r.checkId()) && !NOT_APPLICABLE_ON_FARGATE_BEHIND_NAT.contains(r.checkId()))
                .extracting(CheckResult::status).containsOnly(CheckStatus.PASS);
    }

    @Test
    void all_whenEveryReadFailed_noCheckPassesOrFails() {
        CheckEngine engine = new CheckEngine(CheckRegistry.all(), Clock.fixed(Instant.parse("2025-03-01T10:20:00Z"), ZoneOffset.UTC));
        ReadFailure denied = ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException");

        TaskReport report = engine.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskDefinitionFailed(denied)
                .withOwningServiceFailed(ReadFailures.denied("ecs:DescribeServices", "AccessDeniedException"))
                .withClusterFailed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException"))
                .withTaskRoleFailed(denied)
                .withNetworkPathFailed(ReadFailures.denied("ec2:DescribeSubnets", "UnauthorizedOperation"))
                .build());

        List<CheckResult> fromSnapshotFacts = report.results().stream()
                .filter(r -> !TASK_ONLY.contains(r.checkId()) && !r.checkId().equals(SESSION_PROBE))
                .toList();
        assertThat(fromSnapshotFacts).extracting(CheckResult::status).containsOnly(CheckStatus.UNKNOWN);
        assertThat(report.results()).noneMatch(r -> r.message().startsWith("The check "));
    }

    /** Checks that only recommend: they WARN, never FAIL, so there is no error an operator would see. */
    private static final List<String> NEVER_FAIL = List.of(
            "restart-policy", "init-process-enabled", "no-static-credentials", "pid-mode", "exec-resource-headroom",
            "operator-start-session-restricted", "audit-logging-configured", "ssm-endpoint-in-task-az", "shared-vpc", "proxy-bypass");

    /** Checks whose every FAIL carries the error it met itself (the probe's session), not one declared up front. */
    private static final List<String> ERROR_PER_FAIL = List.of("exec-session-probe");

    @Test
    void all_everyCheckThatCanFail_carriesTheErrorAnOperatorWillSee() {
        List<CheckDefinition> definitions = java.util.stream.Stream.concat(
                CheckRegistry.all().stream().map(Check::definition),
                ServiceCheckRegistry.all().stream().map(io.execready.engine.ServiceCheck::definition)).toList();

        assertThat(definitions).filteredOn(d -> !NEVER_FAIL.contains(d.id()) && !ERROR_PER_FAIL.contains(d.id()))
                .allSatisfy(d -> assertThat(d.operatorError().isNone()).as("%s declares no operator error", d.id()).isFalse());
        assertThat(definitions).filteredOn(d -> NEVER_FAIL.contains(d.id()))
                .allSatisfy(d -> assertThat(d.operatorError().isNone()).as("%s never fails", d.id()).isTrue());
        assertThat(definitions).filteredOn(d -> !d.decidesReadiness()).extracting(CheckDefinition::id)
                .as("the checks whose UNKNOWN leaves readiness decided are those that never fail")
                .containsExactlyInAnyOrderElementsOf(NEVER_FAIL);
    }

    @Test
    void fail_carriesTheOperatorErrorAsEvidence() {
        CheckResult result = io.execready.checks.network.SsmReachableCheck.DEFINITION.fail("Broken.", "Fix it.");

        assertThat(result.operatorError()).contains(io.execready.engine.OperatorError.TARGET_NOT_CONNECTED.text());
        assertThat(result.evidence()).containsEntry("operatorError", io.execready.engine.OperatorError.TARGET_NOT_CONNECTED.text());
        assertThat(result.operatorError().orElseThrow()).contains("TargetNotConnectedException");
    }
}
