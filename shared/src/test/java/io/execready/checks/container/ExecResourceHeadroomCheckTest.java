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

class ExecResourceHeadroomCheckTest {

    private final ExecResourceHeadroomCheck check = new ExecResourceHeadroomCheck();

    @Test
    void evaluate_whenContainersLeaveMemoryFree_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withMemoryReservation(512).withMemory(1024))
                .withContainer(container("worker").withMemory(256))
                .build());

        assertResult(result, ExecResourceHeadroomCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                "reserve 768 MiB (app 512 and worker 256) of the task's 1024 MiB", "leaving 256 MiB", TASK_ID);
        assertThat(result.evidence()).containsEntry("taskMemoryMiB", "1024").containsEntry("reservedMemoryMiB", "768");
    }

    @Test
    void evaluate_whenContainersReserveAllTaskMemory_warns() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withMemoryReservation(768))
                .withContainer(container("worker").withMemory(256))
                .build());

        assertResult(result, ExecResourceHeadroomCheck.DEFINITION, CheckStatus.WARN, Severity.LOW,
                "reserve 1024 MiB", "no memory for the exec agent", "payments-api:7");
        assertThat(result.remediation())
                .contains("above 1024 MiB")
                .contains("cpu of 512")
                .contains("memoryReservation (or memory, where no reservation is set) of containers app and worker");
    }

    @Test
    void evaluate_whenTaskMemoryIsWrittenInGigabytes_convertsIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withTaskMemory("2 GB")
                .withContainer(container("app").withMemory(2048))
                .build());

        assertResult(result, ExecResourceHeadroomCheck.DEFINITION, CheckStatus.WARN, Severity.LOW, "of the task's 2048 MiB");
    }

    @Test
    void evaluate_whenNoContainerReservesMemory_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, ExecResourceHeadroomCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                "No container of task definition payments-api:7", "1024 MiB");
    }

    @Test
    void evaluate_whenNoTaskLevelMemory_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().build());

        assertResult(result, ExecResourceHeadroomCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "no task-level memory", TASK_ID);
    }

    @Test
    void evaluate_whenTaskMemoryIsUnreadableText_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withTaskMemory("lots").build());

        assertResult(result, ExecResourceHeadroomCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "lots");
    }

    @Test
    void evaluate_whenTaskDefinitionUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withTaskDefinitionFailed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"))
                .build());

        assertResult(result, ExecResourceHeadroomCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "AccessDeniedException");
    }
}
