package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.aws.AwsCallLimits;
import io.execready.aws.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The bundled answers parse as AWS's would, so priming builds the nested models a real answer has. */
class OfflineSdkCallsTest {

    private final AwsClients clients = new AwsClients(Region.EU_WEST_1, AwsCallLimits.DEFAULT, new OfflineSdkCalls.CannedHttpClient());
    private final StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));

    @Test
    void cannedAnswers_carryNestedModels_inEveryProtocol() {
        assertThat(clients.ecs().describeTasks(r -> r.tasks("t").overrideConfiguration(o -> o.credentialsProvider(credentials)))
                .tasks().getFirst().containers().getFirst().managedAgents()).isNotEmpty();
        assertThat(clients.ecs().describeTaskDefinition(r -> r.taskDefinition("t").overrideConfiguration(o -> o.credentialsProvider(credentials)))
                .taskDefinition().containerDefinitions().getFirst().linuxParameters().initProcessEnabled()).isTrue();
        assertThat(clients.ec2().describeRouteTables(r -> r.overrideConfiguration(o -> o.credentialsProvider(credentials)))
                .routeTables().getFirst().routes()).hasSize(3);
        assertThat(clients.ec2().describeSecurityGroups(r -> r.overrideConfiguration(o -> o.credentialsProvider(credentials)))
                .securityGroups().getFirst().ipPermissions().getFirst().userIdGroupPairs()).isNotEmpty();
        assertThat(clients.iam().simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::123456789012:role/r")
                        .overrideConfiguration(o -> o.credentialsProvider(credentials)))
                .evaluationResults().getFirst().matchedStatements()).isNotEmpty();
        assertThat(clients.dynamoDb().query(r -> r.tableName("t").overrideConfiguration(o -> o.credentialsProvider(credentials)))
                .items()).hasSize(2);
        assertThat(clients.sns().publish(r -> r.topicArn("arn:aws:sns:eu-west-1:123456789012:t").message("m")
                .overrideConfiguration(o -> o.credentialsProvider(credentials))).messageId()).isNotBlank();
    }
}
