package io.execready.checks.network;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.NetworkPathFixture.SSM_ENDPOINT_ID;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.OperatorError;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import org.junit.jupiter.api.Test;

class EndpointPolicyAllowsCheckTest {

    private final EndpointPolicyAllowsCheck check = new EndpointPolicyAllowsCheck();

    private static TaskSnapshotFixture privateTask() {
        return TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint());
    }

    @Test
    void evaluate_withTheDefaultFullAccessPolicy_passes() {
        CheckResult result = check.evaluate(privateTask().build());

        assertResult(result, EndpointPolicyAllowsCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, SSM_ENDPOINT_ID, TASK_ROLE_ARN);
    }

    @Test
    void evaluate_whenThePolicyAllowsTheTaskRolesChannelsOnlyThroughThisEndpoint_passes() {
        CheckResult result = check.evaluate(privateTask().withNetwork(n -> n.withEndpointPolicy("ssmmessages",
                "{\"Statement\":[{\"Sid\":\"Channels\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + TASK_ROLE_ARN + "\"},"
                        + "\"Action\":\"ssmmessages:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"" + SSM_ENDPOINT_ID + "\"}}}]}"))
                .build());

        assertResult(result, EndpointPolicyAllowsCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, SSM_ENDPOINT_ID);
    }

    @Test
    void evaluate_whenThePolicyDoesNotAllowTheChannels_failsNamingEndpointAndAction() {
        CheckResult result = check.evaluate(privateTask().withNetwork(n -> n.withEndpointPolicy("ssmmessages",
                "{\"Statement\":[{\"Sid\":\"OnlyControl\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"ssmmessages:CreateControlChannel\","
                        + "\"ssmmessages:OpenControlChannel\"],\"Resource\":\"*\"}]}"))
                .build());

        assertResult(result, EndpointPolicyAllowsCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, SSM_ENDPOINT_ID,
                "ssmmessages:CreateDataChannel", "ssmmessages:OpenDataChannel");
        assertThat(result.message()).doesNotContain("ssmmessages:CreateControlChannel (");
        assertThat(result.operatorError()).contains(OperatorError.TARGET_NOT_CONNECTED.text());
    }

    @Test
    void evaluate_whenTheKmsEndpointDeniesDecrypt_failsNamingIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()
                        .withInterfaceEndpoint("kms").withInterfaceEndpoint("logs").withS3GatewayEndpoint(true)
                        .withEndpointPolicy("kms", "{\"Statement\":[{\"Sid\":\"All\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"},"
                                + "{\"Sid\":\"NoDecrypt\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}"))
                .build());

        assertResult(result, EndpointPolicyAllowsCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "vpce-0kms00000000001", "kms:Decrypt", "NoDecrypt");
    }

    @Test
    void evaluate_whenAStatementCannotBeDecided_isUnknownNamingIt() {
        CheckResult result = check.evaluate(privateTask().withNetwork(n -> n.withEndpointPolicy("ssmmessages",
                "{\"Statement\":[{\"Sid\":\"OrgOnly\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-123\"}}}]}"))
                .build());

        assertResult(result, EndpointPolicyAllowsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "OrgOnly", "aws:PrincipalOrgID");
    }

    @Test
    void evaluate_whenTheAgentHasARouteOut_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withSsmMessagesEndpoint()).build());

        assertResult(result, EndpointPolicyAllowsCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "does not go through");
    }

    @Test
    void evaluate_whenTheEndpointsCannotBeRead_isUnknownByKind() {
        for (var failure : NewNetworkChecksTestSupport.failuresOf("ec2:DescribeVpcEndpoints").toList()) {
            CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withEndpointsFailed(failure)).build());

            assertResult(result, EndpointPolicyAllowsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "endpoints");
            assertThat(result.evidence()).containsEntry("failureKind", failure.kind().name());
        }
    }

    @Test
    void evaluate_whenTheTaskRoleCannotBeRead_isUnknown() {
        CheckResult result = check.evaluate(privateTask().withTaskRoleFailed(ReadFailures.throttled("ecs:DescribeTaskDefinition")).build());

        assertResult(result, EndpointPolicyAllowsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "task role");
    }

    @Test
    void evaluate_whenTheClusterCannotBeRead_isUnknown() {
        CheckResult result = check.evaluate(privateTask().withClusterFailed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException")).build());

        assertResult(result, EndpointPolicyAllowsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "cluster");
    }
}
