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

class RestartPolicyCheckTest {

    private final RestartPolicyCheck check = new RestartPolicyCheck();

    @Test
    void evaluate_whenNoRestartPolicy_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("worker").withRestartPolicyEnabled(false))
                .build());

        assertResult(result, RestartPolicyCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "payments-api:7", TASK_ID);
    }

    @Test
    void evaluate_whenAContainerHasARestartPolicy_warnsNamingIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("worker").withRestartPolicyEnabled(true))
                .build());

        assertResult(result, RestartPolicyCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM, "container worker has a restart policy");
        assertThat(result.message()).doesNotContain("container app");
        assertThat(result.remediation())
                .contains("\"restartPolicy\": {\"enabled\": false} on container worker")
                .contains("aws ecs update-service --cluster prod --service payments-api --enable-execute-command --force-new-deployment");
        assertThat(result.evidence()).containsEntry("restartPolicyContainers", "worker");
    }

    @Test
    void evaluate_whenTaskDefinitionUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withTaskDefinitionFailed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"))
                .build());

        assertResult(result, RestartPolicyCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "AccessDeniedException");
    }

    @Test
    void evaluate_whenOnlyAnAgentlessSidecarRestarts_passesAndListsTheSidecar() {
        CheckResult result = check.evaluate(io.execready.fixtures.TaskSnapshotFixture.runningFargateTask()
                .withContainer(io.execready.fixtures.ContainerFixture.container("envoy").withoutManagedAgents().withRestartPolicyEnabled(true)).build());

        org.assertj.core.api.Assertions.assertThat(result.status()).isEqualTo(io.execready.engine.CheckStatus.PASS);
        org.assertj.core.api.Assertions.assertThat(result.evidence()).containsEntry("notExecCapable", "envoy");
    }
}
