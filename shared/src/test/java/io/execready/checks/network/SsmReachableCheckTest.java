package io.execready.checks.network;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.NetworkPathFixture.ENDPOINT_SUBNET_ID;
import static io.execready.fixtures.NetworkPathFixture.INSTANCE_ID;
import static io.execready.fixtures.NetworkPathFixture.INTERNET_GATEWAY_ID;
import static io.execready.fixtures.NetworkPathFixture.NAT_GATEWAY_ID;
import static io.execready.fixtures.NetworkPathFixture.OTHER_ZONE_SUBNET_ID;
import static io.execready.fixtures.NetworkPathFixture.ROUTE_TABLE_ID;
import static io.execready.fixtures.NetworkPathFixture.SSM_ENDPOINT_ID;
import static io.execready.fixtures.NetworkPathFixture.SUBNET_ID;
import static io.execready.fixtures.NetworkPathFixture.TRANSIT_GATEWAY_ID;
import static io.execready.fixtures.NetworkPathFixture.VPC_ID;
import static io.execready.fixtures.NetworkPathFixture.VPC_OWNER;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.ReadFailure;
import org.junit.jupiter.api.Test;

class SsmReachableCheckTest {

    private static final String SSM_SERVICE = "com.amazonaws.eu-west-1.ssmmessages";

    private final SsmReachableCheck check = new SsmReachableCheck();

