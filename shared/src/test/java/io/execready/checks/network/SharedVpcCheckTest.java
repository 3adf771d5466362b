package io.execready.checks.network;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.NetworkPathFixture.NAT_GATEWAY_ID;
import static io.execready.fixtures.NetworkPathFixture.SUBNET_ID;
import static io.execready.fixtures.NetworkPathFixture.VPC_OWNER;
import static io.execready.fixtures.TaskSnapshotFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import org.junit.jupiter.api.Test;

class SharedVpcCheckTest {

    private final SharedVpcCheck check = new SharedVpcCheck();

    @Test
    void evaluate_whenSharedSubnetRoutesThroughNat_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withSubnetOwner(VPC_OWNER)).build());

        assertResult(result, SharedVpcCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, SUBNET_ID, VPC_OWNER, ACCOUNT, NAT_GATEWAY_ID);
        assertThat(result.evidence()).containsEntry("vpcOwnerId", VPC_OWNER);
    }

    @Test
    void evaluate_whenSharedSubnetWithoutRouteOutHasAVisibleEndpoint_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withSubnetOwner(VPC_OWNER).withoutRouteOut().withSsmMessagesEndpoint())
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenTheOwnersRouteTableIsNotVisible_isUnknownNamingTheOwner() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withSubnetOwner(VPC_OWNER).withRouteTableAbsent("no route table visible"))
                .build());

        assertResult(result, SharedVpcCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, VPC_OWNER, "cannot see");
        assertThat(result.remediation()).contains("In VPC owner account " + VPC_OWNER, "aws ec2 describe-route-tables");
    }

    @Test
    void evaluate_whenNoRouteOutAndTheOwnersEndpointsAreNotVisible_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withSubnetOwner(VPC_OWNER).withoutRouteOut())
                .build());

        assertResult(result, SharedVpcCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "not visible");
    }

    @Test
    void evaluate_whenTheSubnetIsTheTasksOwn_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, SharedVpcCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, SUBNET_ID, ACCOUNT);
    }

    @Test
    void evaluate_whenTaskRunsOnEcsAnywhere_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningExternalTask().build());

        assertThat(result.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenSubnetUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withSubnetFailed(ReadFailures.denied("ec2:DescribeSubnets", "UnauthorizedOperation")))
                .build());

        assertResult(result, SharedVpcCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ec2:DescribeSubnets");
    }
}
