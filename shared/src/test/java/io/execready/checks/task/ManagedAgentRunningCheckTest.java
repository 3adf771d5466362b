package io.execready.checks.task;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.ContainerFixture.container;
import static io.execready.fixtures.ContainerFixture.guardDutySidecar;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.TaskSnapshotFixture;
import org.junit.jupiter.api.Test;

class ManagedAgentRunningCheckTest {

    private static final String SIDECAR = "aws-guardduty-agent-nWlwxn";

    private final ManagedAgentRunningCheck check = new ManagedAgentRunningCheck();

    @Test
    void evaluate_whenAgentRunning_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, TASK_ID, "RUNNING in container app");
        assertThat(result.evidence()).containsEntry("agent.app", "RUNNING");
    }

    @Test
    void evaluate_whenAgentPending_warns() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withAgentStatus("PENDING"))
                .build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.WARN, Severity.LOW, TASK_ID, "PENDING in container app");
        assertThat(result.remediation()).contains("aws ecs describe-tasks --cluster prod --tasks " + TASK_ID);
    }

    @Test
    void evaluate_whenAgentStopped_failsWithReason() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withStoppedAgent("ExecuteCommandAgent exited with code 1"))
                .build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                TASK_ID, "STOPPED in container app (reason: ExecuteCommandAgent exited with code 1)");
        assertThat(result.remediation())
                .contains("aws ecs update-service --cluster prod --service payments-api --enable-execute-command --force-new-deployment");
    }

    @Test
    void evaluate_whenExecDisabled_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withExecEnabled(false)
                .withOnlyContainers(container("app").withoutManagedAgents())
                .build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, TASK_ID, "exec-enabled");
    }

    @Test
    void evaluate_whenGuardDutySidecarHasNoManagedAgents_passesAndNamesItNotExecCapable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withContainer(guardDutySidecar()).build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                "RUNNING in container app", "container " + SIDECAR + " is not exec-capable");
        assertThat(result.message()).doesNotContain("RUNNING in containers");
        assertThat(result.evidence()).containsEntry("agent." + SIDECAR, "not exec-capable (no managedAgents)");
    }

    @Test
    void evaluate_whenAppAgentStoppedBesideSidecar_failsNamingBoth() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withStoppedAgent(null))
                .withContainer(guardDutySidecar())
                .build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "STOPPED in container app (no reason given)", SIDECAR + " is not exec-capable");
    }

    @Test
    void evaluate_whenOneContainerPendingAndAnotherRunning_reportsTheWorst() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("worker").withAgentStatus("PENDING"))
                .build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.WARN, Severity.LOW,
                "PENDING in container worker", "RUNNING in container app");
    }

    @Test
    void evaluate_whenAgentStatusUnreported_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withAgentStatus(null))
                .build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "in an unreported state in container app");
    }

    @Test
    void evaluate_whenManagedAgentsListNoExecAgent_warns() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withoutExecAgentListed())
                .build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.WARN, Severity.LOW, "not listed by ECS in container app");
    }

    @Test
    void evaluate_whenRunningTaskHasOnlyContainersWithoutAgents_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withOnlyContainers(container("app").withoutManagedAgents(), guardDutySidecar())
                .build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                TASK_ID, "containers app and " + SIDECAR + " without managed agents");
    }

    @Test
    void evaluate_whenStartingTaskHasNoAgentsYet_warns() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withLastStatus("PENDING")
                .withOnlyContainers(container("app").withoutManagedAgents())
                .build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.WARN, Severity.LOW, TASK_ID, "PENDING");
    }

    @Test
    void evaluate_whenExecFlagUnreportedAndNoAgents_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withExecEnabled(null)
                .withOnlyContainers(container("app").withoutManagedAgents())
                .build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, TASK_ID);
    }

    @Test
    void evaluate_whenExecFlagUnreportedButAgentRuns_judgesTheAgent() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withExecEnabled(null).build());

        assertResult(result, ManagedAgentRunningCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "RUNNING in container app");
    }
}
