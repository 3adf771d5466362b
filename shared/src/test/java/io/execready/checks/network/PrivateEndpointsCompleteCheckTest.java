package io.execready.checks.network;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.NetworkPathFixture.ROUTE_TABLE_ID;
import static io.execready.fixtures.NetworkPathFixture.SUBNET_ID;
import static io.execready.fixtures.NetworkPathFixture.VPC_ID;
import static io.execready.fixtures.NetworkPathFixture.VPC_OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.ExecLogging;
import org.junit.jupiter.api.Test;

class PrivateEndpointsCompleteCheckTest {

    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final ExecLogging CLOUDWATCH = new ExecLogging("OVERRIDE", "/aws/ecs/exec/prod", false, null, null, false);
    private static final ExecLogging S3 = new ExecLogging("OVERRIDE", null, false, "exec-audit", "prod/", false);

    private final PrivateEndpointsCompleteCheck check = new PrivateEndpointsCompleteCheck();

    private static TaskSnapshotFixture privateTask() {
        return TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint());
    }

    @Test
    void evaluate_whenKeyAndCloudWatchButOnlyAnSsmMessagesEndpoint_failsNamingEachMissingEndpoint() {
        CheckResult result = check.evaluate(privateTask().withClusterKmsKey(KEY).withClusterLogging(CLOUDWATCH).build());

        assertResult(result, PrivateEndpointsCompleteCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                SUBNET_ID, KEY, "com.amazonaws.eu-west-1.kms", "/aws/ecs/exec/prod", "com.amazonaws.eu-west-1.logs");
        assertThat(result.remediation())
                .contains("aws ec2 create-vpc-endpoint --vpc-id " + VPC_ID + " --vpc-endpoint-type Interface --service-name com.amazonaws.eu-west-1.kms")
                .contains("--service-name com.amazonaws.eu-west-1.logs");
        assertThat(result.evidence()).containsEntry("neededEndpoints", "kms,logs");
    }

    @Test
    void evaluate_whenEveryNeededEndpointIsThere_passes() {
        CheckResult result = check.evaluate(privateTask().withClusterKmsKey(KEY).withClusterLogging(CLOUDWATCH)
                .withNetwork(n -> n.withInterfaceEndpoint("kms").withInterfaceEndpoint("logs"))
                .build());

        assertResult(result, PrivateEndpointsCompleteCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "(kms)", "(logs)");
    }

    @Test
    void evaluate_whenS3LoggingWithAGatewayEndpointOnTheRouteTable_passes() {
        CheckResult result = check.evaluate(privateTask().withClusterLogging(S3).withNetwork(n -> n.withS3GatewayEndpoint(true)).build());

        assertResult(result, PrivateEndpointsCompleteCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "(s3)");
    }

    @Test
    void evaluate_whenS3LoggingWithAnInterfaceEndpoint_passes() {
        CheckResult result = check.evaluate(privateTask().withClusterLogging(S3).withNetwork(n -> n.withInterfaceEndpoint("s3")).build());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void evaluate_whenS3GatewayEndpointIsOnAnotherRouteTable_failsWithAddRouteTable() {
        CheckResult result = check.evaluate(privateTask().withClusterLogging(S3).withNetwork(n -> n.withS3GatewayEndpoint(false)).build());

        assertResult(result, PrivateEndpointsCompleteCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "exec-audit", ROUTE_TABLE_ID);
        assertThat(result.remediation()).contains("--add-route-table-ids " + ROUTE_TABLE_ID);
    }

    @Test
    void evaluate_whenTheSubnetHasARouteOut_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withClusterKmsKey(KEY).build());

        assertResult(result, PrivateEndpointsCompleteCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "NAT gateway", "kms");
    }

    @Test
    void evaluate_whenTheClusterNeedsNoOtherService_isNotApplicable() {
        CheckResult result = check.evaluate(privateTask().build());

        assertResult(result, PrivateEndpointsCompleteCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "neither a KMS key");
    }

    @Test
    void evaluate_whenTaskRunsOnEcsAnywhere_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningExternalTask().withClusterKmsKey(KEY).build());

        assertThat(result.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenClusterUnreadable_isUnknown() {
        CheckResult result = check.evaluate(privateTask().withClusterFailed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException")).build());

        assertResult(result, PrivateEndpointsCompleteCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ecs:DescribeClusters");
    }

    @Test
    void evaluate_whenEndpointsUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withClusterKmsKey(KEY)
                .withNetwork(n -> n.withoutRouteOut().withEndpointsFailed(ReadFailures.denied("ec2:DescribeVpcEndpoints", "UnauthorizedOperation")))
                .build());

        assertResult(result, PrivateEndpointsCompleteCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ec2:DescribeVpcEndpoints");
    }

    @Test
    void evaluate_whenRouteTableUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withClusterKmsKey(KEY)
                .withNetwork(n -> n.withRouteTableFailed(ReadFailures.denied("ec2:DescribeRouteTables", "UnauthorizedOperation")))
                .build());

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
    }

    @Test
    void evaluate_whenSharedVpcWithoutRouteOutShowsNoKmsEndpoint_isUnknownNotFail() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withClusterKmsKey(KEY)
                .withNetwork(n -> n.withSubnetOwner(VPC_OWNER).withoutRouteOut())
                .build());

        assertResult(result, PrivateEndpointsCompleteCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, VPC_OWNER);
    }
}
