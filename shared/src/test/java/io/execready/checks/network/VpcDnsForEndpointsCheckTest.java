package io.execready.checks.network;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.NetworkPathFixture.VPC_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.OperatorError;
import io.execready.engine.Severity;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.ReadFailure;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VpcDnsForEndpointsCheckTest {

    private final VpcDnsForEndpointsCheck check = new VpcDnsForEndpointsCheck();

    @Test
    void evaluate_whenBothAttributesAreOn_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()).build());

        assertResult(result, VpcDnsForEndpointsCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, VPC_ID);
    }

    @Test
    void evaluate_whenDnsHostnamesAreOff_failsWithTheCommand() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint().withVpcDns(true, false)).build());

        assertResult(result, VpcDnsForEndpointsCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, VPC_ID, "enableDnsHostnames off");
        assertThat(result.remediation()).contains("--enable-dns-hostnames").doesNotContain("--enable-dns-support");
        assertThat(result.operatorError()).contains(OperatorError.TARGET_NOT_CONNECTED.text());
    }

    @Test
    void evaluate_whenBothAreOff_failsNamingBoth() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint().withVpcDns(false, false)).build());

        assertResult(result, VpcDnsForEndpointsCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "enableDnsSupport and enableDnsHostnames off");
        assertThat(result.remediation()).contains("--enable-dns-support", "--enable-dns-hostnames");
    }

    @Test
    void evaluate_whenTheAgentHasARouteOut_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withSsmMessagesEndpoint().withVpcDns(false, false)).build());

        assertResult(result, VpcDnsForEndpointsCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "does not rely");
    }

    static Stream<ReadFailure> dnsFailures() {
        return NewNetworkChecksTestSupport.failuresOf("ec2:DescribeVpcAttribute");
    }

    @ParameterizedTest
    @MethodSource("dnsFailures")
    void evaluate_whenTheAttributesCannotBeRead_isUnknownByKind(ReadFailure failure) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint().withVpcDnsFailed(failure)).build());

        assertResult(result, VpcDnsForEndpointsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "the VPC's DNS attributes");
        assertThat(result.evidence()).containsEntry("failedAction", "ec2:DescribeVpcAttribute").containsEntry("failureKind", failure.kind().name());
    }
}
