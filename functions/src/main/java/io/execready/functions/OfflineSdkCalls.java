package io.execready.functions;

import io.execready.aws.ReadThreads;
import io.execready.aws.AwsCallLimits;
import io.execready.aws.AwsClients;
import io.execready.aws.ReadCache;
import io.execready.aws.SdkEc2Gateway;
import io.execready.aws.SdkEcsGateway;
import io.execready.aws.SdkIamGateway;
import io.execready.aws.SdkReadSource;
import io.execready.evaluation.TaskSnapshotLoader;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.TaskSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * One request of every operation the functions send, made through SDK clients whose HTTP client
 * answers every request itself with an empty success, so nothing leaves the process: no AWS call,
 * no credential lookup (each request carries fixed placeholder credentials) and no DNS. What this
 * warms is the SDK's own first-call work: each service's endpoint rules, request marshallers,
 * signer, interceptors and response unmarshallers, which a first event otherwise loads and links.
 */
final class OfflineSdkCalls {

    static final String ACCOUNT = "123456789012";
    private static final StaticCredentialsProvider PLACEHOLDER_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMINGPLACEHOLDER", "priming-placeholder-secret"));

    private OfflineSdkCalls() {
    }

    /** What the offline calls came to: the operations answered, and those whose canned answer the SDK refused. */
    record Outcome(List<String> answered, List<String> refused) {
        Outcome {
            answered = List.copyOf(answered);
            refused = List.copyOf(refused);
        }
    }

    /** One request of each operation, answered in-process. */
    static Outcome run(Region region) {
        AwsClients clients = offline(region);
        String partitionArn = "arn:aws";
        String cluster = partitionArn + ":ecs:" + region.id() + ":" + ACCOUNT + ":cluster/priming";
        String role = partitionArn + ":iam::" + ACCOUNT + ":role/priming";
        String topic = partitionArn + ":sns:" + region.id() + ":" + ACCOUNT + ":priming";
        Calls calls = new Calls();
        calls.attempt("ecs:DescribeTasks", () -> clients.ecs().describeTasks(r -> r.cluster(cluster).tasks("priming")));
        calls.attempt("ecs:DescribeTaskDefinition", () -> clients.ecs().describeTaskDefinition(r -> r.taskDefinition("priming:1")));
        calls.attempt("ecs:DescribeClusters", () -> clients.ecs().describeClusters(r -> r.clusters(cluster)));
        calls.attempt("ecs:DescribeServices", () -> clients.ecs().describeServices(r -> r.cluster(cluster).services("priming")));
        calls.attempt("ecs:ListTasks", () -> clients.ecs().listTasks(r -> r.cluster(cluster)));
        calls.attempt("ecs:ListTagsForResource", () -> clients.ecs().listTagsForResource(r -> r.resourceArn(cluster)));
        calls.attempt("ecs:DescribeContainerInstances", () -> clients.ecs().describeContainerInstances(r -> r.cluster(cluster)
                .containerInstances("priming")));
        calls.attempt("ec2:DescribeNetworkInterfaces", () -> clients.ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-0")));
        calls.attempt("ec2:DescribeSubnets", () -> clients.ec2().describeSubnets(r -> r.subnetIds("subnet-0")));
        calls.attempt("ec2:DescribeRouteTables", () -> clients.ec2().describeRouteTables(r -> r.routeTableIds("rtb-0")));
        calls.attempt("ec2:DescribeVpcEndpoints", () -> clients.ec2().describeVpcEndpoints(r -> r.vpcEndpointIds("vpce-0")));
        calls.attempt("ec2:DescribeSecurityGroups", () -> clients.ec2().describeSecurityGroups(r -> r.groupIds("sg-0")));
        calls.attempt("ec2:DescribeNetworkAcls", () -> clients.ec2().describeNetworkAcls(r -> r.networkAclIds("acl-0")));
        calls.attempt("ec2:DescribeInstances", () -> clients.ec2().describeInstances(r -> r.instanceIds("i-0")));
        calls.attempt("ec2:DescribeVpcAttribute", () -> clients.ec2().describeVpcAttribute(r -> r.vpcId("vpc-0")
                .attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)));
        calls.attempt("iam:SimulatePrincipalPolicy", () -> clients.iam().simulatePrincipalPolicy(r -> r.policySourceArn(role)
                .actionNames("ssmmessages:CreateControlChannel")));
        calls.attempt("iam:GetInstanceProfile", () -> clients.iam().getInstanceProfile(r -> r.instanceProfileName("priming")));
        calls.attempt("kms:DescribeKey", () -> clients.kms().describeKey(r -> r.keyId("alias/priming")));
        calls.attempt("kms:GetKeyPolicy", () -> clients.kms().getKeyPolicy(r -> r.keyId("alias/priming").policyName("default")));
        calls.attempt("logs:DescribeLogGroups", () -> clients.logs().describeLogGroups(r -> r.logGroupNamePrefix("/priming")));
        calls.attempt("s3:GetBucketPolicy", () -> clients.s3().getBucketPolicy(r -> r.bucket("priming")));
        AttributeValue key = AttributeValue.fromS("priming");
        calls.attempt("dynamodb:GetItem", () -> clients.dynamoDb().getItem(r -> r.tableName("priming").key(Map.of("pk", key))
                .consistentRead(true)));
        calls.attempt("dynamodb:Query", () -> clients.dynamoDb().query(r -> r.tableName("priming").keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", key))));
        calls.attempt("dynamodb:UpdateItem", () -> clients.dynamoDb().updateItem(r -> r.tableName("priming").key(Map.of("pk", key))
                .updateExpression("SET v = :pk").expressionAttributeValues(Map.of(":pk", key))));
        calls.attempt("dynamodb:TransactWriteItems", () -> clients.dynamoDb().transactWriteItems(r -> r.transactItems(item -> item
                .put(put -> put.tableName("priming").item(Map.of("pk", key))))));
        calls.attempt("dynamodb:BatchWriteItem", () -> clients.dynamoDb().batchWriteItem(r -> r.requestItems(Map.of("priming",
                List.of(WriteRequest.builder()
                        .putRequest(put -> put.item(Map.of("pk", key))).build())))));
        calls.attempt("securityhub:BatchImportFindings", () -> clients.securityHub().batchImportFindings(r -> r.findings(List.of())));
        calls.attempt("sns:Publish", () -> clients.sns().publish(r -> r.topicArn(topic).message("priming")));
        return new Outcome(calls.answered, calls.refused);
    }

    /**
     * The sample task's snapshot as the real loader gathers it, through the real gateways over
     * offline clients: the bundled answers become its facts, so the loader's reads, the gateways'
     * mapping and the checks' paths over present facts run as on a first event.
     */
    static TaskSnapshot loadSnapshot(Region region, EcsTask task, List<String> operatorPrincipalArns) {
        AwsClients clients = offline(region);
        ReadCache cache = new ReadCache();
        try (ExecutorService executor = ReadThreads.pool()) {
            return new TaskSnapshotLoader(new SdkEcsGateway(clients.ecs(), cache), new SdkIamGateway(clients.iam(), cache),
                    new SdkEc2Gateway(clients.ec2(), cache), new SdkReadSource(clients, cache), operatorPrincipalArns, executor)
                    .load(task);
        }
    }

    /**
     * SDK clients that never leave the process: the canned HTTP client, and placeholder credentials
     * so that no credential provider is asked (in Lambda it would fetch the function's credentials).
     */
    static AwsClients offline(Region region) {
        return new AwsClients(region, AwsCallLimits.DEFAULT, new CannedHttpClient(), PLACEHOLDER_CREDENTIALS);
    }

    private static final class Calls {
        private final List<String> answered = new ArrayList<>();
        private final List<String> refused = new ArrayList<>();

        void attempt(String operation, Runnable call) {
            try {
                call.run();
                answered.add(operation);
            } catch (RuntimeException refusedAnswer) {
                // The classes of the request's way out are loaded either way; the report names it.
                refused.add(operation + ": " + refusedAnswer.getClass().getSimpleName());
            }
        }
    }

    /**
     * Answers every request with HTTP 200 in the request's own protocol: the bundled answer of its
     * operation ({@code priming/OPERATION.json} or {@code .xml}, shaped like AWS's, so the SDK builds
     * the nested model objects a real answer has), else an empty result: an empty XML result element
     * for the query protocol (EC2, IAM, SNS), an empty JSON object otherwise.
     */
    static final class CannedHttpClient implements SdkHttpClient {

        private static final Pattern QUERY_ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    return answer(request);
                }

                @Override
                public void abort() {
                    // Answered in place: nothing to abort.
                }
            };
        }

