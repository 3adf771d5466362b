package io.execready.checks.task;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.TaskSnapshotFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformVersionCheckTest {

    private final PlatformVersionCheck check = new PlatformVersionCheck();

    @Test
    void evaluate_whenLinuxOn140_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, PlatformVersionCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, TASK_ID, "Linux", "1.4.0");
        assertThat(result.evidence()).containsEntry("minimumPlatformVersion", "1.4.0").containsEntry("platformFamily", "Linux");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.3.0", "1.0.0", "1.2"})
    void evaluate_whenLinuxBelow140_fails(String version) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withPlatformVersion(version).build());

        assertResult(result, PlatformVersionCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, TASK_ID, version, "1.4.0");
        assertThat(result.remediation()).contains(
                "aws ecs update-service --cluster prod --service payments-api --platform-version LATEST --enable-execute-command --force-new-deployment");
    }

    @Test
    void evaluate_whenVersionHasATwoDigitPart_comparesNumerically() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withPlatformVersion("1.10.0").build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenStandaloneTaskIsTooOld_failsWithRunTaskOnLatest() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.standaloneFargateTask().withPlatformVersion("1.3.0").build());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.remediation())
                .contains("aws ecs run-task --cluster prod --task-definition payments-api:7 --enable-execute-command --platform-version LATEST");
    }

    @Test
    void evaluate_whenWindowsOn100_passesAgainstTheWindowsMinimum() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningWindowsFargateTask().build());

        assertResult(result, PlatformVersionCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "Windows", "1.0.0");
        assertThat(result.evidence()).containsEntry("minimumPlatformVersion", "1.0.0");
    }

    @Test
    void evaluate_whenWindowsFamilyIsSpelledInMixedCase_stillCountsAsWindows() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningWindowsFargateTask()
                .withPlatformFamily("Windows_Server_2019_Core")
                .withOperatingSystemFamily(null)
                .build());

        assertResult(result, PlatformVersionCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "Windows");
    }

    @Test
    void evaluate_whenWindowsBelow100_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningWindowsFargateTask().withPlatformVersion("0.9.0").build());

        assertResult(result, PlatformVersionCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "Windows", "0.9.0", "1.0.0");
    }

    @Test
    void evaluate_whenLatestIsReported_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withPlatformVersion("LATEST").build());

        assertResult(result, PlatformVersionCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "LATEST");
    }

    @Test
    void evaluate_whenVersionUnreported_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withPlatformVersion(null)
                .withPlatformFamily(null)
                .build());

        assertResult(result, PlatformVersionCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, TASK_ID);
        assertThat(result.remediation()).contains("tasks[0].platformVersion");
    }

    @Test
    void evaluate_whenVersionIsNotDotted_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withPlatformVersion("1.4.x").build());

        assertResult(result, PlatformVersionCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "1.4.x");
    }

    @Test
    void evaluate_whenTaskRunsOnEc2_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().build());

        assertResult(result, PlatformVersionCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, TASK_ID, "EC2");
    }

    @Test
    void evaluate_whenCapacityProviderTaskOmitsLaunchType_usesThePlatformVersion() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withLaunchType(null).withPlatformVersion("1.3.0").build());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
    }
}
