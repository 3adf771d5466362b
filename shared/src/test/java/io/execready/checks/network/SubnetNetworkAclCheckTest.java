package io.execready.checks.network;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.NetworkPathFixture.ENDPOINT_SUBNET_ID;
import static io.execready.fixtures.NetworkPathFixture.OTHER_ZONE_SUBNET_ID;
import static io.execready.fixtures.NetworkPathFixture.SUBNET_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.OperatorError;
import io.execready.engine.Severity;
import io.execready.fixtures.NetworkPathFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.NetworkAcl;
import io.execready.snapshot.ReadFailure;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SubnetNetworkAclCheckTest {

    private final SubnetNetworkAclCheck check = new SubnetNetworkAclCheck();

    private static NetworkAcl.Entry rule(int number, boolean egress, boolean allow, String cidr, Integer from, Integer to) {
        return new NetworkAcl.Entry(number, egress, from == null ? "-1" : "6", allow, cidr, from, to);
    }

    private static NetworkAcl taskAcl(NetworkAcl.Entry... entries) {
        return new NetworkAcl("acl-0task", List.of(SUBNET_ID), List.of(entries));
    }

    @Test
    void evaluate_withTheDefaultAclBehindANat_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, SubnetNetworkAclCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "outbound TCP 443");
    }

    @Test
    void evaluate_whenOutbound443IsDeniedBeforeTheAllow_failsNamingTheAclAndRule() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withNetworkAcls(taskAcl(
                rule(50, true, false, "0.0.0.0/0", 443, 443),
                rule(100, true, true, "0.0.0.0/0", null, null),
                rule(100, false, true, "0.0.0.0/0", null, null)))).build());

        assertResult(result, SubnetNetworkAclCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "acl-0task", "rule 50", "outbound TCP 443");
        assertThat(result.evidence()).containsEntry("networkAclId", "acl-0task").containsEntry("ruleNumber", "50");
        assertThat(result.operatorError()).contains(OperatorError.HANDSHAKE_TIMEOUT.text());
        assertThat(result.remediation()).contains("aws ec2 create-network-acl-entry --network-acl-id acl-0task", "--egress");
    }

    @Test
    void evaluate_whenReturnTrafficIsAllowedOnlyOnSomeEphemeralPorts_failsOnTheDefaultDeny() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withNetworkAcls(taskAcl(
                rule(100, true, true, "0.0.0.0/0", 443, 443),
                rule(100, false, true, "0.0.0.0/0", 32768, 65535)))).build());

        assertResult(result, SubnetNetworkAclCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "inbound TCP 1024-65535", "default deny");
    }

    @Test
    void evaluate_whenRulesAreSplitButCoverEverything_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withNetworkAcls(taskAcl(
                rule(100, true, true, "0.0.0.0/0", 443, 443),
                rule(100, false, true, "0.0.0.0/0", 1024, 32767),
                rule(110, false, true, "0.0.0.0/0", 32768, 65535),
                rule(120, false, false, "0.0.0.0/0", null, null)))).build());

        assertResult(result, SubnetNetworkAclCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "allow");
    }

    @Test
    void evaluate_whenTheEndpointSubnetDeniesTheTask_failsNamingTheEndpointSubnetsAcl() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()
                .withNetworkAcls(NetworkPathFixture.allowAllAcl("acl-0task", SUBNET_ID, OTHER_ZONE_SUBNET_ID),
                        new NetworkAcl("acl-0endpoint", List.of(ENDPOINT_SUBNET_ID), List.of(
                                rule(90, false, false, "10.0.0.0/16", null, null),
                                rule(100, false, true, "0.0.0.0/0", null, null),
                                rule(100, true, true, "0.0.0.0/0", null, null))))).build());

        assertResult(result, SubnetNetworkAclCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "acl-0endpoint", "rule 90", "inbound TCP 443");
    }

    @Test
    void evaluate_whenARuleCoversOnlyPartOfThePublicAddresses_isUnknownNamingTheRule() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withNetworkAcls(taskAcl(
                rule(40, true, false, "52.0.0.0/8", 443, 443),
                rule(100, true, true, "0.0.0.0/0", null, null),
                rule(100, false, true, "0.0.0.0/0", null, null)))).build());

        assertResult(result, SubnetNetworkAclCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "acl-0task", "rule 40");
    }

    @Test
    void evaluate_whenNoRouteAndNoEndpoint_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(NetworkPathFixture::withoutRouteOut).build());

        assertResult(result, SubnetNetworkAclCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "ssm-reachable");
    }

    @Test
    void evaluate_whenNoVisibleAclIsAssociated_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withNetworkAcls()).build());

        assertResult(result, SubnetNetworkAclCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, SUBNET_ID);
    }

    static Stream<ReadFailure> aclFailures() {
        return NewNetworkChecksTestSupport.failuresOf("ec2:DescribeNetworkAcls");
    }

    @ParameterizedTest
    @MethodSource("aclFailures")
    void evaluate_whenTheAclsCannotBeRead_isUnknownByKind(ReadFailure failure) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withNetworkAclsFailed(failure)).build());

        assertResult(result, SubnetNetworkAclCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "network ACLs");
        assertThat(result.evidence()).containsEntry("failedAction", "ec2:DescribeNetworkAcls").containsEntry("failureKind", failure.kind().name());
    }
}
