package io.execready.publish;

import static io.execready.publish.AsffAssertions.assertValidAsff;
import static io.execready.publish.ReportFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.execready.engine.CauseResource;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.OperatorError;
import io.execready.engine.Severity;
import io.execready.engine.TaskReport;
import io.execready.snapshot.ManagedAgent;
import io.execready.snapshot.TaskContainer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;

class AsffFindingMapperTest {

    private final AsffFindingMapper mapper = new AsffFindingMapper();

    @Test
    void map_whenCheckFails_setsEveryRequiredAttribute() {
        CheckResult failure = result("task-role-present", CheckStatus.FAIL)
                .withCause(CauseResource.iamRole("arn:aws:iam::123456789012:role/payments-task"));
        TaskReport report = ReportFixture.serviceTask().result(failure).build();

        AwsSecurityFinding finding = mapper.map(report, FindingContext.evaluatedAt(report)).getFirst();

        assertValidAsff(finding);
        assertThat(finding.id()).isEqualTo("execready/aws/eu-west-1/123456789012/"
                + "arn:aws:ecs:eu-west-1:123456789012:cluster/prod|service:payments-api/task-role-present");
        assertThat(finding.productArn()).isEqualTo("arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default");
        assertThat(finding.generatorId()).isEqualTo("task-role-present");
        assertThat(finding.awsAccountId()).isEqualTo("123456789012");
        assertThat(finding.createdAt()).isEqualTo("2025-03-01T10:15:30.123Z");
        assertThat(finding.updatedAt()).isEqualTo("2025-03-01T10:15:30.123Z");
        assertThat(finding.title()).isEqualTo("ECS Exec: Title of task-role-present (payments-api)");
        assertThat(finding.description())
                .startsWith("ECS Exec will not work on service payments-api in cluster prod until this is fixed.")
                .contains("The requirement task-role-present is not met.")
                .contains("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        assertThat(finding.findingProviderFields().types()).containsExactly("Software and Configuration Checks/AWS Security Best Practices");
        assertThat(finding.findingProviderFields().severity().label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(finding.firstObservedAt()).isEqualTo("2025-03-01T10:15:30.123Z");
        assertThat(finding.lastObservedAt()).isEqualTo("2025-03-01T10:15:30.123Z");
        assertThat(finding.compliance().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(finding.remediation().recommendation().text()).isEqualTo("Fix task-role-present with this command.");
        assertThat(finding.remediation().recommendation().url()).isEqualTo("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html");
        // Only what no other field says: the check is the GeneratorId, the task and the cause are resources.
        assertThat(finding.productFields()).containsOnly(
                entry("execready/Status", "FAIL"),
                entry("execready/Subject", "arn:aws:ecs:eu-west-1:123456789012:cluster/prod|service:payments-api"));
        assertThat(finding.resources()).extracting(Resource::type, Resource::id).containsExactly(
                tuple("AwsEcsService", "arn:aws:ecs:eu-west-1:123456789012:service/prod/payments-api"),
                tuple("AwsEcsTask", "arn:aws:ecs:eu-west-1:123456789012:task/prod/0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
                tuple("AwsEcsTaskDefinition", "arn:aws:ecs:eu-west-1:123456789012:task-definition/payments:42"),
                tuple("AwsEcsCluster", "arn:aws:ecs:eu-west-1:123456789012:cluster/prod"),
                tuple("AwsIamRole", "arn:aws:iam::123456789012:role/payments-task"));
        assertThat(finding.resources().get(3).details().awsEcsCluster().clusterName()).isEqualTo("prod");
    }

    @ParameterizedTest
    @CsvSource({
            "PASS, PASSED, INFORMATIONAL",
            "WARN, FAILED, MEDIUM",
            "FAIL, FAILED, HIGH",
            "UNKNOWN, NOT_AVAILABLE, INFORMATIONAL"})
    void map_setsComplianceStatusAndSeverityPerCheckStatus(CheckStatus status, ComplianceStatus compliance, SeverityLabel severity) {
        TaskReport report = ReportFixture.serviceTask().result(result("exec-enabled", status)).build();

        AwsSecurityFinding finding = mapper.map(report, FindingContext.evaluatedAt(report)).getFirst();

        assertValidAsff(finding);
        assertThat(finding.compliance().status()).isEqualTo(compliance);
        assertThat(finding.findingProviderFields().severity().label()).isEqualTo(severity);
        assertThat(finding.recordStateAsString()).isEqualTo("ACTIVE");
    }

    @Test
    void map_whenCheckFails_describesTheErrorTheOperatorWillSee() {
        CheckResult failed = CheckDefinition.of("exec-enabled", "ECS Exec enabled on the task", "https://docs.aws.amazon.com/")
                .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED)
                .fail("Task abc was started without ECS Exec.", "Force a new deployment.");
        TaskReport report = ReportFixture.serviceTask().result(failed).build();

        AwsSecurityFinding finding = mapper.map(report, FindingContext.evaluatedAt(report)).getFirst();

        assertThat(finding.description()).contains("Trying ECS Exec gives: " + OperatorError.EXECUTE_COMMAND_NOT_ENABLED.text());
    }

    @Test
    void map_whenNotApplicable_importsNoFinding() {
        TaskReport report = ReportFixture.serviceTask().result(result("exec-enabled", CheckStatus.NOT_APPLICABLE)).build();

        assertThat(mapper.map(report, FindingContext.evaluatedAt(report))).isEmpty();
        assertThatThrownBy(() -> mapper.map(report.results().getFirst(), report, FindingContext.evaluatedAt(report)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void map_whenWarnSeverityIsAboveMedium_capsItAtMedium() {
        CheckResult warn = CheckDefinition.of("exec-enabled", "Title", "https://docs.aws.amazon.com/").warn("m.", "r.");
        CheckResult high = new CheckResult(warn.checkId(), warn.title(), CheckStatus.WARN, Severity.HIGH, warn.message(), warn.remediation(),
                warn.documentationUrl(), null, null);
        TaskReport report = ReportFixture.serviceTask().result(high).build();

        AwsSecurityFinding finding = mapper.map(report, FindingContext.evaluatedAt(report)).getFirst();

        assertThat(finding.findingProviderFields().severity().label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(finding.compliance().status()).isEqualTo(ComplianceStatus.FAILED);
    }

    @Test
    void map_whenReportMixesStatuses_producesOneFindingPerResultPassIncluded() {
        TaskReport report = ReportFixture.serviceTask()
                .results(Arrays.stream(CheckStatus.values()).map(status -> result("check-" + status.name().toLowerCase(), status)).toList())
                .build();

        List<AwsSecurityFinding> findings = mapper.map(report, FindingContext.evaluatedAt(report));

        assertThat(findings).hasSize(CheckStatus.values().length - 1);
        assertThat(findings).extracting(AwsSecurityFinding::generatorId)
                .containsExactly("check-pass", "check-warn", "check-fail", "check-unknown");
        assertThat(findings).extracting(AwsSecurityFinding::id).doesNotHaveDuplicates();
        assertThat(findings.getFirst().remediation().recommendation().text()).isEqualTo("No action needed.");
    }

    @Test
    void map_forAnotherTaskOfTheSameService_keepsTheFindingId() {
        TaskReport first = ReportFixture.serviceTask().taskId("aaaa").result(result("exec-enabled", CheckStatus.FAIL)).build();
        TaskReport replacement = ReportFixture.serviceTask().taskId("bbbb").result(result("exec-enabled", CheckStatus.PASS)).build();

        String firstId = mapper.map(first, FindingContext.evaluatedAt(first)).getFirst().id();
        String againId = mapper.map(first, FindingContext.evaluatedAt(first)).getFirst().id();
        String replacementId = mapper.map(replacement, FindingContext.evaluatedAt(replacement)).getFirst().id();

        assertThat(againId).isEqualTo(firstId);
        assertThat(replacementId).isEqualTo(firstId);
    }

    @Test
    void map_forAnotherServiceOrCheck_usesAnotherFindingId() {
        TaskReport payments = ReportFixture.serviceTask().service("payments-api")
                .result(result("exec-enabled", CheckStatus.FAIL)).result(result("task-running", CheckStatus.FAIL)).build();
        TaskReport orders = ReportFixture.serviceTask().service("orders-api").result(result("exec-enabled", CheckStatus.FAIL)).build();

        List<String> paymentIds = mapper.map(payments, FindingContext.evaluatedAt(payments)).stream().map(AwsSecurityFinding::id).toList();
        String ordersId = mapper.map(orders, FindingContext.evaluatedAt(orders)).getFirst().id();

        assertThat(paymentIds).doesNotHaveDuplicates().doesNotContain(ordersId);
    }

    @Test
    void map_withLongestClusterAndServiceNames_keepsIdWithin512AndDeterministic() {
        String cluster = "c".repeat(255);
        TaskReport one = ReportFixture.serviceTask().cluster(cluster).service("s".repeat(254) + "1")
                .result(result("exec-enabled", CheckStatus.FAIL)).build();
        TaskReport two = ReportFixture.serviceTask().cluster(cluster).service("s".repeat(254) + "2")
                .result(result("exec-enabled", CheckStatus.FAIL)).build();

        String idOne = mapper.map(one, FindingContext.evaluatedAt(one)).getFirst().id();
        String idOneAgain = mapper.map(one, FindingContext.evaluatedAt(one)).getFirst().id();
        String idTwo = mapper.map(two, FindingContext.evaluatedAt(two)).getFirst().id();

        assertThat(idOne).hasSizeLessThanOrEqualTo(512)
                .startsWith("execready/aws/eu-west-1/123456789012/sha256-")
                .endsWith("/exec-enabled")
                .isEqualTo(idOneAgain)
                .isNotEqualTo(idTwo);
        assertValidAsff(mapper.map(one, FindingContext.evaluatedAt(one)).getFirst());
    }

    @Test
    void map_forHugeReport_keepsEveryAsffLimit() {
        List<TaskContainer> containers = IntStream.rangeClosed(1, 32)
                .mapToObj(i -> new TaskContainer(("container-" + i + "-").repeat(30).substring(0, 255), null, "RUNNING",
                        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/" + "image".repeat(40) + ":" + i,
                        List.of(new ManagedAgent(ManagedAgent.EXECUTE_COMMAND_AGENT, "STOPPED", "reason ".repeat(200), null))))
                .toList();
        List<CheckResult> results = new ArrayList<>();
        for (CheckStatus status : CheckStatus.values()) {
            CheckResult huge = new CheckDefinition("huge-" + status.name().toLowerCase(), "T".repeat(400),
                            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html", Severity.LOW)
                    .warn("m".repeat(5_000), "r".repeat(3_000));
            huge = new CheckResult(huge.checkId(), huge.title(), status, huge.severity(), huge.message(), huge.remediation(),
                    huge.documentationUrl(), CauseResource.other("x".repeat(2_000)), null);
            for (int i = 0; i < 80; i++) {
                huge = huge.withEvidence("evidence-key-" + i + "-" + "k".repeat(200), "v".repeat(2_000));
            }
            results.add(huge);
        }
        TaskReport report = ReportFixture.serviceTask().cluster("c".repeat(255)).service("s".repeat(255))
                .containers(containers).results(results).build();

        List<AwsSecurityFinding> findings = mapper.map(report, FindingContext.evaluatedAt(report));

        assertThat(findings).hasSize(results.size() - 1); // NOT_APPLICABLE is not a finding
        findings.forEach(AsffAssertions::assertValidAsff);
        AwsSecurityFinding first = findings.getFirst();
        assertThat(first.title()).endsWith(AsffLimits.ELLIPSIS);
        assertThat(first.description()).hasSize(1024).endsWith(AsffLimits.ELLIPSIS);
        assertThat(first.remediation().recommendation().text()).hasSize(512).endsWith(AsffLimits.ELLIPSIS);
        Map<String, String> other = taskResource(first).details().other();
        assertThat(other).hasSize(50).containsKey("OmittedEntries").containsKey("EnableExecuteCommand");
        assertThat(taskResource(first).details().awsEcsTask().containers()).hasSize(32);
    }

    @Test
    void map_neverWritesProductFieldsUnderTheAwsPrefix() {
        TaskReport report = ReportFixture.serviceTask()
                .result(result("exec-enabled", CheckStatus.FAIL).withCause(CauseResource.other("vpce-0abc")))
                .result(result("task-running", CheckStatus.PASS))
                .build();

        List<AwsSecurityFinding> findings = mapper.map(report, FindingContext.evaluatedAt(report));

        assertThat(findings).allSatisfy(finding -> assertThat(finding.productFields().keySet())
                .isNotEmpty()
                .allSatisfy(key -> assertThat(key).startsWith("execready/").doesNotStartWith("aws/")));
    }

    @Test
    void map_inChinaPartition_keepsPartitionEverywhere() {
        TaskReport report = ReportFixture.serviceTask().partition("aws-cn", "cn-north-1")
                .result(result("task-role-present", CheckStatus.FAIL).withCause(CauseResource.iamRole("arn:aws-cn:iam::123456789012:role/app")))
                .build();

        AwsSecurityFinding finding = mapper.map(report, FindingContext.evaluatedAt(report)).getFirst();

        assertValidAsff(finding);
        assertThat(finding.productArn()).isEqualTo("arn:aws-cn:securityhub:cn-north-1:123456789012:product/123456789012/default");
        assertThat(finding.id()).startsWith("execready/aws-cn/cn-north-1/123456789012/");
        assertThat(finding.resources()).allSatisfy(resource -> {
            assertThat(resource.partitionAsString()).isEqualTo("aws-cn");
            assertThat(resource.region()).isEqualTo("cn-north-1");
        });
        assertThat(finding.resources().getFirst().id()).isEqualTo("arn:aws-cn:ecs:cn-north-1:123456789012:service/prod/payments-api");
    }

    @Test
    void map_forFamilyGroup_namesClusterAndGroupAsOtherResource() {
        TaskReport report = ReportFixture.serviceTask().group("family:nightly-batch").result(result("exec-enabled", CheckStatus.FAIL)).build();

        AwsSecurityFinding finding = mapper.map(report, FindingContext.evaluatedAt(report)).getFirst();

        assertValidAsff(finding);
        Resource subject = finding.resources().getFirst();
        assertThat(subject.type()).isEqualTo("Other");
        assertThat(subject.id()).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:cluster/prod|family:nightly-batch");
        assertThat(subject.details().other()).containsEntry("Group", "family:nightly-batch")
                .containsEntry("ClusterArn", "arn:aws:ecs:eu-west-1:123456789012:cluster/prod");
        assertThat(finding.title()).isEqualTo("ECS Exec: Title of exec-enabled (family:nightly-batch)");
        assertThat(finding.productFields()).containsEntry("execready/Subject", "arn:aws:ecs:eu-west-1:123456789012:cluster/prod|family:nightly-batch");
    }

    @Test
    void map_usesTheTimesTheContextGivesPerSubjectAndCheck() {
        Instant created = Instant.parse("2025-01-01T00:00:00Z");
        TaskReport report = ReportFixture.serviceTask()
                .result(result("exec-enabled", CheckStatus.FAIL))
                .result(result("task-running", CheckStatus.PASS))
                .build();
        FindingTimestamps stored = (subject, checkId) -> checkId.equals("exec-enabled")
                ? new FindingTimes(created, ReportFixture.EVALUATED_AT)
                : FindingTimes.at(Instant.parse("2025-02-02T02:02:02Z"));

        List<AwsSecurityFinding> findings = mapper.map(report, FindingContext.of(report, stored));

        assertThat(findings.get(0).createdAt()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(findings.get(0).updatedAt()).isEqualTo("2025-03-01T10:15:30.123Z");
        assertThat(findings.get(1).createdAt()).isEqualTo("2025-02-02T02:02:02Z");
        assertThat(findings.get(1).updatedAt()).isEqualTo("2025-02-02T02:02:02Z");
    }

    @Test
    void map_putsExecEvidenceInTheTaskResourceDetails() {
        TaskReport report = ReportFixture.serviceTask()
                .containers(List.of(
                        ReportFixture.container("app", "RUNNING"),
                        new TaskContainer("guardduty-agent", null, "RUNNING", null, null),
                        new TaskContainer("envoy", null, "RUNNING", null,
                                List.of(new ManagedAgent(ManagedAgent.EXECUTE_COMMAND_AGENT, "STOPPED", "agent crashed", null)))))
                .result(result("managed-agent-running", CheckStatus.FAIL).withEvidence("stoppedAgents", "envoy"))
                .build();

        AwsSecurityFinding finding = mapper.map(report, FindingContext.evaluatedAt(report)).getFirst();

        Resource task = taskResource(finding);
        assertThat(task.details().awsEcsTask().clusterArn()).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:cluster/prod");
        assertThat(task.details().awsEcsTask().group()).isEqualTo("service:payments-api");
        assertThat(task.details().awsEcsTask().version()).isEqualTo("7");
        assertThat(task.details().other())
                .containsEntry("EnableExecuteCommand", "true")
                .containsEntry("LaunchType", "FARGATE")
                .containsEntry("PlatformVersion", "1.4.0")
                .containsEntry("SubnetId", "subnet-0abc")
                .containsEntry("ExecCapableContainers", "app")
                .containsEntry("Evidence.stoppedAgents", "envoy")
                .containsEntry("Container1.ExecuteCommandAgent", "app: RUNNING")
                .containsEntry("Container2.ExecuteCommandAgent", "guardduty-agent: no managed agents (not exec-capable)")
                .containsEntry("Container3.ExecuteCommandAgent", "envoy: STOPPED (agent crashed)");
    }

    @Test
    void map_givesAnIamCauseTheTaskRegion() {
        TaskReport report = ReportFixture.serviceTask()
                .result(result("task-role-ssmmessages", CheckStatus.FAIL).withCause(CauseResource.iamRole("arn:aws:iam::123456789012:role/app")))
                .build();

        AwsSecurityFinding finding = mapper.map(report, FindingContext.evaluatedAt(report)).getFirst();

        Resource role = finding.resources().getLast();
        assertThat(role.type()).isEqualTo("AwsIamRole");
        assertThat(role.region()).isEqualTo("eu-west-1");
        assertThat(role.partitionAsString()).isEqualTo("aws");
        assertThat(role.id()).isEqualTo("arn:aws:iam::123456789012:role/app");
        assertThat(role.details().awsIamRole().roleName()).isEqualTo("app");
    }

    private static Resource taskResource(AwsSecurityFinding finding) {
        return finding.resources().stream().filter(r -> r.type().equals("AwsEcsTask")).findFirst().orElseThrow();
    }
}
