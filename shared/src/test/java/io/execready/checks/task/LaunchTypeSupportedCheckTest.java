package io.execready.checks.task;

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

class LaunchTypeSupportedCheckTest {

    private static final String NANO = "mcr.microsoft.com/windows/nanoserver:ltsc2022";
    private static final String EXTERNAL_INSTANCE = "arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/mi-0a1b2c3d4e5f60718";

    private final LaunchTypeSupportedCheck check = new LaunchTypeSupportedCheck();

    @Test
    void evaluate_whenFargateLinux_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, LaunchTypeSupportedCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, TASK_ID, "FARGATE", "Linux");
    }

    @Test
    void evaluate_whenEc2_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().build());

        assertResult(result, LaunchTypeSupportedCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "EC2");
    }

    @Test
    void evaluate_whenEcsAnywhere_passesInsteadOfCrashing() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withLaunchType("EXTERNAL")
                .withContainerInstance(EXTERNAL_INSTANCE)
                .build());

        assertResult(result, LaunchTypeSupportedCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "EXTERNAL (ECS Anywhere)");
    }

    @Test
    void evaluate_whenWindowsServerCore_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningWindowsFargateTask().build());

        assertResult(result, LaunchTypeSupportedCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "Windows");
    }

    @Test
    void evaluate_whenAContainerRunsNanoServer_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningWindowsFargateTask()
                .withContainer(container("legacy").withImage(NANO))
                .build());

        assertResult(result, LaunchTypeSupportedCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "container legacy", NANO);
        assertThat(result.remediation()).contains("mcr.microsoft.com/windows/servercore:ltsc2022");
        assertThat(result.evidence()).containsEntry("nanoServerContainers", "legacy");
    }

    @Test
    void evaluate_whenNanoServerOnAnUnknownLaunchType_stillFails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningWindowsFargateTask()
                .withLaunchType("MANAGED_INSTANCES")
                .withContainer(container("app").withImage(NANO))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void evaluate_whenLaunchTypeUnknown_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withLaunchType("QUANTUM").build());

        assertResult(result, LaunchTypeSupportedCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, TASK_ID, "QUANTUM");
    }

    @Test
    void evaluate_whenManagedInstances_passesJudgedAsEc2() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withLaunchType("MANAGED_INSTANCES").build());

        assertResult(result, LaunchTypeSupportedCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, TASK_ID, "MANAGED_INSTANCES", "EC2-backed");
    }

    @Test
    void evaluate_whenCapacityProviderFargateTaskOmitsLaunchType_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withLaunchType(null).build());

        assertResult(result, LaunchTypeSupportedCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "Fargate through a capacity provider");
    }

    @Test
    void evaluate_whenCapacityProviderEc2TaskOmitsLaunchType_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withLaunchType(null).build());

        assertResult(result, LaunchTypeSupportedCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "container instance");
    }

    @Test
    void evaluate_whenNothingTellsTheLaunchType_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withLaunchType(null)
                .withContainerInstance(null)
                .build());

        assertResult(result, LaunchTypeSupportedCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, TASK_ID, "no launch type");
    }

    @Test
    void evaluate_whenTaskDefinitionUnreadableAndImagesUnreported_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withContainer(container("app").withImage(null))
                .withTaskDefinitionFailed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"))
                .build());

        assertResult(result, LaunchTypeSupportedCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "ecs:DescribeTaskDefinition was denied (AccessDeniedException");
    }

    @Test
    void evaluate_whenTaskDefinitionUnreadableButTheTaskReportsItsImages_judgesFromTheTask() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withTaskDefinitionFailed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }
}