    @Test
    void evaluate_whenSubnetRoutesThroughNat_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, SUBNET_ID, TASK_ID, NAT_GATEWAY_ID, ROUTE_TABLE_ID);
        assertThat(result.evidence()).containsEntry("routeOut", "NAT_GATEWAY").containsEntry("subnetId", SUBNET_ID);
    }

    @Test
    void evaluate_whenSubnetUsesTheMainRouteTable_passesNamingIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withMainRouteTable()).build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "the VPC's main table");
    }

    @Test
    void evaluate_whenInternetGatewayAndPublicIp_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withInternetGateway("54.214.10.20"))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, INTERNET_GATEWAY_ID, "54.214.10.20");
    }

    @Test
    void evaluate_whenInternetGatewayWithoutPublicIp_failsOfferingNatEndpointOrPublicIp() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withInternetGateway(null)).build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, INTERNET_GATEWAY_ID, "no public IP", VPC_ID);
        assertThat(result.remediation())
                .contains("aws ec2 create-route --route-table-id " + ROUTE_TABLE_ID + " --destination-cidr-block 0.0.0.0/0 --nat-gateway-id")
                .contains("assignPublicIp=ENABLED")
                .contains("--service-name " + SSM_SERVICE);
    }

    @Test
    void evaluate_whenEc2BridgeTaskSharesAnInstanceWithPublicIp_passesNamingTheInstance() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withNetwork(n -> n.withInternetGateway("3.80.1.2")).build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "EC2 instance " + INSTANCE_ID, "3.80.1.2");
    }

    @Test
    void evaluate_whenEc2TaskBehindInternetGatewayWithoutPublicIp_failsWithoutOfferingAssignPublicIp() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withNetwork(n -> n.withInternetGateway(null)).build());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.remediation()).doesNotContain("assignPublicIp");
    }

    @Test
    void evaluate_whenNoRouteOutButUsableSsmMessagesEndpoint_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint())
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, SSM_ENDPOINT_ID, SSM_SERVICE, "private DNS on");
        assertThat(result.evidence()).containsEntry("vpcEndpointId", SSM_ENDPOINT_ID);
    }

    @Test
    void evaluate_whenNoRouteOutAndNoEndpointsAtAll_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut()).build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, SUBNET_ID, "no route to 0.0.0.0/0", "has no " + SSM_SERVICE);
        assertThat(result.remediation()).contains("aws ec2 create-vpc-endpoint --vpc-id " + VPC_ID + " --vpc-endpoint-type Interface --service-name "
                + SSM_SERVICE + " --subnet-ids " + SUBNET_ID);
    }

    @Test
    void evaluate_whenEndpointHasPrivateDnsOff_failsWithModifyCommand() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withEndpoint("vpce-0nodns", "ssmmessages", "Interface", "available", false,
                        ENDPOINT_SUBNET_ID))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "vpce-0nodns", "private DNS off");
        assertThat(result.remediation()).contains("aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0nodns --private-dns-enabled");
    }

    @Test
    void evaluate_whenEndpointIsOnlyInAnotherZone_passesAcrossZones() {
        // Private DNS answers with the endpoint's addresses in every zone it has: it works (ssm-endpoint-in-task-az warns).
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withEndpoint("vpce-0otheraz", "ssmmessages", "Interface", "available", true, OTHER_ZONE_SUBNET_ID))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "vpce-0otheraz", "other availability zones");
    }

    @Test
    void evaluate_whenEndpointIsNotAvailable_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withEndpoint("vpce-0pending", "ssmmessages", "Interface", "pendingAcceptance", true,
                        ENDPOINT_SUBNET_ID))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "vpce-0pending", "pendingAcceptance");
    }

    @Test
    void evaluate_whenNatRouteIsABlackhole_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withDefaultRoute(NAT_GATEWAY_ID, "blackhole"))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, NAT_GATEWAY_ID, "blackhole");
    }

    @Test
    void evaluate_whenDefaultRouteGoesToATransitGateway_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withDefaultRoute(TRANSIT_GATEWAY_ID, "active"))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "transit gateway " + TRANSIT_GATEWAY_ID);
    }

    @Test
    void evaluate_whenTransitGatewayRouteButUsableEndpoint_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withDefaultRoute(TRANSIT_GATEWAY_ID, "active").withSsmMessagesEndpoint())
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenRouteTableUnreadable_isUnknownNamingThePermission() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withRouteTableFailed(ReadFailures.denied("ec2:DescribeRouteTables", "UnauthorizedOperation")))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "ec2:DescribeRouteTables was denied (UnauthorizedOperation");
        assertThat(result.remediation()).startsWith("Grant the ExecReady checker's role ec2:DescribeRouteTables,");
    }

    @Test
    void evaluate_whenNoRouteOutAndEndpointsUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withEndpointsFailed(ReadFailures.denied("ec2:DescribeVpcEndpoints", "UnauthorizedOperation")))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ec2:DescribeVpcEndpoints");
    }

    @Test
    void evaluate_whenNatRouteAndEndpointsUnreadable_stillPasses() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withEndpointsFailed(ReadFailures.denied("ec2:DescribeVpcEndpoints", "UnauthorizedOperation")))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenInternetGatewayAndInterfaceUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withInternetGateway(null).withNetworkInterfaceFailed(ReadFailures.denied("ec2:DescribeNetworkInterfaces", "UnauthorizedOperation")))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ec2:DescribeNetworkInterfaces");
    }

    @Test
    void evaluate_whenEndpointSubnetsUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()
                        .withEndpointSubnetsFailed(ReadFailures.denied("ec2:DescribeSubnets", "UnauthorizedOperation")))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "subnets of the VPC's interface endpoints");
    }

    @Test
    void evaluate_whenSharedVpcSubnetRoutesThroughNat_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withSubnetOwner(VPC_OWNER)).build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, NAT_GATEWAY_ID);
    }

    @Test
    void evaluate_whenSharedVpcHidesTheRouteTable_isUnknownNamingTheOwner() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withSubnetOwner(VPC_OWNER).withRouteTableAbsent("subnet has no explicitly associated route table"))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, VPC_OWNER, "cannot see");
        assertThat(result.remediation()).contains("In account " + VPC_OWNER);
    }

    @Test
    void evaluate_whenSharedVpcWithoutRouteOutShowsNoEndpoint_isUnknownNotFail() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withSubnetOwner(VPC_OWNER).withoutRouteOut())
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, VPC_OWNER, SSM_SERVICE);
    }

    @Test
    void evaluate_whenTaskRunsOnEcsAnywhere_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningExternalTask().build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, TASK_ID, "ECS Anywhere");
    }

    @Test
    void evaluate_whenTheSubnetCouldNotBeFound_isUnknownWithoutBlamingAPermission() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetworkPathFailed(new ReadFailure("ecs:DescribeTasks", FailureKind.INVALID_RESPONSE,
                        "task " + TASK_ID + " reports neither an ENI attachment nor a container instance, so its subnet is unknown"))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "neither an ENI attachment");
        assertThat(result.remediation()).contains("aws ecs describe-tasks").doesNotContain("Grant");
    }

    @Test
    void evaluate_whenTheInstanceCouldNotBeRead_isUnknownNamingThePermission() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withNetworkPathFailed(ReadFailures.denied("ec2:DescribeInstances", "UnauthorizedOperation"))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ec2:DescribeInstances");
        assertThat(result.remediation()).startsWith("Grant the ExecReady checker's role ec2:DescribeInstances,");
    }

    @Test
    void evaluate_whenSubnetUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withSubnetFailed(ReadFailures.denied("ec2:DescribeSubnets", "UnauthorizedOperation")))
                .build());

        assertResult(result, SsmReachableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ec2:DescribeSubnets");
    }
}
