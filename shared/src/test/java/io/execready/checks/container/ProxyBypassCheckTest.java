package io.execready.checks.container;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ContainerFixture;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.ReadFailure;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyBypassCheckTest {

    private final ProxyBypassCheck check = new ProxyBypassCheck();

    @Test
    void evaluate_withoutAProxy_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, ProxyBypassCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "HTTP_PROXY");
    }

    @Test
    void evaluate_whenAProxyIsSetWithTheCredentialsEndpointInNoProxy_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(ContainerFixture.container("app").withEnvironment("HTTPS_PROXY").withNoProxy("localhost, 169.254.170.2,169.254.169.254"))
                .build());

        assertResult(result, ProxyBypassCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "169.254.170.2");
    }

    @Test
    void evaluate_whenALowercaseProxyIsSetWithoutNoProxy_warns() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(ContainerFixture.container("app").withEnvironment("http_proxy")).build());

        assertResult(result, ProxyBypassCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM, "app", "169.254.170.2");
        assertThat(result.evidence()).containsEntry("proxiedWithoutBypass", "app");
    }

    @Test
    void evaluate_whenNoProxyMissesTheCredentialsEndpoint_warns() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(ContainerFixture.container("app").withEnvironment("HTTP_PROXY").withNoProxy("localhost,169.254.169.254")).build());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void evaluate_whenOnlyAnAgentlessSidecarIsProxied_passesAndListsIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(ContainerFixture.container("envoy").withoutManagedAgents().withEnvironment("HTTPS_PROXY")).build());

        assertResult(result, ProxyBypassCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "HTTP_PROXY");
        assertThat(result.evidence()).containsEntry("notExecCapable", "envoy");
    }

    static Stream<ReadFailure> definitionFailures() {
        return Stream.of(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"), ReadFailures.throttled("ecs:DescribeTaskDefinition"),
                ReadFailures.timedOut("ecs:DescribeTaskDefinition"), ReadFailures.unreachable("ecs:DescribeTaskDefinition"));
    }

    @ParameterizedTest
    @MethodSource("definitionFailures")
    void evaluate_whenTheTaskDefinitionCannotBeRead_isUnknownByKind(ReadFailure failure) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withTaskDefinitionFailed(failure).build());

        assertResult(result, ProxyBypassCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "task definition");
        assertThat(result.remediation().contains("Grant")).isEqualTo(failure.kind() == FailureKind.DENIED);
    }
}
