package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs that can never succeed, for every function, in-process through its package-private
 * constructor: each ends the invocation normally (Lambda must not retry what cannot succeed) with
 * one log line that says why, and publishes nothing.
 */
class BadInputCorpusTest {

    /** Outcomes that say "nothing done, and why". */
    private static final Set<String> REFUSALS = Set.of("IGNORED", "REJECTED", "STALE", "SKIPPED", "UNCONFIRMED", "NOTHING_TO_DO",
            "NOT_EVALUATED");
    private static final String TASK_ARN = "arn:aws:ecs:eu-west-1:123456789012:task/prod/0123456789abcdef0123456789abcdef";
    private static final String CLUSTER_ARN = "arn:aws:ecs:eu-west-1:123456789012:cluster/prod";
    private static final String SIX_MB = "x".repeat(6 * 1024 * 1024);
    private static final String LONG_NAME = "c".repeat(10_000);

    enum Target { TASK_EVENT, SERVICE_EVENT, SWEEP_CLUSTER, ON_DEMAND }

    private final InProcessFunctions functions = new InProcessFunctions();

    @AfterEach
    void close() {
        functions.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("corpus")
    void badInput_endsCleanlyWithOneLineAndPublishesNothing(Target target, String name, String payload) {
        functions.ecsKnowsEventTasks = false;
        RequestStreamHandler handler = switch (target) {
            case TASK_EVENT -> new TaskStateChangeFunction(functions.components);
            case SERVICE_EVENT -> new ServiceChangeFunction(functions.components);
            case SWEEP_CLUSTER -> new SweepClusterFunction(functions.components);
            case ON_DEMAND -> new OnDemandCheckFunction(functions.components, false);
        };
        int linesBefore = messageLines();

        JsonNode[] response = new JsonNode[1];
        assertThatCode(() -> response[0] = functions.invoke(handler, payload)).as(name).doesNotThrowAnyException();

        assertThat(functions.findings.published()).as("nothing published for %s", name).isEmpty();
        assertThat(functions.findings.transitions()).isEmpty();
        List<JsonNode> lines = functions.logLines().stream().filter(line -> line.has("message")).toList();
        assertThat(lines.size() - linesBefore).as("one log line for %s", name).isEqualTo(1);
        JsonNode line = lines.getLast();
        assertThat(line.get("message").asText()).as("the line says why").isNotBlank();
        if (target == Target.SWEEP_CLUSTER) {
            assertThat(response[0].path("batchItemFailures")).as("no redelivery of %s", name).isEmpty();
        } else {
            assertThat(response[0].get("outcome").asText()).as("%s: %s", name, response[0]).isIn(REFUSALS);
            assertThat(line.get("level").asText()).isIn("WARN", "INFO");
        }
    }

    private int messageLines() {
        return (int) functions.logLines().stream().filter(line -> line.has("message")).count();
    }

    static Stream<Arguments> corpus() {
        List<Arguments> all = new ArrayList<>();
        taskEvents().forEach((name, payload) -> all.add(Arguments.of(Target.TASK_EVENT, name, payload)));
        serviceEvents().forEach((name, payload) -> all.add(Arguments.of(Target.SERVICE_EVENT, name, payload)));
        sweepMessages().forEach((name, payload) -> all.add(Arguments.of(Target.SWEEP_CLUSTER, name, payload)));
        onDemandRequests().forEach((name, payload) -> all.add(Arguments.of(Target.ON_DEMAND, name, payload)));
        return all.stream();
    }

    /** Malformed payloads every trigger must refuse: not JSON, not an object, too large, too deep. */
    private static Map<String, String> malformed() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("empty payload", "");
        cases.put("whitespace only", "   \n\t ");
        cases.put("null literal", "null");
        cases.put("a number", "42");
        cases.put("a string", "\"hello\"");
        cases.put("an array", "[1,2,3]");
        cases.put("truncated object", "{\"source\":\"aws.ecs\",\"detail\":{\"taskArn\":");
        cases.put("trailing garbage", "{\"source\":\"aws.ecs\"} trailing");
        cases.put("two objects", "{\"a\":1}{\"b\":2}");
        cases.put("deeply nested", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
        cases.put("deeply nested arrays", "[".repeat(5000) + "]".repeat(5000));
        cases.put("six megabytes", "{\"detail\":\"" + SIX_MB + "\"}");
        cases.put("control characters", "{\"source\":\"aws\u0000.ecs\u0007\",\"detail-type\":\"\u001b[31m\"}");
        cases.put("invalid utf-8 escapes", "{\"source\":\"\\ud800\"}");
        cases.put("single quotes", "{'source':'aws.ecs'}");
        cases.put("comments", "{/* c */\"source\":\"aws.ecs\"}");
        cases.put("NaN", "{\"version\":NaN}");
        cases.put("unquoted key", "{source:\"aws.ecs\"}");
        return cases;
    }

    private static Map<String, String> taskEvents() {
        Map<String, String> cases = new LinkedHashMap<>(malformed());
        Function<String, String> withDetail = detail -> "{\"id\":\"e1\",\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\",\"detail\":"
                + detail + "}";
        String good = "\"taskArn\":\"" + TASK_ARN + "\",\"clusterArn\":\"" + CLUSTER_ARN + "\",\"lastStatus\":\"RUNNING\",\"version\":3";
        cases.put("unknown source", "{\"source\":\"aws.ec2\",\"detail-type\":\"ECS Task State Change\",\"detail\":{" + good + "}}");
        cases.put("unknown detail-type", "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Container Instance State Change\",\"detail\":{" + good + "}}");
        cases.put("missing detail-type", "{\"source\":\"aws.ecs\",\"detail\":{" + good + "}}");
        cases.put("detail null", withDetail.apply("null"));
        cases.put("detail a string", withDetail.apply("\"RUNNING\""));
        cases.put("detail an array", withDetail.apply("[]"));
        cases.put("detail empty", withDetail.apply("{}"));
        cases.put("taskArn a number", withDetail.apply("{\"taskArn\":7,\"clusterArn\":\"" + CLUSTER_ARN + "\",\"lastStatus\":\"RUNNING\"}"));
        cases.put("taskArn an object", withDetail.apply("{\"taskArn\":{},\"clusterArn\":\"" + CLUSTER_ARN + "\",\"lastStatus\":\"RUNNING\"}"));
        cases.put("taskArn without region and account", withDetail.apply("{\"taskArn\":\"arn:aws:ecs:::task/prod/abc\",\"clusterArn\":\""
                + CLUSTER_ARN + "\",\"lastStatus\":\"RUNNING\"}"));
        cases.put("taskArn of another service", withDetail.apply("{\"taskArn\":\"arn:aws:ec2:eu-west-1:123456789012:instance/i-1\",\"clusterArn\":\""
                + CLUSTER_ARN + "\",\"lastStatus\":\"RUNNING\"}"));
        cases.put("taskArn not an ARN", withDetail.apply("{\"taskArn\":\"task-1\",\"clusterArn\":\"" + CLUSTER_ARN + "\",\"lastStatus\":\"RUNNING\"}"));
        cases.put("clusterArn missing", withDetail.apply("{\"taskArn\":\"" + TASK_ARN + "\",\"lastStatus\":\"RUNNING\"}"));
        cases.put("clusterArn of 10,000 characters", withDetail.apply("{\"taskArn\":\"" + TASK_ARN + "\",\"clusterArn\":\"arn:aws:ecs:eu-west-1:123456789012:cluster/"
                + LONG_NAME + "\",\"lastStatus\":\"RUNNING\"}"));
        cases.put("lastStatus missing", withDetail.apply("{\"taskArn\":\"" + TASK_ARN + "\",\"clusterArn\":\"" + CLUSTER_ARN + "\"}"));
        cases.put("lastStatus a number", withDetail.apply("{" + good.replace("\"RUNNING\"", "1") + "}"));
        cases.put("lastStatus PENDING", withDetail.apply("{" + good.replace("RUNNING", "PENDING") + "}"));
        cases.put("lastStatus unknown word", withDetail.apply("{" + good.replace("RUNNING", "EXPLODED") + "}"));
        cases.put("version a string", withDetail.apply("{" + good.replace("\"version\":3", "\"version\":\"three\"") + "}"));
        cases.put("version an object", withDetail.apply("{" + good.replace("\"version\":3", "\"version\":{}") + "}"));
        cases.put("null in attachments details", withDetail.apply("{" + good + ",\"attachments\":[{\"type\":\"eni\",\"details\":[null,{\"name\":null}]}]}"));
        cases.put("null attachment", withDetail.apply("{" + good + ",\"attachments\":[null]}"));
        cases.put("null container", withDetail.apply("{" + good + ",\"containers\":[null,{\"name\":null}]}"));
        cases.put("null managed agent", withDetail.apply("{" + good + ",\"containers\":[{\"name\":\"app\",\"managedAgents\":[null]}]}"));
        cases.put("attachments a string", withDetail.apply("{" + good + ",\"attachments\":\"eni\"}"));
        cases.put("containers an object", withDetail.apply("{" + good + ",\"containers\":{\"name\":\"app\"}}"));
        cases.put("null container override environment", withDetail.apply("{" + good
                + ",\"overrides\":{\"containerOverrides\":[null,{\"name\":\"app\",\"environment\":[null]}]}}"));
        cases.put("foreign region", withDetail.apply("{" + good.replace("eu-west-1", "ap-south-2") + "}"));
        cases.put("foreign partition", withDetail.apply("{" + good.replace("arn:aws:", "arn:aws-cn:") + "}"));
        cases.put("foreign account (ECS has no such task)", withDetail.apply("{" + good.replace("123456789012", "999999999999") + "}"));
        cases.put("task ECS does not have", withDetail.apply("{" + good + "}"));
        cases.put("injection-looking group", withDetail.apply("{" + good + ",\"group\":\"service:x; rm -rf / #$(id)`id`\"}"));
        cases.put("sql-looking taskArn", withDetail.apply("{\"taskArn\":\"" + TASK_ARN + "' OR 1=1 --\",\"clusterArn\":\"" + CLUSTER_ARN
                + "\",\"lastStatus\":\"RUNNING\"}"));
        cases.put("control characters in taskArn", withDetail.apply("{\"taskArn\":\"" + TASK_ARN + "\\u0000\\n\",\"clusterArn\":\"" + CLUSTER_ARN
                + "\",\"lastStatus\":\"RUNNING\"}"));
        cases.put("html in clusterArn", withDetail.apply("{\"taskArn\":\"" + TASK_ARN + "\",\"clusterArn\":\"<script>alert(1)</script>\",\"lastStatus\":\"RUNNING\"}"));
        cases.put("huge stoppedReason", withDetail.apply("{" + good.replace("RUNNING", "DEPROVISIONING") + ",\"stoppedReason\":\"" + "s".repeat(200_000) + "\"}"));
        cases.put("scheduled event", "{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"detail\":{}}");
        cases.put("service action event", "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"detail\":{\"eventName\":\"SERVICE_STEADY_STATE\"}}");
        cases.put("sqs event", "{\"Records\":[{\"body\":\"{}\"}]}");
        return cases;
    }

    private static Map<String, String> serviceEvents() {
        Map<String, String> cases = new LinkedHashMap<>(malformed());
        String serviceArn = "arn:aws:ecs:eu-west-1:123456789012:service/prod/payments-api";
        Function<String, String> deployment = resources -> "{\"id\":\"s1\",\"source\":\"aws.ecs\",\"detail-type\":\"ECS Deployment State Change\","
                + "\"resources\":" + resources + ",\"detail\":{\"eventName\":\"SERVICE_DEPLOYMENT_COMPLETED\",\"clusterArn\":\"" + CLUSTER_ARN + "\"}}";
        Function<String, String> cloudTrail = detail -> "{\"id\":\"c1\",\"source\":\"aws.ecs\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":"
                + detail + "}";
        cases.put("unknown source", "{\"source\":\"aws.s3\",\"detail-type\":\"ECS Service Action\",\"detail\":{}}");
        cases.put("unknown detail-type", "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\",\"detail\":{}}");
        cases.put("detail null", "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"detail\":null}");
        cases.put("detail an array", "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"detail\":[]}");
        cases.put("no eventName", "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"resources\":[\"" + serviceArn + "\"],\"detail\":{}}");
        cases.put("eventName a number", "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"resources\":[\"" + serviceArn
                + "\"],\"detail\":{\"eventName\":5}}");
        cases.put("no resources", deployment.apply("[]"));
        cases.put("resources null", deployment.apply("null"));
        cases.put("resources a string", deployment.apply("\"" + serviceArn + "\""));
        cases.put("resource not a service", deployment.apply("[\"" + CLUSTER_ARN + "\"]"));
        cases.put("resource not an ARN", deployment.apply("[\"payments-api\"]"));
        cases.put("resource with 10,000-character cluster", deployment.apply("[\"arn:aws:ecs:eu-west-1:123456789012:service/" + LONG_NAME + "/x\"]"));
        cases.put("resource with 10,000-character service", deployment.apply("[\"arn:aws:ecs:eu-west-1:123456789012:service/prod/" + LONG_NAME + "\"]"));
        cases.put("service name with shell metacharacters", deployment.apply("[\"arn:aws:ecs:eu-west-1:123456789012:service/prod/a;rm -rf\"]"));
        cases.put("foreign region", deployment.apply("[\"" + serviceArn.replace("eu-west-1", "us-west-2") + "\"]"));
        cases.put("cluster without region", deployment.apply("[\"arn:aws:ecs::123456789012:service/prod/payments-api\"]"));
        cases.put("deployment in progress", "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Deployment State Change\",\"resources\":[\"" + serviceArn
                + "\"],\"detail\":{\"eventName\":\"SERVICE_DEPLOYMENT_IN_PROGRESS\"}}");
        cases.put("cloudtrail from another source", cloudTrail.apply("{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"PutObject\"}"));
        cases.put("cloudtrail other ecs call", cloudTrail.apply("{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":\"RunTask\"}"));
        cases.put("cloudtrail failed call", cloudTrail.apply("{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":\"UpdateService\",\"errorCode\":\"AccessDenied\"}"));
        cases.put("cloudtrail no service", cloudTrail.apply("{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":\"UpdateService\",\"requestParameters\":{}}"));
        cases.put("cloudtrail requestParameters a string", cloudTrail.apply("{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":\"UpdateService\",\"requestParameters\":\"x\"}"));
        cases.put("cloudtrail 10,000-character cluster name", cloudTrail.apply("{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":\"UpdateService\","
                + "\"requestParameters\":{\"cluster\":\"" + LONG_NAME + "\",\"service\":\"payments-api\"}}"));
        cases.put("cloudtrail cluster with control characters", cloudTrail.apply("{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":\"UpdateService\","
                + "\"requestParameters\":{\"cluster\":\"prod\\u0000\\u001b\",\"service\":\"payments-api\"}}"));
        cases.put("cloudtrail injection-looking service", cloudTrail.apply("{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":\"CreateService\","
                + "\"requestParameters\":{\"cluster\":\"prod\",\"serviceName\":\"$(curl evil)\"}}"));
        cases.put("cloudtrail cluster that does not exist", cloudTrail.apply("{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":\"UpdateService\","
                + "\"requestParameters\":{\"cluster\":\"no-such-cluster\",\"service\":\"payments-api\"}}"));
        cases.put("cloudtrail service that does not exist", cloudTrail.apply("{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":\"UpdateService\","
                + "\"requestParameters\":{\"cluster\":\"" + CLUSTER_ARN + "\",\"service\":\"no-such-service\"}}"));
        cases.put("service event for a service that does not exist", deployment.apply("[\"arn:aws:ecs:eu-west-1:123456789012:service/prod/ghost\"]"));
        cases.put("cloudtrail eventName null", cloudTrail.apply("{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":null}"));
        cases.put("cloudtrail responseElements wrong type", cloudTrail.apply("{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":\"UpdateService\","
                + "\"responseElements\":{\"service\":[]}}"));
        cases.put("scheduled event", "{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"detail\":{}}");
        cases.put("html in detail-type", "{\"source\":\"aws.ecs\",\"detail-type\":\"<img src=x onerror=alert(1)>\",\"detail\":{}}");
        return cases;
    }

    private static Map<String, String> sweepMessages() {
        Map<String, String> cases = new LinkedHashMap<>(malformed());
        Function<String, String> record = body -> "{\"Records\":[{\"messageId\":\"m1\",\"body\":" + body + ",\"attributes\":{\"ApproximateReceiveCount\":\"1\"}}]}";
        cases.put("Records null", "{\"Records\":null}");
        cases.put("Records an object", "{\"Records\":{}}");
        cases.put("Records a string", "{\"Records\":\"x\"}");
        cases.put("no Records", "{\"source\":\"aws.events\"}");
        cases.put("a record that is null", "{\"Records\":[null]}");
        cases.put("a record that is a number", "{\"Records\":[5]}");
        cases.put("body missing", "{\"Records\":[{\"messageId\":\"m1\"}]}");
        cases.put("body null", record.apply("null"));
        cases.put("body a number", record.apply("7"));
        cases.put("body empty", record.apply("\"\""));
        cases.put("body not JSON", record.apply("\"cluster=prod\""));
        cases.put("body truncated JSON", record.apply("\"{\\\"cluster\\\":\""));
        cases.put("body with trailing garbage", record.apply("\"{\\\"cluster\\\":\\\"" + CLUSTER_ARN + "\\\"} x\""));
        cases.put("body an array", record.apply("\"[]\""));
        cases.put("cluster missing", record.apply("\"{}\""));
        cases.put("cluster a number", record.apply("\"{\\\"cluster\\\":3}\""));
        cases.put("cluster null", record.apply("\"{\\\"cluster\\\":null}\""));
        cases.put("cluster a name, not an ARN", record.apply("\"{\\\"cluster\\\":\\\"prod\\\"}\""));
        cases.put("cluster ARN without region", record.apply("\"{\\\"cluster\\\":\\\"arn:aws:ecs::123456789012:cluster/prod\\\"}\""));
        cases.put("cluster ARN without account", record.apply("\"{\\\"cluster\\\":\\\"arn:aws:ecs:eu-west-1::cluster/prod\\\"}\""));
        cases.put("cluster ARN of 10,000 characters", record.apply("\"{\\\"cluster\\\":\\\"arn:aws:ecs:eu-west-1:123456789012:cluster/" + LONG_NAME + "\\\"}\""));
        cases.put("service ARN instead of cluster", record.apply("\"{\\\"cluster\\\":\\\"arn:aws:ecs:eu-west-1:123456789012:service/prod/x\\\"}\""));
        cases.put("control characters in cluster", record.apply("\"{\\\"cluster\\\":\\\"arn:aws:ecs:eu-west-1:123456789012:cluster/p\\\\u0000\\\"}\""));
        cases.put("injection-looking cluster", record.apply("\"{\\\"cluster\\\":\\\"$(rm -rf /)\\\"}\""));
        cases.put("deeply nested body", record.apply("\"" + "[".repeat(3000) + "]".repeat(3000) + "\""));
        cases.put("body of six megabytes", record.apply("\"" + "y".repeat(6 * 1024 * 1024) + "\""));
        cases.put("eventbridge event instead", "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\",\"detail\":{}}");
        cases.put("deleted cluster", record.apply("\"{\\\"cluster\\\":\\\"arn:aws:ecs:eu-west-1:123456789012:cluster/deleted\\\"}\""));
        cases.put("empty Records", "{\"Records\":[]}");
        cases.put("messageId a number", "{\"Records\":[{\"messageId\":5,\"body\":\"{}\"}]}");
        cases.put("body an object, not a string", record.apply("{\"cluster\":\"" + CLUSTER_ARN + "\"}"));
        cases.put("cluster in another partition without account", record.apply("\"{\\\"cluster\\\":\\\"arn:aws-cn:ecs:cn-north-1::cluster/prod\\\"}\""));
        cases.put("html in cluster", record.apply("\"{\\\"cluster\\\":\\\"<b>prod</b>\\\"}\""));
        return cases;
    }

    private static Map<String, String> onDemandRequests() {
        Map<String, String> cases = new LinkedHashMap<>(malformed());
        cases.put("empty object", "{}");
        cases.put("cluster a number", "{\"cluster\":5}");
        cases.put("cluster null", "{\"cluster\":null}");
        cases.put("cluster an array", "{\"cluster\":[\"prod\"]}");
        cases.put("task a number", "{\"cluster\":\"prod\",\"task\":7}");
        cases.put("service an object", "{\"cluster\":\"prod\",\"service\":{}}");
        cases.put("task and service", "{\"cluster\":\"prod\",\"task\":\"a\",\"service\":\"b\"}");
        cases.put("publish a string", "{\"cluster\":\"prod\",\"publish\":\"yes\"}");
        cases.put("publish when turned off", "{\"cluster\":\"prod\",\"service\":\"payments-api\",\"publish\":true}");
        cases.put("blank cluster", "{\"cluster\":\"  \"}");
        cases.put("request over 256 KB, the largest EventBridge event", "{\"cluster\":\"" + "p".repeat(270_000) + "\"}");
        cases.put("eventbridge event", "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\",\"detail\":{}}");
        cases.put("sqs event", "{\"Records\":[{\"body\":\"{}\"}]}");
        cases.put("only publish", "{\"publish\":true}");
        cases.put("task without cluster", "{\"task\":\"abc\"}");
        cases.put("cluster true", "{\"cluster\":true}");
        cases.put("task blank", "{\"cluster\":\"prod\",\"task\":\" \"}");
        cases.put("service a number", "{\"cluster\":\"prod\",\"service\":1}");
        cases.put("service an array", "{\"cluster\":\"prod\",\"service\":[\"a\"]}");
        cases.put("publish null", "{\"cluster\":\"prod\",\"publish\":null}");
        cases.put("publish a number", "{\"cluster\":\"prod\",\"publish\":1}");
        cases.put("publish an object", "{\"cluster\":\"prod\",\"publish\":{}}");
        cases.put("publish true with a task", "{\"cluster\":\"prod\",\"task\":\"abc\",\"publish\":true}");
        cases.put("publish true for a cluster", "{\"cluster\":\"" + CLUSTER_ARN + "\",\"publish\":true}");
        cases.put("cluster with control characters and publish", "{\"cluster\":\"prod\\u0000\",\"publish\":true}");
        cases.put("injection-looking service and publish", "{\"cluster\":\"prod\",\"service\":\"$(id)\",\"publish\":true}");
        cases.put("task an object", "{\"cluster\":\"prod\",\"task\":{}}");
        cases.put("cluster blank with publish", "{\"cluster\":\"\",\"publish\":true}");
        cases.put("unknown fields only", "{\"clusters\":[\"prod\"],\"tasks\":[\"a\"]}");
        cases.put("cluster of 10,000 characters with publish", "{\"cluster\":\"" + LONG_NAME + "\",\"publish\":true}");
        cases.put("service of 10,000 characters with publish", "{\"cluster\":\"prod\",\"service\":\"" + LONG_NAME + "\",\"publish\":true}");
        cases.put("nested request", "{\"request\":{\"cluster\":\"prod\"}}");
        return cases;
    }
}
