package io.execready.checks.task;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.ContainerInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentVersionCheckTest {

    private static final String INSTANCE_ID = "9d8c7b6a5f4e3d2c1b0a";

    private final AgentVersionCheck check = new AgentVersionCheck();

    @Test
    void evaluate_whenLinuxAgentIsCurrent_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, INSTANCE_ID, TASK_ID, "Linux", "1.82.0", "1.50.2");
        assertThat(result.evidence()).containsEntry("agentVersion", "1.82.0").containsEntry("minimumAgentVersion", "1.50.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.50.2", "1.100.0", "2.0"})
    void evaluate_whenLinuxAgentIsAtLeast1502ComparedNumerically_passes(String version) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withAgentVersion(version).build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenLinuxAgentIsOlderThan1502_failsWithUpdateContainerAgent() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withAgentVersion("1.50.1").build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, INSTANCE_ID, "1.50.1", "1.50.2");
        assertThat(result.remediation()).contains("aws ecs update-container-agent --cluster prod --container-instance " + INSTANCE_ID);
    }

    @Test
    void evaluate_whenWindowsAgentIs155_failsAgainstTheWindowsMinimum() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningWindowsEc2Task().withAgentVersion("1.55.0").build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "Windows", "1.55.0", "1.56.0");
        assertThat(result.remediation()).contains("Windows AMI").doesNotContain("aws ecs update-container-agent");
        assertThat(result.evidence()).containsEntry("operatingSystem", "WINDOWS");
    }

    @Test
    void evaluate_whenWindowsAgentIs156_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningWindowsEc2Task().withAgentVersion("1.56.0").build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "Windows", "1.56.0");
    }

    @Test
    void evaluate_whenOnlyTheOsFamilyAttributeSaysWindows_usesTheWindowsMinimum() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withContainerInstanceAttribute(ContainerInstance.OS_TYPE, null)
                .withContainerInstanceAttribute(ContainerInstance.OS_FAMILY, "WINDOWS_SERVER_2019_CORE")
                .withAgentVersion("1.55.0")
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains("Windows");
    }

    @Test
    void evaluate_whenOsUnknownAndVersionBetweenTheMinimums_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withContainerInstanceAttribute(ContainerInstance.OS_TYPE, null)
                .withAgentVersion("1.52.0")
                .build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "1.52.0", "1.50.2", "1.56.0");
        assertThat(result.remediation()).contains("ecs.os-type");
    }

    @Test
    void evaluate_whenOsUnknownAndVersionBelowBothMinimums_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withContainerInstanceAttribute(ContainerInstance.OS_TYPE, null)
                .withAgentVersion("1.40.0")
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void evaluate_whenExternalAgentIsOld_failsWithHostUpdate() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningExternalTask().withAgentVersion("1.45.0").build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "ECS Anywhere instance", "1.45.0");
        assertThat(result.remediation()).contains("mi-0123456789abcdef0", "amazon-ecs-init");
    }

    @Test
    void evaluate_whenExternalAgentIsCurrent_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningExternalTask().build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "ECS Anywhere instance");
    }

    @Test
    void evaluate_whenTaskRunsOnFargate_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, TASK_ID, "Fargate");
    }

    @Test
    void evaluate_whenContainerInstanceUnreadable_isUnknownNamingThePermission() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withContainerInstanceFailed(ReadFailures.denied("ecs:DescribeContainerInstances", "AccessDeniedException"))
                .build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, TASK_ID, "container instance");
        assertThat(result.remediation()).startsWith("Grant the ExecReady checker's role ecs:DescribeContainerInstances,");
    }

    @Test
    void evaluate_whenContainerInstanceIsDeregistered_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withContainerInstanceAbsent("container instance 9d8c7b6a5f4e3d2c1b0a is not registered in cluster prod (MISSING)")
                .build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "MISSING");
        assertThat(result.remediation()).contains("aws ecs describe-container-instances --cluster prod");
    }

    @Test
    void evaluate_whenAgentVersionUnreported_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withAgentVersion(null).build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, INSTANCE_ID);
    }

    @Test
    void evaluate_whenAgentVersionIsNotDotted_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withAgentVersion("1.8x").build());

        assertResult(result, AgentVersionCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "1.8x");
    }
}