        @Override
        public String clientName() {
            return "ExecReadyPriming";
        }

        @Override
        public void close() {
            // Holds nothing.
        }

        private static HttpExecuteResponse answer(HttpExecuteRequest request) throws IOException {
            Optional<String> queryAction = queryAction(request);
            Optional<String> jsonOperation = request.httpRequest().firstMatchingHeader("X-Amz-Target")
                    .map(target -> target.substring(target.lastIndexOf('.') + 1));
            String body = queryAction.map(action -> bundled(action + ".xml").orElse("<" + action + "Response><" + action
                            + "Result/><ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></" + action + "Response>"))
                    .orElseGet(() -> jsonOperation.flatMap(operation -> bundled(operation + ".json")).orElse("{}"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            SdkHttpResponse response = SdkHttpResponse.builder()
                    .statusCode(200)
                    .putHeader("Content-Type", queryAction.isPresent() ? "text/xml" : "application/x-amz-json-1.1")
                    .putHeader("Content-Length", Integer.toString(bytes.length))
                    .putHeader("x-amzn-RequestId", "priming")
                    .build();
            return HttpExecuteResponse.builder()
                    .response(response)
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                    .build();
        }

        private static Optional<String> bundled(String file) {
            try (InputStream in = OfflineSdkCalls.class.getResourceAsStream("priming/" + file)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled priming answer " + file, e);
            }
        }

        private static Optional<String> queryAction(HttpExecuteRequest request) throws IOException {
            Optional<ContentStreamProvider> content = request.contentStreamProvider();
            if (content.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream in = content.get().newStream()) {
                Matcher action = QUERY_ACTION.matcher(URLDecoder.decode(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8));
                return action.find() ? Optional.of(action.group(1)) : Optional.empty();
            }
        }
    }
}
