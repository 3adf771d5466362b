package io.execready.checks.network;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.NetworkPathFixture.OTHER_ZONE_SUBNET_ID;
import static io.execready.fixtures.NetworkPathFixture.SUBNET_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.ReadFailure;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SsmEndpointInTaskAzCheckTest {

    private final SsmEndpointInTaskAzCheck check = new SsmEndpointInTaskAzCheck();

    @Test
    void evaluate_whenTheReliedOnEndpointHasASubnetInTheTasksZone_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()).build());

        assertResult(result, SsmEndpointInTaskAzCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "eu-west-1a");
    }

    @Test
    void evaluate_whenTheEndpointIsOnlyInAnotherZone_warnsWithAddSubnet() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withEndpoint("vpce-0otheraz", "ssmmessages", "Interface", "available", true, OTHER_ZONE_SUBNET_ID))
                .build());

        assertResult(result, SsmEndpointInTaskAzCheck.DEFINITION, CheckStatus.WARN, Severity.LOW, "vpce-0otheraz", "eu-west-1b", "eu-west-1a");
        assertThat(result.remediation()).contains("--vpc-endpoint-id vpce-0otheraz --add-subnet-ids " + SUBNET_ID);
    }

    @Test
    void evaluate_whenTheTaskHasARouteOut_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withSsmMessagesEndpoint()).build());

        assertResult(result, SsmEndpointInTaskAzCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "does not rely");
    }

    @Test
    void evaluate_outsideAnyVpc_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningExternalTask().build());

        assertThat(result.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }

    static Stream<ReadFailure> endpointFailures() {
        return NewNetworkChecksTestSupport.failuresOf("ec2:DescribeVpcEndpoints");
    }

    @ParameterizedTest
    @MethodSource("endpointFailures")
    void evaluate_whenTheEndpointsCannotBeRead_isUnknownByKind(ReadFailure failure) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withEndpointsFailed(failure)).build());

        assertResult(result, SsmEndpointInTaskAzCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "endpoints");
        assertThat(result.evidence()).containsEntry("failureKind", failure.kind().name());
    }

    @Test
    void evaluate_whenTheRouteTableCannotBeRead_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withRouteTableFailed(ReadFailures.throttled("ec2:DescribeRouteTables"))).build());

        assertResult(result, SsmEndpointInTaskAzCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "route table");
    }
}
