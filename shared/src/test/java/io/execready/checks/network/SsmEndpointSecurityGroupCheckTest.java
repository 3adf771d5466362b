package io.execready.checks.network;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.NetworkPathFixture.ENDPOINT_SECURITY_GROUP_ID;
import static io.execready.fixtures.NetworkPathFixture.SSM_ENDPOINT_ID;
import static io.execready.fixtures.NetworkPathFixture.TASK_SECURITY_GROUP_ID;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.SecurityGroupRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsmEndpointSecurityGroupCheckTest {

    private final SsmEndpointSecurityGroupCheck check = new SsmEndpointSecurityGroupCheck();

    private static TaskSnapshotFixture privateTaskWithEndpoint() {
        return TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint());
    }

    private static SecurityGroupRule tcp(int port, List<String> cidrs, List<String> groups) {
        return new SecurityGroupRule("tcp", port, port, cidrs, groups);
    }

    @Test
    void evaluate_whenEndpointAllows443FromTheTaskGroupAndTaskMayGoOut_passes() {
        CheckResult result = check.evaluate(privateTaskWithEndpoint().build());

        assertResult(result, SsmEndpointSecurityGroupCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                SSM_ENDPOINT_ID, ENDPOINT_SECURITY_GROUP_ID, TASK_SECURITY_GROUP_ID, TASK_ID);
    }

    @Test
    void evaluate_whenEndpointAllows443FromACidrCoveringTheTaskSubnet_passes() {
        CheckResult result = check.evaluate(privateTaskWithEndpoint()
                .withNetwork(n -> n.withEndpointInbound(tcp(443, List.of("10.0.0.0/16"), List.of())))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenEndpointAllowsOnlyAnotherPort_failsWithIngressCommand() {
        CheckResult result = check.evaluate(privateTaskWithEndpoint()
                .withNetwork(n -> n.withEndpointInbound(tcp(80, List.of("10.0.0.0/16"), List.of(TASK_SECURITY_GROUP_ID))))
                .build());

        assertResult(result, SsmEndpointSecurityGroupCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                SSM_ENDPOINT_ID, "let no TCP 443 in", "10.0.1.0/24");
        assertThat(result.remediation()).contains("aws ec2 authorize-security-group-ingress --group-id " + ENDPOINT_SECURITY_GROUP_ID
                + " --protocol tcp --port 443 --source-group " + TASK_SECURITY_GROUP_ID);
        assertThat(result.evidence()).containsEntry("inbound443", "false").containsEntry("outbound443", "true");
    }

    @Test
    void evaluate_whenEndpointAllows443OnlyFromAnotherSubnet_fails() {
        CheckResult result = check.evaluate(privateTaskWithEndpoint()
                .withNetwork(n -> n.withEndpointInbound(tcp(443, List.of("10.0.2.0/24"), List.of())))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void evaluate_whenTaskGroupsAllowNoHttpsOut_failsWithEgressCommand() {
        CheckResult result = check.evaluate(privateTaskWithEndpoint()
                .withNetwork(n -> n.withTaskOutbound(tcp(5432, List.of("0.0.0.0/0"), List.of())))
                .build());

        assertResult(result, SsmEndpointSecurityGroupCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "let no TCP 443 out");
        assertThat(result.remediation()).contains("aws ec2 authorize-security-group-egress --group-id " + TASK_SECURITY_GROUP_ID
                + " --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=" + ENDPOINT_SECURITY_GROUP_ID + "}]'");
    }

    @Test
    void evaluate_whenTaskMayGoOutOnlyToTheEndpointSubnet_passes() {
        CheckResult result = check.evaluate(privateTaskWithEndpoint()
                .withNetwork(n -> n.withTaskOutbound(tcp(443, List.of("10.0.9.0/24"), List.of())))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenTaskMayGoOutOnlyToAnUnrelatedRange_fails() {
        CheckResult result = check.evaluate(privateTaskWithEndpoint()
                .withNetwork(n -> n.withTaskOutbound(tcp(443, List.of("192.168.0.0/16"), List.of())))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void evaluate_whenNatRouteButPrivateDnsEndpointBlocks443_failsBecauseDnsSendsTrafficToTheEndpoint() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withSsmMessagesEndpoint().withEndpointInbound())
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void evaluate_whenTheVpcHasNoSsmMessagesEndpoint_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, SsmEndpointSecurityGroupCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL,
                "com.amazonaws.eu-west-1.ssmmessages", "ssm-reachable");
    }

    @Test
    void evaluate_whenTaskRunsOnEcsAnywhere_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningExternalTask().build());

        assertThat(result.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenEndpointGroupNotVisible_isUnknown() {
        CheckResult result = check.evaluate(privateTaskWithEndpoint().withNetwork(n -> n.withEndpointSecurityGroupsNotVisible()).build());

        assertResult(result, SsmEndpointSecurityGroupCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                ENDPOINT_SECURITY_GROUP_ID, "is not visible");
    }

    @Test
    void evaluate_whenTaskGroupsUnreadable_isUnknownNamingThePermission() {
        CheckResult result = check.evaluate(privateTaskWithEndpoint()
                .withNetwork(n -> n.withTaskSecurityGroupsFailed(ReadFailures.denied("ec2:DescribeSecurityGroups", "UnauthorizedOperation")))
                .build());

        assertResult(result, SsmEndpointSecurityGroupCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ec2:DescribeSecurityGroups");
    }

    @Test
    void evaluate_whenNoRouteOutAndEndpointsUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withEndpointsFailed(ReadFailures.denied("ec2:DescribeVpcEndpoints", "UnauthorizedOperation")))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
    }

    @Test
    void evaluate_whenNatRouteAndEndpointsUnreadable_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withEndpointsFailed(ReadFailures.denied("ec2:DescribeVpcEndpoints", "UnauthorizedOperation")))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }
}
