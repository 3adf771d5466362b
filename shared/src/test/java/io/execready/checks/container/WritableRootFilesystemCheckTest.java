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

class WritableRootFilesystemCheckTest {

    private final WritableRootFilesystemCheck check = new WritableRootFilesystemCheck();

    @Test
    void evaluate_whenRootIsWritableByDefault_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "payments-api:7", TASK_ID);
    }

    @Test
    void evaluate_whenReadOnlyRootExplicitlyFalse_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withReadonlyRootFilesystem(false))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenReadOnlyRootWithoutAgentVolumes_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withReadOnlyRoot())
                .build());

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "container app", "/managed-agents, /var/lib/amazon/ssm and /var/log/amazon/ssm", "payments-api:7");
        assertThat(result.remediation())
                .contains("\"readonlyRootFilesystem\": false on container app")
                .contains("ECS.5")
                .contains("{\"sourceVolume\": \"exec-var-lib-amazon-ssm\", \"containerPath\": \"/var/lib/amazon/ssm\", \"readOnly\": false}")
                .contains("aws ecs update-service --cluster prod --service payments-api --task-definition payments-api");
        assertThat(result.evidence()).containsEntry("readOnlyRootContainers", "app");
    }

    @Test
    void evaluate_whenReadOnlyRootWithWritableAgentVolumes_warnsAndNamesTheEcs5TradeOff() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withVolume("agents").withVolume("ssm-lib").withVolume("ssm-log")
                .withContainer(container("app").withReadOnlyRoot()
                        .withMount("agents", "/managed-agents", false)
                        .withMount("ssm-lib", "/var/lib/amazon/ssm", false)
                        .withMount("ssm-log", "/var/log/amazon/ssm/", false))
                .build());

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.WARN, Severity.LOW,
                "container app", "Security Hub control ECS.5", "does not support");
        assertThat(result.remediation()).contains("\"readonlyRootFilesystem\": false on container app");
    }

    @Test
    void evaluate_whenWritableVolumesAreMountedAtParentDirectories_warns() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withVolume("agents").withVolume("var-lib-amazon").withVolume("var-log-amazon")
                .withContainer(container("app").withReadOnlyRoot()
                        .withMount("agents", "/managed-agents", false)
                        .withMount("var-lib-amazon", "/var/lib/amazon", false)
                        .withMount("var-log-amazon", "/var/log/amazon", false))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void evaluate_whenAMountOnlySharesANamePrefixWithAnAgentPath_doesNotCoverIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withVolume("managed").withVolume("var-lib-amazon").withVolume("var-log-amazon")
                .withContainer(container("app").withReadOnlyRoot()
                        .withMount("managed", "/managed", false)
                        .withMount("var-lib-amazon", "/var/lib/amazon", false)
                        .withMount("var-log-amazon", "/var/log/amazon", false))
                .build());

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "no writable volume at /managed-agents");
    }

    @Test
    void evaluate_whenOneAgentPathIsMountedReadOnly_failsNamingOnlyThatPath() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withVolume("agents").withVolume("ssm-lib").withVolume("ssm-log")
                .withContainer(container("app").withReadOnlyRoot()
                        .withMount("agents", "/managed-agents", false)
                        .withMount("ssm-lib", "/var/lib/amazon/ssm", false)
                        .withMount("ssm-log", "/var/log/amazon/ssm", true))
                .build());

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "no writable volume at /var/log/amazon/ssm");
        assertThat(result.message()).doesNotContain("/managed-agents");
    }

    @Test
    void evaluate_whenMountRefersToAVolumeTheTaskDefinitionLacks_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withVolume("agents").withVolume("ssm-lib")
                .withContainer(container("app").withReadOnlyRoot()
                        .withMount("agents", "/managed-agents", false)
                        .withMount("ssm-lib", "/var/lib/amazon/ssm", false)
                        .withMount("ssm-log", "/var/log/amazon/ssm", false))
                .build());

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "/var/log/amazon/ssm");
    }

    @Test
    void evaluate_whenOneContainerBlockedAndAnotherUsesTheWorkaround_failsNamingBoth() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withVolume("agents").withVolume("ssm-lib").withVolume("ssm-log")
                .withContainer(container("app").withReadOnlyRoot())
                .withContainer(container("worker").withReadOnlyRoot()
                        .withMount("agents", "/managed-agents", false)
                        .withMount("ssm-lib", "/var/lib/amazon/ssm", false)
                        .withMount("ssm-log", "/var/log/amazon/ssm", false))
                .build());

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "container app", "container worker");
        assertThat(result.evidence()).containsEntry("readOnlyRootContainers", "app,worker");
    }

    @Test
    void evaluate_whenTaskDefinitionUnreadable_isUnknownNamingTheDeniedPermission() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withTaskDefinitionFailed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"))
                .build());

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ID, "ecs:DescribeTaskDefinition was denied (AccessDeniedException");
        assertThat(result.remediation()).contains("Grant the ExecReady checker's role ecs:DescribeTaskDefinition");
    }

    @Test
    void evaluate_whenTaskDefinitionMissing_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withTaskDefinitionAbsent("task definition payments-api:7 was not found")
                .build());

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, TASK_ID, "not found");
        assertThat(result.remediation()).contains("aws ecs describe-task-definition --task-definition payments-api:7");
    }
}
