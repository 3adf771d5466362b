package io.execready.functions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execready.harness.Invocation;
import io.execready.harness.LambdaFunction;
import io.execready.harness.LocalAws;
import io.execready.harness.LocalDynamoDb;
import io.execready.harness.SnsNotification;
import io.execready.state.StateTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The checker, run locally end to end: a local AWS emulator seeded with {@link DemoScenario}, DynamoDB
 * Local holding the state table as the template creates it, and a Lambda function process started
 * through the AWS Lambda Java runtime interface client, exactly as the java21 runtime starts it.
 * Shared by the end-to-end tests and the Quick-start demo.
 */
public final class LocalCheckerRun implements AutoCloseable {

    public static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(90);
    public static final String STATE_TABLE = "execready-state";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalAws aws;
    private final LocalDynamoDb dynamoDb;
    private final DemoScenario.Seeded seeded;
    /**
     * The sweep queue's visibility timeout here. The template's is 5,400 s (six times the worker's
     * timeout); one second lets a test see a failed message delivered again, and redriven, quickly.
     */
    public static final int SWEEP_VISIBILITY_TIMEOUT_SECONDS = 1;
    /** Deliveries of a sweep message before SQS moves it to the dead-letter queue, as in the template. */
    public static final int SWEEP_MAX_RECEIVE_COUNT = 3;

    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final String classpath;
    private final Set<String> calledOperations = new ConcurrentSkipListSet<>();
    private final SweepQueues sweepQueues;
    private final Map<String, String> extraEnvironment;
    private boolean closed;

    /** The sweep queue and its dead-letter queue, with the template's redrive policy. */
    public record SweepQueues(String queueUrl, String deadLetterQueueUrl) {
    }

    private LocalCheckerRun(LocalAws aws, LocalDynamoDb dynamoDb, DemoScenario.Seeded seeded, String classpath, SweepQueues sweepQueues,
                            Map<String, String> extraEnvironment) {
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.aws = aws;
        this.dynamoDb = dynamoDb;
        this.seeded = seeded;
        this.classpath = classpath;
        this.sweepQueues = sweepQueues;
    }

    /** Starts the emulators, seeds the demo account and creates the state table; functions start on first invocation. */
    public static LocalCheckerRun start(String classpath) {
        return start(classpath, Progress.silent());
    }

    /** {@link #start(String)}, telling {@code progress} about each step. */
    public static LocalCheckerRun start(String classpath, Progress progress) {
        return start(classpath, progress, Map.of(), Map.of());
    }

    /**
     * {@link #start(String, Progress)} with settings for the emulator's launcher (e.g. the local exec
     * agent's endpoint) and more environment for the functions (e.g. EXEC_PROBE_CLUSTERS).
     */
    public static LocalCheckerRun start(String classpath, Progress progress, Map<String, String> launcherSettings,
                                        Map<String, String> extraEnvironment) {
        LocalAws aws = progress.step("starting the local AWS emulator (moto) on 127.0.0.1", () -> LocalAws.start(launcherSettings));
        LocalDynamoDb dynamoDb = null;
        try {
            aws.applyToSystemProperties();
            dynamoDb = progress.step("starting DynamoDB Local and creating the state table", LocalCheckerRun::startStateTable);
            DemoScenario.Seeded seeded = progress.step("seeding the demo account (IAM roles, VPC, ECS cluster, services, queues)",
                    () -> DemoScenario.seed(aws));
            return new LocalCheckerRun(aws, dynamoDb, seeded, classpath, createSweepQueues(aws), extraEnvironment);
        } catch (RuntimeException e) {
            if (dynamoDb != null) {
                dynamoDb.close();
            }
            aws.close();
            throw e;
        }
    }

    private static LocalDynamoDb startStateTable() {
        LocalDynamoDb dynamoDb = LocalDynamoDb.start();
        try {
            dynamoDb.applyToSystemProperties();
            try (DynamoDbClient client = DynamoDbClient.builder().region(Region.of(LocalAws.REGION)).build()) {
                StateTable.create(client, STATE_TABLE);
            }
            return dynamoDb;
        } catch (RuntimeException e) {
            dynamoDb.close();
            throw e;
        }
    }

