package io.execready.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

@Tag("emulator")
class LocalDynamoDbTest {

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        dynamoDb = LocalDynamoDb.start();
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamoDb.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        client.createTable(r -> r.tableName("things")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @Test
    void start_servesOnLoopbackOnly() {
        assertThat(dynamoDb.endpoint()).startsWith("http://127.0.0.1:");
        assertThat(dynamoDb.clientEnvironment()).containsEntry("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint());
    }

    @Test
    void putItem_withAttributeNotExistsCondition_acceptsTheFirstWriteAndRejectsTheSecond() {
        Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("a"), "n", AttributeValue.fromN("1"));

        client.putItem(r -> r.tableName("things").item(item).conditionExpression("attribute_not_exists(id)"));

        assertThatThrownBy(() -> client.putItem(r -> r.tableName("things").item(item).conditionExpression("attribute_not_exists(id)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(client.getItem(r -> r.tableName("things").key(Map.of("id", AttributeValue.fromS("a")))).item())
                .containsEntry("n", AttributeValue.fromN("1"));
    }

    @Test
    void close_stopsEveryThreadTheEngineStarted_includingItsShardRolloverScheduler() {
        LocalDynamoDb own = LocalDynamoDb.start();
        Thread[] whileOpen = own.liveEngineThreads();
        List<Thread> schedulers = Arrays.stream(whileOpen)
                .filter(thread -> !thread.isDaemon())
                .filter(thread -> Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().endsWith("ShardRolloverJobScheduler")))
                .toList();

        own.close();

        assertThat(schedulers).as("the streams scheduler, a non-daemon thread that sleeps for minutes, runs while open").isNotEmpty();
        assertThat(own.liveEngineThreads()).isEmpty();
        assertThat(whileOpen).noneMatch(Thread::isAlive);
    }
}
