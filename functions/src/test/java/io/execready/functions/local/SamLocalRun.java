package io.execready.functions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Runs every function of the built template through the AWS SAM CLI in Docker containers, against
 * the demo account in the local emulators, and asserts what each invocation did: its response, and
 * what reached Security Hub, SNS, SQS and the state table, as the runtime-client end-to-end tests
 * assert. Started by {@code scripts/sam-local}, which provides the Docker engine, the Lambda base
 * image, the built template and a Docker network; see the README section "sam local invoke".
 *
 * <p>The functions reach the emulators at the addresses the env-vars file gives them: host names
 * mapped to the network's gateway ({@code --add-host}), where a {@link GatewayRelay} passes the
 * connections on to the emulators on 127.0.0.1. Every scenario starts from a freshly seeded demo
 * account, as each end-to-end test class does.
 */
public final class SamLocalRun implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENDPOINT_PROPERTY = Pattern.compile("-Daws\\.(endpointUrl|endpointUrlDynamoDb)=http://([^:\\s]+):(\\d+)");
    private static final Duration START_LAMBDA_TIMEOUT = Duration.ofSeconds(90);
    private static final String ON_DEMAND = "OnDemandCheckFunction";

    private final SamLocal sam;
    private final Path awsCli;
    private final Path eventsDirectory;
    private final Path workDirectory;
    private final JsonNode envVars;
    private final GatewayRelay awsRelay;
    private final GatewayRelay dynamoDbRelay;
    private LocalCheckerRun run;
    private int startLambdaInvocations;

    private SamLocalRun(SamLocal sam, Path awsCli, Path workDirectory, JsonNode envVars, GatewayRelay awsRelay, GatewayRelay dynamoDbRelay) {
        this.sam = sam;
        this.awsCli = awsCli;
        this.eventsDirectory = LocalCheckerRun.eventsDirectory();
        this.workDirectory = workDirectory;
        this.envVars = envVars;
        this.awsRelay = awsRelay;
        this.dynamoDbRelay = dynamoDbRelay;
    }

    /**
     * Arguments: the SAM CLI, the AWS CLI, the built template, the env-vars file, the Docker network,
     * its gateway address, a work directory for SAM's output, and optionally {@code serve}: seed the
     * demo account, print how to invoke the functions by hand, and keep the emulators up until stopped.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 7 && !(args.length == 8 && args[7].equals("serve"))) {
            System.err.println("usage: SamLocalRun SAM_CLI AWS_CLI BUILT_TEMPLATE ENV_VARS_FILE DOCKER_NETWORK GATEWAY_ADDRESS WORK_DIRECTORY [serve]");
            System.exit(2);
        }
        boolean serve = args.length == 8;
        Path envVarsFile = Path.of(args[3]);
        JsonNode envVars = JSON.readTree(envVarsFile.toFile());
        InetAddress gateway = InetAddress.getByName(args[5]);
        Map<String, Endpoint> endpoints = endpointsOf(envVars);
        Endpoint aws = endpoints.get("endpointUrl");
        Endpoint dynamoDb = endpoints.get("endpointUrlDynamoDb");
        List<String> hostMappings = List.of(aws.host() + ":" + gateway.getHostAddress(), dynamoDb.host() + ":" + gateway.getHostAddress());
        SamLocal sam = new SamLocal(Path.of(args[0]), Path.of(args[2]), envVarsFile, args[4], hostMappings, Path.of(args[6]),
                "http://" + gateway.getHostAddress() + ":" + aws.port());

        boolean passed = false;
        try (GatewayRelay awsRelay = GatewayRelay.listen(gateway, aws.port());
             GatewayRelay dynamoDbRelay = GatewayRelay.listen(gateway, dynamoDb.port());
             SamLocalRun samLocalRun = new SamLocalRun(sam, Path.of(args[1]), Path.of(args[6]), envVars, awsRelay, dynamoDbRelay)) {
            // Ctrl-C stops the JVM: the emulators it started go with it.
            Runtime.getRuntime().addShutdownHook(new Thread(samLocalRun::close));
            if (serve) {
                samLocalRun.serve(args, hostMappings);
            }
            samLocalRun.serviceEvents();
            samLocalRun.taskEvents();
            samLocalRun.onDemandRequests();
            samLocalRun.sweeps();
            passed = true;
            samLocalRun.printSummary();
        } catch (AssertionError | RuntimeException e) {
            System.err.println("sam local: FAILED: " + e.getMessage());
            e.printStackTrace(System.err);
        }
        System.exit(passed ? 0 : 1);
    }

    /** Where the env-vars file's JAVA_TOOL_OPTIONS point the AWS SDK: {@code aws.endpointUrl} and {@code aws.endpointUrlDynamoDb}. */
    record Endpoint(String host, int port) {
    }

    private static Map<String, Endpoint> endpointsOf(JsonNode envVars) {
        String toolOptions = envVars.path("Parameters").path("JAVA_TOOL_OPTIONS").asText("");
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        Matcher matcher = ENDPOINT_PROPERTY.matcher(toolOptions);
        while (matcher.find()) {
            endpoints.put(matcher.group(1), new Endpoint(matcher.group(2), Integer.parseInt(matcher.group(3))));
        }
        assertThat(endpoints).as("-Daws.endpointUrl and -Daws.endpointUrlDynamoDb in the env-vars file's JAVA_TOOL_OPTIONS: %s", toolOptions)
                .containsOnlyKeys("endpointUrl", "endpointUrlDynamoDb");
        return endpoints;
    }

    // ---- scenarios -------------------------------------------------------------------------------

    /** ServiceChangeFunction with the service events, before any task ran (ServiceChangeEndToEndTest). */
    private void serviceEvents() {
        freshAccount();
        String function = "ServiceChangeFunction";

        JsonNode completed = invoke(function, "deployment-completed.json");
        assertThat(completed.get("outcome").asText()).as(completed.toPrettyString()).isEqualTo("EVALUATED");
        assertThat(complianceOfService(DemoScenario.READY_SERVICE))
                .containsEntry("service-exec-enabled", "PASSED")
                .containsEntry("service-tasks-current", "PASSED")
                .containsEntry("task-role-ssmmessages", "PASSED")
                .containsEntry("ssm-reachable", "PASSED");
        // A WARN is FAILED too in Security Hub (with LOW or MEDIUM severity): no check of a ready service FAILs.
        assertThat(verdictsOfService(DemoScenario.READY_SERVICE)).doesNotContainValue("FAIL");
        assertThat(run.alerts()).isEmpty();
        assertThat(stateKeys()).as("state table").contains("subject#" + DemoScenario.CLUSTER_ARN + "|service:" + DemoScenario.READY_SERVICE);

        JsonNode steady = invoke(function, "service-action-steady-state.json");
        assertThat(steady.get("outcome").asText()).as("right after an evaluation, from the state table").isEqualTo("DEBOUNCED");

        JsonNode updated = invoke(function, "cloudtrail-update-service.json");
        assertThat(updated.get("outcome").asText()).as(updated.toPrettyString()).isEqualTo("EVALUATED");
        assertThat(complianceOfService(DemoScenario.BROKEN_SERVICE))
                .containsEntry("task-role-ssmmessages", "FAILED")
                .containsEntry("writable-root-filesystem", "FAILED")
                .containsEntry("service-exec-enabled", "PASSED");
        assertThat(run.alerts()).hasSize(1);
        assertThat(run.alerts().getFirst().message()).contains(DemoScenario.BROKEN_SERVICE);

        try (EcsClient ecs = EcsClient.builder().region(region()).build()) {
            ecs.updateService(r -> r.cluster(DemoScenario.CLUSTER).service(DemoScenario.READY_SERVICE).enableExecuteCommand(false));
        }
        JsonNode created = invoke(function, "cloudtrail-create-service.json");
        assertThat(created.get("outcome").asText()).as(created.toPrettyString()).isEqualTo("EVALUATED");
        assertThat(complianceOfService(DemoScenario.READY_SERVICE)).containsEntry("service-exec-enabled", "FAILED");

        JsonNode deleted = invoke(function, "cloudtrail-delete-service.json");
        assertThat(deleted.get("outcome").asText()).as(deleted.toPrettyString()).isEqualTo("ARCHIVED");
        assertThat(findingsOfService(DemoScenario.BROKEN_SERVICE)).isNotEmpty()
                .allSatisfy(f -> assertThat(f.recordStateAsString()).isEqualTo("ARCHIVED"));
        // With ECS Exec off, service-tasks-current no longer applies: its earlier finding is archived (NOT_APPLICABLE is not a finding).
        assertThat(findingsOfService(DemoScenario.READY_SERVICE)).isNotEmpty()
                .allSatisfy(f -> assertThat(f.recordStateAsString())
                        .isEqualTo(f.generatorId().equals("service-tasks-current") ? "ARCHIVED" : "ACTIVE"));
    }

    /** TaskStateChangeFunction with the task events (TaskStateChangeEndToEndTest). */
    private void taskEvents() {
        freshAccount();
        String function = "TaskStateChangeFunction";

        JsonNode ready = evaluatedReport(invoke(function, "task-running-exec-ready.json"));
        assertThat(ready.get("execReady").asBoolean()).as(ready.toPrettyString()).isTrue();
        assertThat(ready.get("connectCommands").get(0).asText())
                .isEqualTo("aws ecs execute-command --cluster execready-demo --task 5c3a4e8f2a9d4b7c8e1f0a2b3c4d5e6f"
                        + " --container web --interactive --command /bin/sh");
        assertThat(statusOf(ready, "task-role-ssmmessages")).isEqualTo("PASS");
        assertThat(statusOf(ready, "ssm-reachable")).isEqualTo("PASS");
        assertThat(complianceOfService(DemoScenario.READY_SERVICE)).containsEntry("exec-enabled", "PASSED")
                .containsEntry("managed-agent-running", "PASSED");
        assertThat(verdictsOfService(DemoScenario.READY_SERVICE)).doesNotContainValue("FAIL");
        assertThat(run.alerts()).isEmpty();

        JsonNode notReady = evaluatedReport(invoke(function, "task-running-not-ready.json"));
        assertThat(notReady.get("execReady").asBoolean()).isFalse();
        assertThat(complianceOfService(DemoScenario.BROKEN_SERVICE)).containsEntry("task-role-ssmmessages", "FAILED")
                .containsEntry("writable-root-filesystem", "FAILED").containsEntry("exec-enabled", "PASSED");
        AwsSecurityFinding ssm = findingsOfService(DemoScenario.BROKEN_SERVICE).stream()
                .filter(f -> f.generatorId().equals("task-role-ssmmessages")).findFirst().orElseThrow();
        assertThat(ssm.description()).contains("ssmmessages:CreateControlChannel", DemoScenario.BROKEN_ROLE);
        assertThat(ssm.findingProviderFields().severity().labelAsString()).isEqualTo("HIGH");
        assertThat(run.alerts()).hasSize(1);
        assertThat(run.alerts().getFirst().subject()).contains(DemoScenario.BROKEN_SERVICE);
        assertThat(run.alerts().getFirst().message()).contains("task-role-ssmmessages", "writable-root-filesystem", ssm.id());
        assertThat(stateKeys()).as("state table: the event version of each task").anyMatch(key -> key.startsWith("task#"));

        JsonNode bridge = evaluatedReport(invoke(function, "task-running-ec2-bridge.json"));
        assertThat(statusOf(bridge, "ssm-reachable")).isEqualTo("PASS");
        assertThat(statusOf(bridge, "task-role-present")).isEqualTo("PASS");
        assertThat(statusOf(bridge, "agent-version")).isEqualTo("PASS");
        assertThat(bridge.get("execReady").asBoolean()).isTrue();
        assertThat(complianceOfService(DemoScenario.EC2_SERVICE)).containsEntry("ssm-reachable", "PASSED");

        JsonNode anywhere = evaluatedReport(invoke(function, "task-running-ecs-anywhere.json"));
        assertThat(statusOf(anywhere, "ssm-reachable")).isEqualTo("NOT_APPLICABLE");
        assertThat(statusOf(anywhere, "launch-type-supported")).isEqualTo("PASS");
        assertThat(anywhere.get("execReady").asBoolean()).isTrue();
        assertThat(complianceOf(DemoScenario.CLUSTER_ARN + "|family:" + DemoScenario.EXTERNAL_FAMILY))
                .containsEntry("launch-type-supported", "PASSED");
        assertThat(run.alerts()).hasSize(1);

        List<String> updatedBefore = run.findings().stream().map(AwsSecurityFinding::updatedAt).sorted().toList();
        // Every sam local invoke is a fresh environment, which does not know the events its
        // predecessors marked: it evaluates the duplicate again (no read of the marks before
        // evaluating, which would cost every new task a request), finds nothing changed and
        // publishes nothing: the findings keep their update time and no second alert goes out.
        JsonNode again = invoke(function, "task-running-not-ready.json");
        assertThat(again.get("outcome").asText()).as("the same event again, in a fresh environment").isEqualTo("EVALUATED");
        assertThat(run.findings().stream().map(AwsSecurityFinding::updatedAt).sorted().toList()).isEqualTo(updatedBefore);
        assertThat(run.alerts()).hasSize(1);

        try (EcsClient ecs = EcsClient.builder().region(region()).build()) {
            ecs.deleteService(r -> r.cluster(DemoScenario.CLUSTER).service(DemoScenario.BROKEN_SERVICE).force(true));
        }
        JsonNode stopped = invoke(function, "task-stopped.json");
        assertThat(stopped.get("outcome").asText()).as(stopped.toPrettyString()).isEqualTo("ARCHIVED");
        assertThat(findingsOfService(DemoScenario.BROKEN_SERVICE)).isNotEmpty()
                .allSatisfy(f -> assertThat(f.recordStateAsString()).isEqualTo("ARCHIVED"));
        assertThat(findingsOfService(DemoScenario.READY_SERVICE)).isNotEmpty()
                .allSatisfy(f -> assertThat(f.recordStateAsString()).isEqualTo("ACTIVE"));
        assertThat(run.alerts()).hasSize(1);
    }

    /**
     * OnDemandCheckFunction with the request files (OnDemandCheckEndToEndTest), then served by
     * {@code sam local start-lambda} and invoked through the AWS CLI's Lambda API.
     */
    private void onDemandRequests() throws IOException {
        freshAccount();
        DemoScenario.runServiceTask(region(), run.seeded(), DemoScenario.READY_SERVICE);
        DemoScenario.runServiceTask(region(), run.seeded(), DemoScenario.READY_SERVICE);
        String brokenTask = DemoScenario.runServiceTask(region(), run.seeded(), DemoScenario.BROKEN_SERVICE);

        JsonNode service = invoke(ON_DEMAND, "on-demand-service.json");
        assertThat(service.get("outcome").asText()).isEqualTo("EVALUATED");
        assertThat(service.get("serviceReport").get("subject").asText()).isEqualTo("service web in cluster execready-demo");
        assertThat(service.get("tasksEvaluated").asInt()).isEqualTo(2);
        assertThat(service.get("execReady").asInt()).isEqualTo(2);

        JsonNode cluster = invoke(ON_DEMAND, "on-demand-cluster.json");
        assertThat(cluster.get("tasksEvaluated").asInt()).isEqualTo(3);
        assertThat(cluster.get("notReady").asInt()).isEqualTo(1);
        assertThat(cluster.get("published").asBoolean()).isFalse();
        assertThat(run.findings()).as("publish false: nothing reaches Security Hub").isEmpty();
        assertThat(run.alerts()).isEmpty();

        JsonNode missing = invoke(ON_DEMAND, "on-demand-task.json");
        assertThat(missing.get("tasksEvaluated").asInt()).isZero();
        assertThat(missing.get("notEvaluated").get(0).asText()).contains("0f0e0d0c0b0a49089f8e7d6c5b4a3921", "not found");

        Path publishRequest = workDirectory.resolve("on-demand-publish.json");
        Files.writeString(publishRequest, "{\"cluster\":\"" + DemoScenario.CLUSTER_ARN + "\",\"task\":\"" + brokenTask + "\",\"publish\":true}");
        List<JsonNode> served = throughStartLambda(List.of(eventsDirectory.resolve("on-demand-service.json"), publishRequest));
        assertThat(served.get(0).get("tasksEvaluated").asInt()).isEqualTo(2);
        assertThat(served.get(1).get("tasksEvaluated").asInt()).isEqualTo(1);
        assertThat(run.findings()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.productFields().get("execready/Subject")).endsWith("|service:" + DemoScenario.BROKEN_SERVICE));
        assertThat(run.alerts()).hasSize(1);

        // Security Hub's "Re-check ECS Exec" custom action, as its rule delivers it: the selected findings' subjects again.
        JsonNode rechecked = invoke(ON_DEMAND, "securityhub-recheck.json");
        assertThat(rechecked.get("outcome").asText()).as(rechecked.toPrettyString()).isEqualTo("RECHECKED");
        assertThat(rechecked.get("subjects")).singleElement().satisfies(subject -> {
            assertThat(subject.get("service").asText()).isEqualTo(DemoScenario.BROKEN_SERVICE);
            assertThat(subject.get("published").asBoolean()).isTrue();
        });
        assertThat(run.alerts()).as("the same broken service: no second alert").hasSize(1);
    }

    /** SweepFunction and SweepClusterFunction (SweepEndToEndTest): the schedule queues the cluster, the worker sweeps it. */
    private void sweeps() {
        freshAccount();
        DemoScenario.runServiceTask(region(), run.seeded(), DemoScenario.READY_SERVICE);
        DemoScenario.runServiceTask(region(), run.seeded(), DemoScenario.BROKEN_SERVICE);

        JsonNode dispatched = invoke("SweepFunction", "scheduled-sweep.json");
        assertThat(dispatched.get("outcome").asText()).as(dispatched.toPrettyString()).isEqualTo("DISPATCHED");
        assertThat(dispatched.get("clusters").asInt()).isEqualTo(1);
        assertThat(takeSweepMessages()).containsExactly("{\"cluster\":\"" + DemoScenario.CLUSTER_ARN + "\"}");

        JsonNode swept = invoke("SweepClusterFunction", "sweep-cluster-message.json");
        assertThat(swept.get("batchItemFailures")).as(swept.toPrettyString()).isEmpty();
        assertThat(complianceOfService(DemoScenario.BROKEN_SERVICE)).containsEntry("task-role-ssmmessages", "FAILED");
        assertThat(complianceOfService(DemoScenario.READY_SERVICE)).containsEntry("task-role-ssmmessages", "PASSED");
        assertThat(run.alerts()).hasSize(1);
        assertThat(stateKeys()).as("state table: the subjects the sweep evaluated")
                .contains("subject#" + DemoScenario.CLUSTER_ARN + "|service:" + DemoScenario.BROKEN_SERVICE);

        JsonNode iamChange = invoke("SweepFunction", "cloudtrail-iam-put-role-policy.json");
        assertThat(iamChange.get("outcome").asText()).as(iamChange.toPrettyString()).isEqualTo("DISPATCHED");
        assertThat(takeSweepMessages()).hasSize(1);
    }

    /** Seeds the demo account and keeps it up for invocations by hand, until the process is stopped. */
    private void serve(String[] args, List<String> hostMappings) throws IOException, InterruptedException {
        freshAccount();
        Path events = workDirectory.resolve("events");
        Files.createDirectories(events);
        try (var files = Files.list(eventsDirectory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Files.writeString(events.resolve(file.getFileName()), run.asDeliveredHere(Files.readString(file)));
            }
        }
        String docker = System.getenv("DOCKER_HOST");
        String addHosts = hostMappings.stream().map(mapping -> " --add-host " + mapping).collect(Collectors.joining());
        System.out.printf("""

                The demo account is up (moto at %s, DynamoDB Local at %s), reached from Docker network %s.
                The sample events, with service tasks started by the emulator's deployments, are in %s.
                In another shell, from the repository root:

                  export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_ENDPOINT_URL=%s%s
                  sam local invoke TaskStateChangeFunction -t %s -e %s --env-vars %s --docker-network %s%s --skip-pull-image %s

                Ctrl-C here stops the emulators and everything the script started.
                """, run.aws().endpoint(), run.dynamoDb().endpoint(), args[4], events,
                sam.cliEnvironment().get("AWS_ENDPOINT_URL"), docker == null ? "" : " DOCKER_HOST=" + docker,
                args[2], events.resolve("task-running-not-ready.json"), args[3], args[4], addHosts,
                String.join(" ", SamLocal.ARCHITECTURE_OVERRIDE));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    // ---- the run's plumbing --------------------------------------------------------------------

    /** Stops the previous scenario's emulators and seeds a new demo account behind the same relays. */
    private void freshAccount() {
        close();
        run = LocalCheckerRun.start(System.getProperty("java.class.path"));
        awsRelay.target(URI.create(run.aws().endpoint()).getPort());
        dynamoDbRelay.target(URI.create(run.dynamoDb().endpoint()).getPort());
        JsonNode parameters = envVars.path("Parameters");
        assertThat(parameters.path("STATE_TABLE_NAME").asText()).as("env-vars STATE_TABLE_NAME").isEqualTo(LocalCheckerRun.STATE_TABLE);
        assertThat(parameters.path("ALERT_TOPIC_ARN").asText()).as("env-vars ALERT_TOPIC_ARN").isEqualTo(run.seeded().alertTopicArn());
        String queueUrl = envVars.path("SweepFunction").path("SWEEP_QUEUE_URL").asText();
        assertThat(queueUrl.substring(queueUrl.lastIndexOf('/')))
                .as("env-vars SWEEP_QUEUE_URL names the demo's sweep queue")
                .isEqualTo(run.sweepQueues().queueUrl().substring(run.sweepQueues().queueUrl().lastIndexOf('/')));
    }

    /**
     * {@code sam local invoke} with a file of events/. A service task's event goes as ECS would send
     * it here ({@link LocalCheckerRun#asDeliveredHere}): started by the emulator's PRIMARY deployment,
     * whose id moto draws itself.
     */
    private JsonNode invoke(String function, String eventFile) {
        try {
            Path event = eventsDirectory.resolve(eventFile);
            String original = Files.readString(event);
            String delivered = run.asDeliveredHere(original);
            if (!JSON.readTree(delivered).equals(JSON.readTree(original))) {
                event = workDirectory.resolve("delivered-" + eventFile);
                Files.writeString(event, delivered);
            }
            SamLocal.Invoked invoked = sam.invoke(function, event);
            System.out.printf("  sam local invoke %-24s -e events/%-36s %-10s %5.1f s%n", function, eventFile,
                    invoked.response().path("outcome").asText(invoked.response().has("batchItemFailures") ? "SWEPT" : "?"),
                    invoked.took().toMillis() / 1000.0);
            return invoked.response();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code sam local start-lambda} for the on-demand function and invokes it once per request through the AWS CLI. */
    private List<JsonNode> throughStartLambda(List<Path> requests) throws IOException {
        int port = freeLoopbackPort();
        ProcessBuilder builder = new ProcessBuilder(sam.startLambdaCommand(port, List.of(ON_DEMAND)))
                .redirectOutput(workDirectory.resolve("start-lambda.out").toFile())
                .redirectError(workDirectory.resolve("start-lambda.err").toFile());
        SamLocal.withoutBlankVariables(builder.environment(), sam.cliEnvironment());
        Process startLambda = builder.start();
        try {
            awaitListening(port, startLambda);
            List<JsonNode> responses = new ArrayList<>();
            for (Path request : requests) {
                Path output = workDirectory.resolve("start-lambda-response-" + startLambdaInvocations++ + ".json");
                long started = System.nanoTime();
                SamLocal.Finished invoked = sam.run(List.of(awsCli.toString(), "lambda", "invoke",
                        "--endpoint-url", "http://127.0.0.1:" + port, "--function-name", ON_DEMAND,
                        "--payload", Files.readString(request), "--cli-read-timeout", "120",
                        output.toString()), "aws-lambda-invoke-" + startLambdaInvocations);
                assertThat(invoked.exitCode()).as(invoked.describe()).isZero();
                assertThat(invoked.stdout()).as(invoked.describe()).doesNotContain("FunctionError");
                JsonNode response = JSON.readTree(output.toFile());
                System.out.printf("  aws lambda invoke --endpoint-url (sam local start-lambda) %-14s %-28s %-10s %5.1f s%n", ON_DEMAND,
                        request.getFileName(), response.path("outcome").asText(), (System.nanoTime() - started) / 1e9);
                responses.add(response);
            }
            return responses;
        } finally {
            stopGracefully(startLambda);
        }
    }

    /** SIGINT, as Ctrl-C: SAM stops and removes its warm containers before it exits. */
    private static void stopGracefully(Process process) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitListening(int port, Process startLambda) throws IOException {
        Instant deadline = Instant.now().plus(START_LAMBDA_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!startLambda.isAlive()) {
                throw new AssertionError("sam local start-lambda exited with " + startLambda.exitValue() + ":\n"
                        + Files.readString(workDirectory.resolve("start-lambda.err")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(300));
            }
        }
        throw new AssertionError("sam local start-lambda did not listen on port " + port + " within " + START_LAMBDA_TIMEOUT.toSeconds() + " s");
    }

    /** Receives and deletes every message on the demo's sweep queue, returning their bodies. */
    private List<String> takeSweepMessages() {
        List<String> bodies = new ArrayList<>();
        try (SqsClient sqs = SqsClient.builder().region(region()).build()) {
            String url = run.sweepQueues().queueUrl();
            List<Message> messages;
            do {
                messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                for (Message message : messages) {
                    bodies.add(message.body());
                    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            } while (!messages.isEmpty());
        }
        return bodies;
    }

    /** The partition keys of the state table: one per subject, per check and per task the functions recorded. */
    private List<String> stateKeys() {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().region(region()).build()) {
            return dynamoDb.scanPaginator(r -> r.tableName(LocalCheckerRun.STATE_TABLE)).items().stream()
                    .map(item -> item.getOrDefault("pk", AttributeValue.fromS("")).s())
                    .distinct().toList();
        }
    }

    private static JsonNode evaluatedReport(JsonNode response) {
        assertThat(response.get("outcome").asText()).as(response.toPrettyString()).isEqualTo("EVALUATED");
        return response.get("report");
    }

    private static String statusOf(JsonNode report, String checkId) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("checkId").asText().equals(checkId)) {
                return check.get("status").asText();
            }
        }
        throw new AssertionError("no check " + checkId + " in " + report);
    }

    private List<AwsSecurityFinding> findingsOfService(String service) {
        return run.findingsOfSubject(DemoScenario.CLUSTER_ARN + "|service:" + service);
    }

    private Map<String, String> complianceOfService(String service) {
        return complianceOf(DemoScenario.CLUSTER_ARN + "|service:" + service);
    }

    /** Our own verdict per check (the finding's {@code execready/Status}), which tells a WARN from a FAIL. */
    private Map<String, String> verdictsOfService(String service) {
        return run.findingsOfSubject(DemoScenario.CLUSTER_ARN + "|service:" + service).stream()
                .collect(Collectors.toMap(AwsSecurityFinding::generatorId, f -> f.productFields().get("execready/Status")));
    }

    private Map<String, String> complianceOf(String subjectKey) {
        return run.findingsOfSubject(subjectKey).stream()
                .collect(Collectors.toMap(AwsSecurityFinding::generatorId, f -> f.compliance().statusAsString()));
    }

    private Region region() {
        return Region.of(run.aws().region());
    }

    /** Stops the current scenario's emulators; safe to call again. */
    @Override
    public synchronized void close() {
        if (run != null) {
            run.close();
            run = null;
        }
    }

    private void printSummary() {
        List<Duration> times = sam.invokeTimes();
        long total = times.stream().mapToLong(Duration::toMillis).sum();
        System.out.printf("sam local: %d sam local invoke runs (every function, every events/ file meant for it) and %d invocations"
                        + " through sam local start-lambda passed; sam local invoke took %.1f s on average (%.1f s to %.1f s)%n",
                times.size(), startLambdaInvocations, total / 1000.0 / times.size(),
                times.stream().mapToLong(Duration::toMillis).min().orElse(0) / 1000.0,
                times.stream().mapToLong(Duration::toMillis).max().orElse(0) / 1000.0);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
