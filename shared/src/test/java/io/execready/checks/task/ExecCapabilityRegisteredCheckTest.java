package io.execready.checks.task;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.OperatorError;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.ReadFailure;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExecCapabilityRegisteredCheckTest {

    private final ExecCapabilityRegisteredCheck check = new ExecCapabilityRegisteredCheck();

    @Test
    void evaluate_whenTheInstanceRegistersTheCapability_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().build());

        assertResult(result, ExecCapabilityRegisteredCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "ecs.capability.execute-command");
    }

    @Test
    void evaluate_whenTheCapabilityIsAbsent_failsWithTheOperatorError() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningWindowsEc2Task()
                .withContainerInstanceAttribute("ecs.capability.execute-command", null).build());

        assertResult(result, ExecCapabilityRegisteredCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "does not register ecs.capability.execute-command");
        assertThat(result.operatorError()).contains(OperatorError.EXECUTE_COMMAND_NOT_ENABLED.text());
        assertThat(result.remediation()).contains("aws ecs update-container-agent");
    }

    @Test
    void evaluate_onManagedInstances_judgesTheContainerInstanceAsOnEc2() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withLaunchType("MANAGED_INSTANCES")
                .withContainerInstanceAttribute("ecs.capability.execute-command", null).build());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void evaluate_onEcsAnywhere_judgesTheContainerInstance() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningExternalTask().build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_onFargate_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, ExecCapabilityRegisteredCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "Fargate");
    }

    static Stream<ReadFailure> instanceFailures() {
        return Stream.of(ReadFailures.denied("ecs:DescribeContainerInstances", "AccessDeniedException"),
                ReadFailures.throttled("ecs:DescribeContainerInstances"), ReadFailures.timedOut("ecs:DescribeContainerInstances"),
                ReadFailures.unreachable("ecs:DescribeContainerInstances"));
    }

    @ParameterizedTest
    @MethodSource("instanceFailures")
    void evaluate_whenTheContainerInstanceCannotBeRead_isUnknownByKind(ReadFailure failure) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withContainerInstanceFailed(failure).build());

        assertResult(result, ExecCapabilityRegisteredCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "the container instance");
        assertThat(result.remediation().contains("Grant")).isEqualTo(failure.kind() == FailureKind.DENIED);
    }

    @Test
    void evaluate_whenTheContainerInstanceIsGone_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withContainerInstanceAbsent("container instance is MISSING").build());

        assertResult(result, ExecCapabilityRegisteredCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "missing");
    }
}
