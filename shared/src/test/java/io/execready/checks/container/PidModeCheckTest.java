package io.execready.checks.container;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.TaskSnapshotFixture;
import org.junit.jupiter.api.Test;

class PidModeCheckTest {

    private final PidModeCheck check = new PidModeCheck();

    @Test
    void evaluate_whenNoPidMode_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, PidModeCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "Task definition payments-api:7", TASK_ID);
    }

    @Test
    void evaluate_whenHostPidMode_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withPidMode("host").build());

        assertResult(result, PidModeCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "pidMode host");
    }

    @Test
    void evaluate_whenTaskPidMode_warns() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withPidMode("task").build());

        assertResult(result, PidModeCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM, "payments-api:7", TASK_ID, "only one");
        assertThat(result.remediation()).contains("Remove \"pidMode\": \"task\" from task definition payments-api:7");
    }

    @Test
    void evaluate_whenTaskDefinitionMissing_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withTaskDefinitionAbsent("task definition payments-api:7 was not found")
                .build());

        assertResult(result, PidModeCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, TASK_ID);
    }
}
