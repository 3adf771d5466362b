package io.execready.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CauseResource;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.fixtures.ServiceSnapshotFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.NextTaskOf;
import io.execready.snapshot.RunningTask;
import org.junit.jupiter.api.Test;

class VerdictFingerprintTest {

    private static final CheckDefinition DEFINITION = CheckDefinition.of("exec-enabled", "ECS Exec enabled", "https://docs.aws.amazon.com/");
    private final EcsTask first = TaskSnapshotFixture.runningFargateTask().withTaskId("0123456789abcdef0123456789abcdef").build().task();
    private final EcsTask second = TaskSnapshotFixture.runningFargateTask().withTaskId("fedcba9876543210fedcba9876543210").build().task();

    @Test
    void of_theSameVerdictOnAnotherTaskOfTheDeployment_isTheSame() {
        assertThat(VerdictFingerprint.of(verdictOn(first), new RunningTask(first))).isEqualTo(VerdictFingerprint.of(verdictOn(second), new RunningTask(second)));
    }

    @Test
    void of_theSameVerdictOnAServicesNextTask_isTheSameAsOnARunningTask() {
        NextTaskOf next = NextTaskOf.of(ServiceSnapshotFixture.fargateService().service());
        CheckResult onTask = DEFINITION.fail("Task " + first.taskId() + " in cluster prod lacks a role; task " + first.taskId() + " is alone.", "Add one.");
        CheckResult onNext = DEFINITION.fail("The next task of service payments-api in cluster prod lacks a role; "
                + "the next task of service payments-api is alone.", "Add one.");

        assertThat(VerdictFingerprint.of(onNext, next)).isEqualTo(VerdictFingerprint.of(onTask, new RunningTask(first)));
    }

    @Test
    void of_aDifferentStatusMessageFixOrCause_differs() {
        String base = VerdictFingerprint.of(DEFINITION.fail("Exec is off.", "Turn it on."), new RunningTask(first));

        assertThat(VerdictFingerprint.of(DEFINITION.warn("Exec is off.", "Turn it on."), new RunningTask(first))).isNotEqualTo(base);
        assertThat(VerdictFingerprint.of(DEFINITION.fail("Exec is off again.", "Turn it on."), new RunningTask(first))).isNotEqualTo(base);
        assertThat(VerdictFingerprint.of(DEFINITION.fail("Exec is off.", "Turn it on now."), new RunningTask(first))).isNotEqualTo(base);
        assertThat(VerdictFingerprint.of(DEFINITION.fail("Exec is off.", "Turn it on.").withCause(CauseResource.other("x")), new RunningTask(first))).isNotEqualTo(base);
    }

    @Test
    void of_evidenceAlone_doesNotChangeTheVerdict() {
        CheckResult result = DEFINITION.fail("Exec is off.", "Turn it on.");

        assertThat(VerdictFingerprint.of(result.withEvidence("agent", "RUNNING"), new RunningTask(first))).isEqualTo(VerdictFingerprint.of(result, new RunningTask(first)));
    }

    private static CheckResult verdictOn(EcsTask task) {
        return DEFINITION.fail("Task " + task.taskId() + " in cluster prod started with ECS Exec off (" + task.taskArn() + ").",
                "aws ecs stop-task --cluster prod --task " + task.taskId());
    }
}
