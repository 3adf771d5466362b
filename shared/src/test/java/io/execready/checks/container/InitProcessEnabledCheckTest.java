package io.execready.checks.container;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.ContainerFixture.container;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import org.junit.jupiter.api.Test;

class InitProcessEnabledCheckTest {

    private final InitProcessEnabledCheck check = new InitProcessEnabledCheck();

    @Test
    void evaluate_whenEveryContainerRunsInit_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, InitProcessEnabledCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "payments-api:7", TASK_ID);
    }

    @Test
    void evaluate_whenAContainerLacksInit_warnsNamingIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("worker").withInitProcessEnabled(null))
                .withContainer(container("cron").withInitProcessEnabled(false))
                .build());

        assertResult(result, InitProcessEnabledCheck.DEFINITION, CheckStatus.WARN, Severity.LOW, "containers worker and cron", "zombies");
        assertThat(result.remediation()).contains("\"linuxParameters\": {\"initProcessEnabled\": true} on containers worker and cron");
    }

    @Test
    void evaluate_whenFargateWindows_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningWindowsFargateTask().build());

        assertResult(result, InitProcessEnabledCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, TASK_ID, "Windows");
    }

    @Test
    void evaluate_whenEc2TaskDefinitionDeclaresWindows_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withOperatingSystemFamily("WINDOWS_SERVER_2019_FULL")
                .withContainer(container("app").withInitProcessEnabled(null))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenEc2WindowsImageWithoutRuntimePlatform_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withContainer(container("app").withImage("mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019").withInitProcessEnabled(null))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenTaskDefinitionUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withTaskDefinitionFailed(ReadFailures.throttled("ecs:DescribeTaskDefinition"))
                .build());

        assertResult(result, InitProcessEnabledCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ThrottlingException");
        assertThat(result.remediation()).contains("ecs:DescribeTaskDefinition");
    }

    @Test
    void evaluate_whenOnlyAnAgentlessSidecarLacksInit_passesAndListsTheSidecar() {
        CheckResult result = check.evaluate(io.execready.fixtures.TaskSnapshotFixture.runningFargateTask()
                .withContainer(io.execready.fixtures.ContainerFixture.container("envoy").withoutManagedAgents().withInitProcessEnabled(null)).build());

        org.assertj.core.api.Assertions.assertThat(result.status()).isEqualTo(io.execready.engine.CheckStatus.PASS);
        org.assertj.core.api.Assertions.assertThat(result.evidence()).containsEntry("notExecCapable", "envoy");
    }
}
