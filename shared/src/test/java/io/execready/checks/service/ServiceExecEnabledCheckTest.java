package io.execready.checks.service;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ServiceSnapshotFixture;
import org.junit.jupiter.api.Test;

class ServiceExecEnabledCheckTest {

    private final ServiceExecEnabledCheck check = new ServiceExecEnabledCheck();

    @Test
    void evaluate_whenServiceFlagOn_passes() {
        CheckResult result = check.evaluate(ServiceSnapshotFixture.fargateService().build());

        assertResult(result, ServiceExecEnabledCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "service payments-api in cluster prod");
        assertThat(result.evidence()).containsEntry("enableExecuteCommand", "true");
    }

    @Test
    void evaluate_whenServiceFlagOff_failsWithEnableAndRedeploy() {
        CheckResult result = check.evaluate(ServiceSnapshotFixture.fargateService().withExecEnabled(false).build());

        assertResult(result, ServiceExecEnabledCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "service payments-api in cluster prod",
                "no task it starts");
        assertThat(result.remediation()).isEqualTo("Turn it on and replace the service's tasks: "
                + "aws ecs update-service --cluster prod --service payments-api --enable-execute-command --force-new-deployment.");
    }
}
