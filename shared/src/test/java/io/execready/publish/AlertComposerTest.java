package io.execready.publish;

import static io.execready.publish.ReportFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.execready.engine.CauseResource;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.OperatorError;
import io.execready.engine.Severity;
import io.execready.engine.TaskReport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AlertComposerTest {

    private final AlertComposer composer = new AlertComposer();

    @Test
    void compose_whenNothingFails_returnsNoAlert() {
        TaskReport report = ReportFixture.serviceTask()
                .result(result("task-running", CheckStatus.PASS))
                .result(result("init-process-enabled", CheckStatus.WARN))
                .result(result("task-role-ssmmessages", CheckStatus.UNKNOWN))
                .result(result("agent-version", CheckStatus.NOT_APPLICABLE))
                .build();

        assertThat(composer.compose(report, FindingScope.of(report.task()))).isEmpty();
    }

    @Test
    void compose_whenChecksFail_tellsWhatIsWrongWhereHowToFixAndTheFindingIds() {
        CheckResult noRole = new CheckDefinition("task-role-present", "Task role present",
                "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-required-iam-permissions", Severity.MEDIUM)
                .fail("Task 0f1e has no task role, so the ECS Exec agent cannot open a channel.",
                        "Add a taskRoleArn with the ssmmessages permissions to the task definition and deploy it.");
        CheckResult execOff = result("exec-enabled", CheckStatus.FAIL).withCause(CauseResource.other("arn:aws:ecs:eu-west-1:123456789012:service/prod/payments-api"));
        TaskReport report = ReportFixture.serviceTask()
                .result(result("task-running", CheckStatus.PASS))
                .result(noRole)
                .result(execOff)
                .result(result("init-process-enabled", CheckStatus.WARN))
                .result(result("audit-log-destination-ready", CheckStatus.UNKNOWN))
                .build();
        FindingScope scope = FindingScope.of(report.task());

        Alert alert = composer.compose(report, scope).orElseThrow();

        assertThat(alert.subject()).isEqualTo("ECS Exec not ready: service payments-api in prod");
        assertThat(alert.message())
                .startsWith("ECS Exec is not ready on service payments-api in cluster prod.\n")
                .contains("Account 123456789012, region eu-west-1.")
                .contains("Latest task evaluated: " + report.task().taskArn())
                .contains("Task definition: " + report.task().taskDefinitionArn())
                .contains("launch type FARGATE, platform version 1.4.0, status RUNNING")
                .contains("2 checks fail; ECS Exec will not work until each is fixed:")
                .contains("1. Task role present [task-role-present, HIGH]\n"
                        + "   Problem: Task 0f1e has no task role, so the ECS Exec agent cannot open a channel.\n"
                        + "   Fix: Add a taskRoleArn with the ssmmessages permissions to the task definition and deploy it.\n"
                        + "   Docs: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-required-iam-permissions\n")
                .contains("2. Title of exec-enabled [exec-enabled, HIGH]")
                .contains("   Resource at fault: arn:aws:ecs:eu-west-1:123456789012:service/prod/payments-api")
                .contains("- " + FindingIds.of(scope, report.subject(), "task-role-present") + "\n"
                        + "- " + FindingIds.of(scope, report.subject(), "exec-enabled") + "\n")
                .contains("Recommendations not met (ECS Exec works without them):\n- Title of init-process-enabled [init-process-enabled]")
                .contains("Could not be evaluated")
                .contains("ecs:DescribeTaskDefinition was denied")
                .doesNotContain("The requirement task-running is met.");
        assertThat(alert.message().indexOf("Security Hub findings")).isGreaterThan(alert.message().indexOf("2. Title of exec-enabled"));
    }

    @Test
    void compose_whenCheckFails_saysWhatTheOperatorWillSee() {
        CheckResult failed = CheckDefinition.of("exec-enabled", "ECS Exec enabled on the task", "https://docs.aws.amazon.com/")
                .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED)
                .fail("Task abc was started without ECS Exec.", "Force a new deployment.");
        TaskReport report = ReportFixture.serviceTask().result(failed).build();

        Alert alert = composer.compose(report, FindingScope.of(report.task())).orElseThrow();

        assertThat(alert.message()).contains("What you see: " + OperatorError.EXECUTE_COMMAND_NOT_ENABLED.text());
    }

    @Test
    void compose_setsTheFilterAttributesWithinTen() {
        TaskReport report = ReportFixture.serviceTask()
                .result(result("exec-enabled", CheckStatus.FAIL))
                .result(result("task-role-present", CheckStatus.FAIL))
                .result(result("init-process-enabled", CheckStatus.WARN))
                .build();

        Alert alert = composer.compose(report, FindingScope.of(report.task())).orElseThrow();

        assertThat(alert.attributes()).hasSizeLessThanOrEqualTo(10).containsExactly(
                entry("severity", "HIGH"),
                entry("status", "NOT_READY"),
                entry("cluster", "prod"),
                entry("service", "payments-api"),
                entry("account", "123456789012"),
                entry("region", "eu-west-1"));
        assertThat(alert.checkIds()).containsExactly("exec-enabled", "task-role-present");
        assertThat(alert.chat().threadId()).startsWith("execready-");
        assertThat(alert.chat().nextSteps()).hasSize(2);
        assertThat(alert.chat().relatedResources()).startsWith("arn:aws:ecs:eu-west-1:123456789012:service/prod/payments-api",
                report.task().taskArn());
    }

    @Test
    void compose_forFamilyGroup_namesTheGroup() {
        TaskReport report = ReportFixture.serviceTask().group("family:nightly-batch").result(result("exec-enabled", CheckStatus.FAIL)).build();

        Alert alert = composer.compose(report, FindingScope.of(report.task())).orElseThrow();

        assertThat(alert.subject()).isEqualTo("ECS Exec not ready: group family:nightly-batch in prod");
        assertThat(alert.attributes()).containsEntry("group", "family:nightly-batch").doesNotContainKey("service");
    }

    @Test
    void compose_withLongestNames_keepsSubjectUnder100CharactersAndNamesBoth() {
        TaskReport report = ReportFixture.serviceTask().cluster("c".repeat(255)).service("s".repeat(255))
                .result(result("exec-enabled", CheckStatus.FAIL)).build();

        Alert alert = composer.compose(report, FindingScope.of(report.task())).orElseThrow();

        assertThat(alert.subject()).hasSizeLessThan(100)
                .startsWith("ECS Exec not ready: service sss")
                .contains("... in ccc")
                .endsWith("...")
                .doesNotContain("\n");
    }

    @Test
    void compose_withLongServiceAndShortCluster_keepsTheWholeClusterName() {
        TaskReport report = ReportFixture.serviceTask().service("s".repeat(255)).result(result("exec-enabled", CheckStatus.FAIL)).build();

        Alert alert = composer.compose(report, FindingScope.of(report.task())).orElseThrow();

        assertThat(alert.subject()).hasSizeLessThan(100).endsWith("... in prod");
    }

    @Test
    void compose_withManyFailingChecks_sendsEveryCheckIdWholeInOneArrayAttribute() {
        List<CheckResult> failures = IntStream.range(0, 40).mapToObj(i -> result("a-rather-long-check-identifier-" + i, CheckStatus.FAIL)).toList();
        TaskReport report = ReportFixture.serviceTask().results(failures).build();

        Alert alert = composer.compose(report, FindingScope.of(report.task())).orElseThrow();

        assertThat(alert.checkIds()).hasSize(40).allSatisfy(id -> assertThat(id).matches("a-rather-long-check-identifier-\\d+"));
        assertThat(alert.attributes()).doesNotContainKey("checkIds").hasSizeLessThanOrEqualTo(9);
    }

    @Test
    void compose_forTheSameSubject_keepsOneChatThread() {
        TaskReport first = ReportFixture.serviceTask().taskId("aaaa").result(result("exec-enabled", CheckStatus.FAIL)).build();
        TaskReport second = ReportFixture.serviceTask().taskId("bbbb").result(result("task-role-present", CheckStatus.FAIL)).build();
        TaskReport other = ReportFixture.serviceTask().service("other").result(result("exec-enabled", CheckStatus.FAIL)).build();

        String thread = composer.compose(first, FindingScope.of(first.task())).orElseThrow().chat().threadId();

        assertThat(composer.compose(second, FindingScope.of(second.task())).orElseThrow().chat().threadId()).isEqualTo(thread);
        assertThat(composer.compose(other, FindingScope.of(other.task())).orElseThrow().chat().threadId()).isNotEqualTo(thread);
    }

    @Test
    void compose_withHugeMessages_staysWithinSnsMessageSize() {
        CheckResult huge = result("exec-enabled", CheckStatus.FAIL);
        huge = new CheckResult(huge.checkId(), huge.title(), huge.status(), huge.severity(), "é".repeat(200_000), "r".repeat(50_000),
                huge.documentationUrl(), null, null);
        TaskReport report = ReportFixture.serviceTask().result(huge).build();

        Alert alert = composer.compose(report, FindingScope.of(report.task())).orElseThrow();

        assertThat(alert.message().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(AlertComposer.MAX_MESSAGE_BYTES);
        assertThat(alert.message()).startsWith("ECS Exec is not ready on service payments-api").endsWith("[message cut to fit SNS's size limit]\n");
    }

    @Test
    void composeRecovered_whenReadyAgain_listsFixedChecksConnectCommandsAndFindingIds() {
        TaskReport report = ReportFixture.serviceTask()
                .result(result("exec-enabled", CheckStatus.PASS))
                .result(result("task-role-present", CheckStatus.PASS))
                .result(result("init-process-enabled", CheckStatus.WARN))
                .build();
        FindingScope scope = FindingScope.of(report.task());

        Alert alert = composer.composeRecovered(report, scope, List.of("exec-enabled", "retired-check")).orElseThrow();

        assertThat(alert.subject()).isEqualTo("ECS Exec ready again: service payments-api in prod");
        assertThat(alert.message())
                .startsWith("ECS Exec works again on service payments-api in cluster prod.\n")
                .contains("- Title of exec-enabled [exec-enabled]: now PASS")
                .contains("- [retired-check]: no longer evaluated")
                .contains("- " + FindingIds.of(scope, report.subject(), "exec-enabled"))
                .contains("aws ecs execute-command --cluster prod --task 0f1e2d3c4b5a69788796a5b4c3d2e1f0 --container app --interactive --command /bin/sh");
        assertThat(alert.attributes()).containsEntry("status", "READY").containsEntry("severity", "INFORMATIONAL")
                .hasSizeLessThanOrEqualTo(9);
        assertThat(alert.checkIds()).containsExactly("exec-enabled", "retired-check");
    }

    @Test
    void composeRecovered_whileACheckStillFails_returnsNothing() {
        TaskReport report = ReportFixture.serviceTask().result(result("exec-enabled", CheckStatus.FAIL)).build();

        Optional<Alert> alert = composer.composeRecovered(report, FindingScope.of(report.task()), List.of("task-role-present"));

        assertThat(alert).isEmpty();
    }
}