    private static SweepQueues createSweepQueues(LocalAws aws) {
        try (SqsClient sqs = SqsClient.builder().region(Region.of(aws.region())).build()) {
            String deadLetterUrl = sqs.createQueue(r -> r.queueName("execready-sweep-dlq")).queueUrl();
            String deadLetterArn = sqs.getQueueAttributes(r -> r.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String redrive = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"" + SWEEP_MAX_RECEIVE_COUNT + "\"}";
            String queueUrl = sqs.createQueue(r -> r.queueName("execready-sweep").attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(SWEEP_VISIBILITY_TIMEOUT_SECONDS),
                    QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
            return new SweepQueues(queueUrl, deadLetterUrl);
        }
    }

    public SweepQueues sweepQueues() {
        return sweepQueues;
    }

    public LocalAws aws() {
        return aws;
    }

    public LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    public DemoScenario.Seeded seeded() {
        return seeded;
    }

    /** The environment the template gives the functions, pointed at the emulator. */
    public Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(aws.clientEnvironment());
        env.putAll(dynamoDb.clientEnvironment());
        env.put("STATE_TABLE_NAME", STATE_TABLE);
        env.put("ALERT_TOPIC_ARN", seeded.alertTopicArn());
        env.put("SECURITY_HUB_ENABLED", "true");
        env.put("LOG_LEVEL", "INFO");
        env.put("SWEEP_QUEUE_URL", sweepQueues.queueUrl());
        // The template turns it off by default; these runs publish on demand to test it.
        env.put("ON_DEMAND_PUBLISHING", "true");
        env.putAll(extraEnvironment);
        return env;
    }

    /**
     * Invokes {@code handler} with a file from {@code events/}, starting its process on first use.
     * The sample events were captured in an account whose services had their own deployment ids;
     * a service task's {@code startedBy} is set to the emulator's PRIMARY deployment of that
     * service, as ECS would have sent it here.
     */
    public Invocation invoke(String handler, Path eventFile) {
        try {
            return invoke(handler, asDeliveredHere(Files.readString(eventFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event file " + eventFile, e);
        }
    }

    /**
     * The sample event as ECS would send it here: a service task started by the emulator's PRIMARY
     * deployment, and a RUNNING task that the emulator runs (with the event's task id, family,
     * group, starter and launch type): the functions confirm a task from ECS before publishing.
     */
    public String asDeliveredHere(String eventJson) throws IOException {
        if (!(JSON.readTree(eventJson) instanceof ObjectNode event) || !(event.get("detail") instanceof ObjectNode detail)) {
            return eventJson;
        }
        String group = detail.path("group").asText("");
        try (EcsClient ecs = EcsClient.builder().region(Region.of(aws.region())).build()) {
            if (group.startsWith("service:")) {
                String primary = ecs.describeServices(r -> r.cluster(detail.path("clusterArn").asText())
                                .services(group.substring("service:".length())))
                        .services().stream()
                        .flatMap(service -> service.deployments().stream())
                        .filter(deployment -> "PRIMARY".equals(deployment.status()))
                        .map(Deployment::id)
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("the emulator has no PRIMARY deployment for " + group));
                detail.put("startedBy", primary);
            }
            if ("RUNNING".equals(detail.path("lastStatus").asText())) {
                runAsTheEventSays(ecs, detail);
            }
        }
        return JSON.writeValueAsString(event);
    }

    /** Runs the event's task in the emulator, under the event's task id, unless it runs already. */
    private void runAsTheEventSays(EcsClient ecs, ObjectNode detail) {
        String taskArn = detail.path("taskArn").asText();
        String cluster = detail.path("clusterArn").asText();
        if (!ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().isEmpty()) {
            return;
        }
        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        String definition = detail.path("taskDefinitionArn").asText();
        String launchType = detail.path("launchType").asText("FARGATE");
        // Where the event says the task runs (an EC2 host, the ECS Anywhere host), not where moto would place it.
        String instanceArn = detail.path("containerInstanceArn").asText("");
        String instance = instanceArn.isEmpty() ? "" : "@" + instanceArn.substring(instanceArn.lastIndexOf('/') + 1);
        ecs.runTask(r -> {
            r.cluster(cluster).taskDefinition(definition.substring(definition.lastIndexOf('/') + 1))
                    .group(detail.path("group").asText(null)).startedBy(detail.path("startedBy").asText(null))
                    .launchType(launchType).enableExecuteCommand(detail.path("enableExecuteCommand").asBoolean(true)).count(1)
                    .clientToken("execready-task-id:" + taskId + instance);
            if (!"EC2".equals(launchType)) {
                r.networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(seeded.network().privateSubnetId())
                        .securityGroups(seeded.network().taskSecurityGroupId())));
            }
        });
    }

    /**
     * The response of an invocation that must have succeeded (else an AssertionError with the
     * function's logs); the AWS operations its log lines report are added to {@link #calledOperations()}.
     */
    public JsonNode responseOf(Invocation invocation) throws IOException {
        if (!invocation.succeeded()) {
            throw new AssertionError("invocation failed: " + invocation.errorType() + " " + invocation.errorMessage()
                    + System.lineSeparator() + "logs:" + System.lineSeparator() + String.join(System.lineSeparator(), invocation.logLines()));
        }
        for (String line : invocation.logLines()) {
            if (line.startsWith("{") && line.contains("\"awsCalls\"")) {
                JSON.readTree(line).get("awsCalls").fieldNames().forEachRemaining(calledOperations::add);
            }
        }
        return JSON.readTree(invocation.payload());
    }

    /** Every AWS operation ({@code Ecs:DescribeClusters}) the functions reported calling through {@link #responseOf}. */
    public Set<String> calledOperations() {
        return Collections.unmodifiableSet(calledOperations);
    }

    /** The findings about one subject, by its key ({@code CLUSTER_ARN|service:NAME} or {@code CLUSTER_ARN|GROUP}). */
    public List<AwsSecurityFinding> findingsOfSubject(String subjectKey) {
        return findings().stream()
                .filter(f -> f.productFields().getOrDefault("execready/Subject", "").equals(subjectKey))
                .toList();
    }

    public Invocation invoke(String handler, String eventJson) {
        LambdaFunction function = functions.computeIfAbsent(handler,
                h -> LambdaFunction.start(h, classpath, functionEnvironment()));
        return function.invoke(eventJson, INVOKE_TIMEOUT);
    }

    /** Every finding the emulator's Security Hub holds. */
    public List<AwsSecurityFinding> findings() {
        try (SecurityHubClient securityHub = SecurityHubClient.builder().region(Region.of(aws.region())).build()) {
            return securityHub.getFindingsPaginator(r -> r.maxResults(100)).findings().stream().toList();
        }
    }

    /** Every SNS message the emulator delivered. */
    public List<SnsNotification> alerts() {
        return aws.sentNotifications();
    }

    /** The repository's {@code events/} folder, from the module directory Maven runs in or the root. */
    public static Path eventsDirectory() {
        for (Path candidate : List.of(Path.of("events"), Path.of("..", "events"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("events/ not found from " + Path.of("").toAbsolutePath());
    }

    /** Stops the functions and both emulators and deletes their files; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            functions.values().forEach(LambdaFunction::close);
        } finally {
            try {
                dynamoDb.close();
            } finally {
                aws.close();
            }
        }
    }
}
