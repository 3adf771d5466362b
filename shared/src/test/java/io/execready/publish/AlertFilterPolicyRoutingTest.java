package io.execready.publish;

import static io.execready.publish.ReportFixture.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckStatus;
import io.execready.engine.TaskReport;
import io.execready.harness.LocalAws;
import java.net.URI;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Alerts routed by SNS subscription filter policies, as the README shows: a subscription that
 * filters on one check id (the {@code checkIds} String.Array attribute) gets only the alerts that
 * name that check, one on a cluster only that cluster's, through the emulator's SNS and SQS.
 */
@Tag("emulator")
class AlertFilterPolicyRoutingTest {

    private static LocalAws aws;
    private static SnsClient sns;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        aws = LocalAws.start();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        sns = SnsClient.builder().endpointOverride(URI.create(aws.endpoint())).region(Region.of(aws.region()))
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(URI.create(aws.endpoint())).region(Region.of(aws.region()))
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        if (sns != null) {
            sns.close();
            sqs.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void aFilterPolicyOnOneCheckId_routesOnlyThatChecksAlerts() {
        String topicArn = sns.createTopic(r -> r.name("execready-alerts")).topicArn();
        String ssmQueue = subscribedQueue(topicArn, "ssm-team", "{\"checkIds\": [\"ssm-reachable\"]}");
        String stagingQueue = subscribedQueue(topicArn, "staging-team", "{\"cluster\": [\"staging\"], \"severity\": [\"HIGH\", \"CRITICAL\"]}");
        SnsAlertPublisher publisher = new SnsAlertPublisher(sns, topicArn);
        AlertComposer composer = new AlertComposer();

        TaskReport networkAndRole = ReportFixture.serviceTask().service("payments-api")
                .result(result("task-role-ssmmessages", CheckStatus.FAIL)).result(result("ssm-reachable", CheckStatus.FAIL)).build();
        TaskReport execOff = ReportFixture.serviceTask().service("orders")
                .result(result("exec-enabled", CheckStatus.FAIL)).result(result("ssm-reachable", CheckStatus.PASS)).build();
        TaskReport stagingNetwork = ReportFixture.serviceTask().cluster("staging").service("web")
                .result(result("ssm-reachable", CheckStatus.FAIL)).build();
        for (TaskReport report : List.of(networkAndRole, execOff, stagingNetwork)) {
            publisher.publish(composer.compose(report, FindingScope.of(report.task())).orElseThrow());
        }

        assertThat(received(ssmQueue)).extracting(Message::body).hasSize(2)
                .anySatisfy(body -> assertThat(body).startsWith("ECS Exec is not ready on service payments-api"))
                .anySatisfy(body -> assertThat(body).startsWith("ECS Exec is not ready on service web"))
                .noneSatisfy(body -> assertThat(body).contains("service orders"));
        assertThat(received(stagingQueue)).extracting(Message::body).singleElement()
                .satisfies(body -> assertThat(body).startsWith("ECS Exec is not ready on service web in cluster staging"));
    }

    /** A queue subscribed with raw delivery (the alert text as the body) and the filter policy on message attributes. */
    private static String subscribedQueue(String topicArn, String name, String filterPolicy) {
        String queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true", "FilterPolicy", filterPolicy, "FilterPolicyScope", "MessageAttributes")));
        return queueUrl;
    }

    private static List<Message> received(String queueUrl) {
        List<Message> messages = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            messages.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        }
        return messages;
    }
}
