package io.execready.checks.service;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.ServiceSnapshotFixture;
import io.execready.snapshot.Fetched;
import org.junit.jupiter.api.Test;

class ServiceTasksCurrentCheckTest {

    private final ServiceTasksCurrentCheck check = new ServiceTasksCurrentCheck();

    @Test
    void evaluate_whenEveryPrimaryTaskHasExec_passes() {
        CheckResult result = check.evaluate(ServiceSnapshotFixture.fargateService()
                .withPrimaryTask("aaa111", true)
                .withPrimaryTask("bbb222", true)
                .build());

        assertResult(result, ServiceTasksCurrentCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "service payments-api", "(2)");
    }

    @Test
    void evaluate_whenPrimaryTasksPredateTheFlag_failsNamingThem() {
        CheckResult result = check.evaluate(ServiceSnapshotFixture.fargateService()
                .withPrimaryTask("aaa111", false)
                .withPrimaryTask("bbb222", true)
                .withPrimaryTask("ccc333", false)
                .build());

        assertResult(result, ServiceTasksCurrentCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "Task aaa111 and task ccc333",
                "service payments-api in cluster prod");
        assertThat(result.message()).doesNotContain("bbb222");
        assertThat(result.remediation()).isEqualTo("Replace the service's tasks with a new deployment: "
                + "aws ecs update-service --cluster prod --service payments-api --force-new-deployment.");
    }

    @Test
    void evaluate_whenOnlyAnOlderDeploymentLacksExec_passes() {
        CheckResult result = check.evaluate(ServiceSnapshotFixture.fargateService()
                .withRunningTask("old111", "ecs-svc/9999999999999999999", false)
                .withPrimaryTask("aaa111", true)
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenNoPrimaryTaskRunsYet_passes() {
        CheckResult result = check.evaluate(ServiceSnapshotFixture.fargateService().build());

        assertResult(result, ServiceTasksCurrentCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "is running yet");
    }

    @Test
    void evaluate_whenServiceFlagOff_isNotApplicable() {
        CheckResult result = check.evaluate(ServiceSnapshotFixture.fargateService()
                .withExecEnabled(false)
                .withPrimaryTask("aaa111", false)
                .build());

        assertResult(result, ServiceTasksCurrentCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "service payments-api");
    }

    @Test
    void evaluate_whenTasksUnreadable_isUnknownNamingTheDeniedAction() {
        CheckResult result = check.evaluate(ServiceSnapshotFixture.fargateService()
                .withTasks(Fetched.failed(ReadFailures.denied("ecs:ListTasks", "AccessDeniedException")))
                .build());

        assertResult(result, ServiceTasksCurrentCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "AccessDeniedException");
        assertThat(result.remediation()).startsWith("Grant the ExecReady checker's role ecs:ListTasks, then evaluate the service again");
        assertThat(result.evidence()).containsEntry("failedAction", "ecs:ListTasks").containsEntry("failureKind", "DENIED");
    }

    @Test
    void evaluate_whenFlagUnreported_isUnknown() {
        CheckResult result = check.evaluate(ServiceSnapshotFixture.fargateService().withPrimaryTask("aaa111", null).build());

        assertResult(result, ServiceTasksCurrentCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "task aaa111");
    }
}
