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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoStaticCredentialsCheckTest {

    private final NoStaticCredentialsCheck check = new NoStaticCredentialsCheck();

    @Test
    void evaluate_whenNoCredentialVariables_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withEnvironment("AWS_REGION", "SPRING_PROFILES_ACTIVE").withSecrets("DB_PASSWORD"))
                .build());

        assertResult(result, NoStaticCredentialsCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, TASK_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
            "AWS_SHARED_CREDENTIALS_FILE"})
    void evaluate_whenEnvironmentSetsACredentialVariable_warns(String name) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withEnvironment(name))
                .build());

        assertResult(result, NoStaticCredentialsCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM,
                "container app sets " + name + " in environment", "task role");
    }

    @Test
    void evaluate_whenSecretsAndOverridesSetThem_warnsNamingEverySource() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withSecrets("AWS_SECRET_ACCESS_KEY"))
                .withContainer(container("worker"))
                .withEnvironmentOverride("worker", "AWS_PROFILE", "LOG_LEVEL")
                .build());

        assertResult(result, NoStaticCredentialsCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM,
                "container app sets AWS_SECRET_ACCESS_KEY in secrets", "container worker sets AWS_PROFILE in launch overrides");
        assertThat(result.message()).doesNotContain("LOG_LEVEL");
        assertThat(result.remediation()).contains("containers app and worker");
    }

    @Test
    void evaluate_whenOverridesSetThemAndTaskDefinitionUnreadable_stillWarns() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withEnvironmentOverride("app", "AWS_ACCESS_KEY_ID")
                .withTaskDefinitionFailed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"))
                .build());

        assertResult(result, NoStaticCredentialsCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM, "AWS_ACCESS_KEY_ID in launch overrides");
        assertThat(result.evidence()).containsKey("taskDefinitionReadFailure");
    }

    @Test
    void evaluate_whenTaskDefinitionUnreadableAndOverridesClean_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withTaskDefinitionFailed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"))
                .build());

        assertResult(result, NoStaticCredentialsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "AccessDeniedException");
    }

    @Test
    void evaluate_namesMatchExactly() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withEnvironment("MY_AWS_ACCESS_KEY_ID", "aws_profile"))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenOnlyAnAgentlessSidecarSetsCredentials_passesAndListsTheSidecar() {
        CheckResult result = check.evaluate(io.execready.fixtures.TaskSnapshotFixture.runningFargateTask()
                .withContainer(io.execready.fixtures.ContainerFixture.container("collector").withoutManagedAgents().withEnvironment("AWS_ACCESS_KEY_ID")).build());

        org.assertj.core.api.Assertions.assertThat(result.status()).isEqualTo(io.execready.engine.CheckStatus.PASS);
        org.assertj.core.api.Assertions.assertThat(result.evidence()).containsEntry("notExecCapable", "collector");
    }
}
