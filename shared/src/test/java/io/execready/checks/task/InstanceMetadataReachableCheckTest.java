package io.execready.checks.task;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.OperatorError;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.InstanceMetadataOptions;
import io.execready.snapshot.ReadFailure;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InstanceMetadataReachableCheckTest {

    private static final String PROFILE_ROLE = "arn:aws:iam::123456789012:role/ecsInstanceRole";

    private final InstanceMetadataReachableCheck check = new InstanceMetadataReachableCheck();

    private static TaskSnapshotFixture onInstanceRole(InstanceMetadataOptions options) {
        return TaskSnapshotFixture.runningEc2Task().withInstanceProfileRole(PROFILE_ROLE, options);
    }

    @Test
    void evaluate_whenIMDSv2HopLimitIsTwo_passes() {
        CheckResult result = check.evaluate(onInstanceRole(new InstanceMetadataOptions("enabled", "required", 2)).build());

        assertResult(result, InstanceMetadataReachableCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, PROFILE_ROLE, "bridge");
    }

    @Test
    void evaluate_whenIMDSv1IsAllowed_passes() {
        CheckResult result = check.evaluate(onInstanceRole(new InstanceMetadataOptions("enabled", "optional", 1)).build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenIMDSv2HopLimitIsOneInBridgeMode_failsWithTheHopLimitCommand() {
        CheckResult result = check.evaluate(onInstanceRole(new InstanceMetadataOptions("enabled", "required", 1)).build());

        assertResult(result, InstanceMetadataReachableCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "hop limit of 1", PROFILE_ROLE);
        assertThat(result.remediation()).contains("--http-put-response-hop-limit 2");
        assertThat(result.operatorError()).contains(OperatorError.TARGET_NOT_CONNECTED.text());
    }

    @Test
    void evaluate_whenMetadataIsOff_fails() {
        CheckResult result = check.evaluate(onInstanceRole(new InstanceMetadataOptions("disabled", "required", 2)).withNetworkMode("awsvpc").build());

        assertResult(result, InstanceMetadataReachableCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "turned off");
    }

    @Test
    void evaluate_inHostMode_isNotApplicable() {
        CheckResult result = check.evaluate(onInstanceRole(new InstanceMetadataOptions("enabled", "required", 1)).withNetworkMode("host").build());

        assertResult(result, InstanceMetadataReachableCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "host networking");
    }

    @Test
    void evaluate_withATaskRole_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().build());

        assertResult(result, InstanceMetadataReachableCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "task role");
    }

    @Test
    void evaluate_onFargate_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertThat(result.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenTheMetadataOptionsWereNotReported_isUnknown() {
        CheckResult result = check.evaluate(onInstanceRole(null).build());

        assertResult(result, InstanceMetadataReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "no metadata options");
    }

    static Stream<ReadFailure> instanceFailures() {
        return Stream.of(ReadFailures.denied("ec2:DescribeInstances", "UnauthorizedOperation"), ReadFailures.throttled("ec2:DescribeInstances"),
                ReadFailures.timedOut("ec2:DescribeInstances"), ReadFailures.unreachable("ec2:DescribeInstances"));
    }

    /** The instance (and with it the role and its metadata options) could not be read. */
    @ParameterizedTest
    @MethodSource("instanceFailures")
    void evaluate_whenTheInstanceCannotBeRead_isUnknownByKind(ReadFailure failure) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withTaskRoleFailed(failure).build());

        assertResult(result, InstanceMetadataReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "task role");
        assertThat(result.evidence()).containsEntry("failureKind", failure.kind().name());
    }

    @Test
    void evaluate_whenTheTaskDefinitionCannotBeRead_isUnknown() {
        CheckResult result = check.evaluate(onInstanceRole(new InstanceMetadataOptions("enabled", "required", 1))
                .withTaskDefinitionFailed(ReadFailures.throttled("ecs:DescribeTaskDefinition")).build());

        assertResult(result, InstanceMetadataReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "task definition");
    }
}
