package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.execready.config.CheckerConfig;
import io.execready.functions.events.CustomActionEvents;
import io.execready.logging.JsonLog;
import io.execready.publish.AsffFindingMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps template.yaml and the code in step. The template is read as plain YAML: short-form
 * intrinsics (!Ref, !Sub, !If ...) arrive as the scalars or lists they tag, which is all these
 * checks need.
 */
final class TemplateConsistencyTest {

    /** template.yaml Globals: AutoPublishAlias, and the alias resource SAM names after it. */
    private static final String ALIAS = "live";
    private static final String ALIAS_RESOURCE = "Alias" + ALIAS;

    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";

    /** SAM event sources that invoke Lambda asynchronously, so failures go to EventInvokeConfig. */
    private static final Set<String> ASYNC_EVENT_TYPES = Set.of(
            "EventBridgeRule", "CloudWatchEvent", "Schedule", "ScheduleV2", "S3", "SNS",
            "CloudWatchLogs", "IoTRule", "Cognito");

    /**
     * Actions whose Service Authorization Reference entry lists no resource type, so they can only
     * be granted on "*". Every other action must name its resources.
     */
    private static final Set<String> ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS = Set.of(
            "ecs:DescribeTaskDefinition",
            // The sweep lists every cluster; ListClusters names no resource type.
            "ecs:ListClusters",
            "ec2:DescribeSubnets",
            "ec2:DescribeRouteTables",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeVpcEndpoints",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeNetworkAcls",
            "ec2:DescribeVpcAttribute",
            "ec2:DescribeInstances");

    /** Actions authorized against resources a request does not name, narrowed instead by a condition key. */
    private static final Map<String, String> ACTIONS_SCOPED_BY_CONDITION_KEY = Map.of("ecs:ListTasks", "ecs:cluster");
    private static final Pattern HARD_CODED_PARTITION = Pattern.compile("arn:aws(-[a-z]+)*:");

    private static JsonNode template;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = new YAMLMapper().readTree(findTemplate().toFile());
    }

    @Test
    void handler_ofEveryFunction_isAPublicMethodOfAClassOnTheClasspath() {
        for (Map.Entry<String, JsonNode> function : functions()) {
            String handler = property(function.getValue(), "Handler").asText();
            assertThat(handler).as("Handler of %s", function.getKey()).matches("[\\w.$]+::\\w+");
            String className = handler.substring(0, handler.indexOf("::"));
            String methodName = handler.substring(handler.indexOf("::") + 2);

            Class<?> handlerClass = loadClass(className, function.getKey());
            assertThat(Arrays.stream(handlerClass.getMethods()).map(Method::getName))
                    .as("public methods of %s", className)
                    .contains(methodName);
            assertThat(Modifier.isPublic(handlerClass.getModifiers())).as("%s is public", className).isTrue();
        }
    }

    @Test
    void runtime_ofEveryFunction_isJava21() {
        for (Map.Entry<String, JsonNode> function : functions()) {
            assertThat(property(function.getValue(), "Runtime").asText())
                    .as("Runtime of %s", function.getKey())
                    .isEqualTo("java21");
        }
    }

    @Test
    void eventInvokeConfig_ofEveryAsyncFunction_limitsRetriesAndKeepsFailures() {
        List<Map.Entry<String, JsonNode>> asyncFunctions = functions().stream()
                .filter(function -> events(function.getValue()).stream()
                        .anyMatch(event -> ASYNC_EVENT_TYPES.contains(event.path("Type").asText())))
                .toList();
        assertThat(asyncFunctions).as("functions with an asynchronous event source").isNotEmpty();

        for (Map.Entry<String, JsonNode> function : asyncFunctions) {
            JsonNode invokeConfig = property(function.getValue(), "EventInvokeConfig");
            assertThat(invokeConfig.path("MaximumRetryAttempts").isInt())
                    .as("EventInvokeConfig.MaximumRetryAttempts of %s", function.getKey())
                    .isTrue();
            JsonNode onFailure = invokeConfig.path("DestinationConfig").path("OnFailure");
            assertThat(onFailure.path("Type").asText())
                    .as("EventInvokeConfig OnFailure destination type of %s", function.getKey())
                    .isNotEmpty();
            assertThat(onFailure.path("Destination").isMissingNode())
                    .as("EventInvokeConfig OnFailure destination of %s", function.getKey())
                    .isFalse();
        }
    }

    @Test
    void eventBridgeRule_ofEveryFunction_retriesAndKeepsUndeliveredEvents() {
        for (Map.Entry<String, JsonNode> function : functions()) {
            for (JsonNode event : events(function.getValue())) {
                if (!event.path("Type").asText().equals("EventBridgeRule")) {
                    continue;
                }
                JsonNode properties = event.path("Properties");
                assertThat(properties.path("RetryPolicy").isObject())
                        .as("RetryPolicy of an EventBridgeRule event of %s", function.getKey())
                        .isTrue();
                assertThat(properties.path("DeadLetterConfig").isObject())
                        .as("DeadLetterConfig of an EventBridgeRule event of %s", function.getKey())
                        .isTrue();
            }
        }
    }

    @Test
    void policies_ofEveryFunction_areInlineStatementsOrPoliciesOfThisTemplate() {
        for (Map.Entry<String, JsonNode> function : functions()) {
            JsonNode policies = function.getValue().path("Properties").path("Policies");
            List<JsonNode> entries = policies.isArray() ? list(policies) : List.of(policies);
            assertThat(entries)
                    .as("Policies of %s (AWS managed policies grant more than the function needs)", function.getKey())
                    .allMatch(entry -> entry.isMissingNode() || entry.has("Statement") || isManagedPolicyOfThisTemplate(entry));
        }
    }

    /** A {@code !Ref} (read as its bare name) to an AWS::IAM::ManagedPolicy this template defines and scopes. */
    private static boolean isManagedPolicyOfThisTemplate(JsonNode entry) {
        return entry.isTextual()
                && template.path("Resources").path(entry.asText()).path("Type").asText().equals("AWS::IAM::ManagedPolicy");
    }

    @Test
    void policyStatements_neverAllowEveryActionOfAService() {
        List<JsonNode> statements = policyStatements();
        assertThat(statements).as("policy statements in the template").isNotEmpty();

        for (JsonNode statement : statements) {
            assertThat(strings(statement.path("Action")))
                    .as("Action of statement %s", statement)
                    .isNotEmpty()
                    .noneMatch(action -> action.equals("*") || action.endsWith(":*"));
        }
    }

    @Test
    void policyStatements_grantEveryResource_onlyForActionsWithoutResourceLevelPermissions() {
        for (JsonNode statement : policyStatements()) {
            if (strings(statement.path("Resource")).contains("*") && !scopedByConditionKey(statement)) {
                assertThat(strings(statement.path("Action")))
                        .as("actions granted on Resource \"*\" in %s", statement)
                        .isSubsetOf(ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS);
            }
        }
    }

    /** A statement on "*" whose every action is narrowed by the condition key that action supports. */
    private static boolean scopedByConditionKey(JsonNode statement) {
        List<String> conditionKeys = new ArrayList<>();
        statement.path("Condition").elements().forEachRemaining(operator -> operator.fieldNames().forEachRemaining(conditionKeys::add));
        List<String> actions = strings(statement.path("Action"));
        return !actions.isEmpty() && actions.stream()
                .allMatch(action -> conditionKeys.contains(ACTIONS_SCOPED_BY_CONDITION_KEY.getOrDefault(action, "")));
    }

    @Test
    void template_neverHardCodesThePartition() {
        assertThat(strings(template))
                .as("ARNs in template.yaml must use ${AWS::Partition}")
                .noneMatch(HARD_CODED_PARTITION.asPredicate());
    }

    @Test
    void organisationTemplates_neverHardCodeThePartition() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.list(findTemplate().resolveSibling("org"))) {
            templates = files.filter(file -> file.toString().endsWith(".yaml")).toList();
        }
        assertThat(templates).as("templates in org/").isNotEmpty();
        for (Path file : templates) {
            assertThat(strings(new YAMLMapper().readTree(file.toFile())))
                    .as("ARNs in org/%s must use ${AWS::Partition}", file.getFileName())
                    .noneMatch(HARD_CODED_PARTITION.asPredicate());
        }
    }

    @Test
    void logLevel_everyAllowedValue_isOneTheFunctionsParseAndWriteAt() {
        JsonNode parameter = template.path("Parameters").path("LogLevel");
        List<String> allowed = strings(parameter.path("AllowedValues"));
        assertThat(allowed).contains(parameter.path("Default").asText());

        for (String level : allowed) {
            CheckerConfig config = CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "LOG_LEVEL", level));
            assertThat(JsonLog.create(new PrintStream(OutputStream.nullOutputStream()), config.logLevel(), Clock.systemUTC()))
                    .as("LogLevel %s", level).isNotNull();
        }
    }

    @Test
    void logGroup_ofEveryFunction_isTheOneLambdaWritesTo_withTheRetentionParameter() {
        Map<String, JsonNode> logGroupsByName = new HashMap<>();
        for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
            if (resource.getValue().path("Type").asText().equals("AWS::Logs::LogGroup")) {
                logGroupsByName.put(resource.getValue().path("Properties").path("LogGroupName").asText(), resource.getValue());
            }
        }
        JsonNode retention = template.path("Parameters").path("LogRetentionDays");
        assertThat(strings(retention.path("AllowedValues"))).contains(retention.path("Default").asText());

        for (Map.Entry<String, JsonNode> function : functions()) {
            assertThat(function.getValue().path("Properties").has("FunctionName"))
                    .as("%s keeps its generated name, which its log group's !Sub names", function.getKey()).isFalse();
            JsonNode logGroup = logGroupsByName.get("/aws/lambda/${" + function.getKey() + "}");
            assertThat(logGroup).as("an AWS::Logs::LogGroup named !Sub /aws/lambda/${%s}", function.getKey()).isNotNull();
            assertThat(logGroup.path("Properties").path("RetentionInDays").asText()).isEqualTo("LogRetentionDays");
        }
    }

    private static Path findTemplate() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void awsCallLimits_inGlobals_letAHungCallAndTheClaimsReleaseFitTheFunctionTimeout() {
        JsonNode variables = template.path("Globals").path("Function").path("Environment").path("Variables");
        int attempts = variables.path("AWS_MAX_ATTEMPTS").asInt();
        int attemptSeconds = variables.path("API_CALL_ATTEMPT_TIMEOUT_SECONDS").asInt();
        int callSeconds = variables.path("API_CALL_TIMEOUT_SECONDS").asInt();
        int timeout = template.path("Globals").path("Function").path("Timeout").asInt();

        assertThat(attempts).isBetween(1, 5);
        assertThat(attemptSeconds).isPositive().isLessThanOrEqualTo(callSeconds);
        assertThat(2 * callSeconds + 10).as("a call that hangs, then the release of an alert claim, with room to fail cleanly")
                .isLessThanOrEqualTo(timeout);
    }

    @Test
    void sweepWorker_hasItsConcurrencyOnTheEventSource_andReceivesFromItsQueueOnly() {
        JsonNode worker = template.path("Resources").path("SweepClusterFunction");
        JsonNode source = worker.path("Properties").path("Events").path("SweepQueue").path("Properties");

        assertThat(source.path("ScalingConfig").path("MaximumConcurrency").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(worker.path("Properties").has("ReservedConcurrentExecutions")).isFalse();
        assertThat(worker.path("Properties").has("Role")).as("a role of its own: SAM's generated one would get AWSLambdaSQSQueueExecutionRole").isTrue();
        for (JsonNode statement : policyStatements()) {
            if (statement.path("Action").toString().contains("sqs:ReceiveMessage")) {
                assertThat(statement.path("Resource").toString()).as("sqs:ReceiveMessage on %s", statement).doesNotContain("\"*\"");
            }
        }
    }

    @Test
    void eventPatterns_neverMatchSecurityHubImports_andSecurityHubOnlyForOurCustomAction() {
        List<JsonNode> patterns = new ArrayList<>();
        collect(template.path("Resources"), node -> node.has("detail-type") || node.has("source"), patterns);
        assertThat(patterns).as("event patterns in template.yaml").isNotEmpty();

        for (JsonNode pattern : patterns) {
            // Every import emits "Security Hub Findings - Imported": a rule on it would loop on our own findings.
            assertThat(strings(pattern.path("detail-type"))).doesNotContain("Security Hub Findings - Imported");
            if (strings(pattern.path("source")).contains(CustomActionEvents.SOURCE)) {
                assertThat(strings(pattern.path("detail-type"))).containsExactly(CustomActionEvents.DETAIL_TYPE);
                assertThat(pattern.path("resources").isArray()).as("a custom action rule names its action").isTrue();
            }
        }
    }

    @Test
    void everyFunction_runsOnTheArchitectureAndMemoryParameters_withTheOneLibrariesLayer() {
        JsonNode parameters = template.path("Parameters");
        assertThat(strings(parameters.path("Architecture").path("AllowedValues"))).containsExactlyInAnyOrder("arm64", "x86_64");
        assertThat(parameters.path("Architecture").path("Default").asText()).isEqualTo("arm64");
        assertThat(parameters.path("FunctionMemoryMB").path("Description").asText())
                .as("the memory parameter states the measured peak").containsPattern("\\d+ MiB");
        JsonNode layer = template.path("Resources").path("FunctionLibraries");
        assertThat(layer.path("Type").asText()).isEqualTo("AWS::Serverless::LayerVersion");
        assertThat(layer.path("Metadata").path("BuildMethod").asText()).isEqualTo("makefile");
        assertThat(strings(layer.path("Properties").path("CompatibleArchitectures"))).containsExactly("Architecture");

        for (Map.Entry<String, JsonNode> function : functions()) {
            assertThat(strings(property(function.getValue(), "Architectures"))).as("Architectures of %s", function.getKey())
                    .containsExactly("Architecture");
            assertThat(strings(property(function.getValue(), "MemorySize"))).as("MemorySize of %s", function.getKey())
                    .containsExactly("FunctionMemoryMB");
            assertThat(strings(property(function.getValue(), "Layers"))).as("Layers of %s", function.getKey())
                    .containsExactly("FunctionLibraries");
        }
    }

    @Test
    void functionsMakefile_buildsEveryFunctionAndLayerThatNamesIt() throws IOException {
        String makefile = Files.readString(findTemplate().resolveSibling("functions").resolve("Makefile"));
        for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
            if (resource.getValue().path("Metadata").path("BuildMethod").asText().equals("makefile")) {
                String target = "build-" + resource.getKey();
                assertThat(makefile.contains(target + ":") || makefile.contains("build-%:"))
                        .as("functions/Makefile has a rule for %s", target).isTrue();
            }
        }
        assertThat(makefile).as("the layer's own rule, not the functions' one").contains("build-FunctionLibraries:");
    }

    @Test
    void onDemandFunction_isCapped_andPublishesOnlyWhenTheStackAllows() {
        JsonNode properties = template.path("Resources").path("OnDemandCheckFunction").path("Properties");

        assertThat(properties.path("ReservedConcurrentExecutions").asInt()).isPositive();
        assertThat(properties.path("Environment").path("Variables").has("ON_DEMAND_PUBLISHING")).isTrue();
        assertThat(template.path("Parameters").path("OnDemandPublishing").path("Default").asText()).isEqualTo("false");
    }

    @Test
    void functions_publishVersionsWithSnapStartBehindOneAlias_andEveryExplicitTriggerInvokesTheAlias() {
        JsonNode globals = template.path("Globals").path("Function");
        assertThat(globals.path("AutoPublishAlias").asText()).isEqualTo(ALIAS);
        assertThat(globals.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");

        List<String> functions = new ArrayList<>();
        template.path("Resources").properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.add(resource.getKey());
            }
        });
        for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
            String type = resource.getValue().path("Type").asText();
            JsonNode properties = resource.getValue().path("Properties");
            List<String> invoked = switch (type) {
                case "AWS::Events::Rule" -> strings(properties.path("Targets"));
                case "AWS::Lambda::Permission", "AWS::Lambda::EventSourceMapping" -> strings(properties.path("FunctionName"));
                default -> List.of();
            };
            for (String function : functions) {
                assertThat(invoked).as("%s invokes %s's alias, whose version has the snapshot", resource.getKey(), function)
                        .doesNotContain(function, function + ".Arn");
            }
        }
    }

    @Test
    void recheckCustomAction_invokesTheOnDemandFunctionForItsOwnActionTarget() {
        JsonNode resources = template.path("Resources");
        JsonNode target = resources.path("RecheckActionTarget");
        assertThat(target.path("Type").asText()).isEqualTo("AWS::SecurityHub::ActionTarget");
        assertThat(target.path("Properties").path("Name").asText()).isEqualTo("Re-check ECS Exec").hasSizeLessThanOrEqualTo(20);
        assertThat(target.path("Properties").path("Id").asText()).matches("[A-Za-z0-9]{1,20}");

        JsonNode rule = resources.path("RecheckActionRule").path("Properties");
        assertThat(strings(rule.path("EventPattern").path("resources"))).containsExactly("RecheckActionTarget.ActionTargetArn");
        assertThat(strings(rule.path("Targets").path(0).path("Arn"))).containsExactly("OnDemandCheckFunction" + ALIAS_RESOURCE);
        assertThat(strings(resources.path("RecheckActionPermission").path("Properties").path("FunctionName")))
                .containsExactly("OnDemandCheckFunction" + ALIAS_RESOURCE);
        assertThat(rule.path("Targets").path(0).path("DeadLetterConfig").isObject()).isTrue();
        assertThat(strings(resources.path("RecheckActionPermission").path("Properties").path("SourceArn")))
                .containsExactly("RecheckActionRule.Arn");
        assertThat(property(resources.path("OnDemandCheckFunction"), "Handler").asText())
                .isEqualTo(OnDemandCheckFunction.class.getName() + "::handleRequest");
    }

    @Test
    void stateTableGrants_coverTheConditionCheckThatMarksATaskEventOnAnUnchangedSubject() {
        // The call recorder sees TransactWriteItems only; its ConditionCheck entry needs an action of its own.
        assertThat(GrantedActions.inTemplate()).contains("dynamodb:conditioncheckitem", "dynamodb:updateitem", "dynamodb:query");
    }

    @Test
    void insights_groupNotReadyExecReadyFindingsByCheckAndByCluster() {
        List<String> groupings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
            if (resource.getValue().path("Type").asText().equals("AWS::SecurityHub::Insight")) {
                JsonNode properties = resource.getValue().path("Properties");
                assertThat(strings(properties.path("Filters").path("ProductName"))).contains(AsffFindingMapper.PRODUCT_NAME);
                assertThat(strings(properties.path("Filters").path("ComplianceStatus"))).contains("FAILED");
                groupings.add(properties.path("GroupByAttribute").asText());
            }
        }
        assertThat(groupings).containsExactlyInAnyOrder("GeneratorId", "ResourceId");
    }

    private static List<Map.Entry<String, JsonNode>> functions() {
        List<Map.Entry<String, JsonNode>> functions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
            if (resource.getValue().path("Type").asText().equals(SERVERLESS_FUNCTION)) {
                functions.add(resource);
            }
        }
        assertThat(functions).as("%s resources in template.yaml", SERVERLESS_FUNCTION).isNotEmpty();
        return functions;
    }

    /** A function's property, or the Globals.Function default SAM would apply. */
    private static JsonNode property(JsonNode function, String name) {
        JsonNode own = function.path("Properties").path(name);
        return own.isMissingNode() ? template.path("Globals").path("Function").path(name) : own;
    }

    private static List<JsonNode> events(JsonNode function) {
        return list(function.path("Properties").path("Events"));
    }

    /** Every IAM statement anywhere in the template: function policies, roles, queue and topic policies. */
    private static List<JsonNode> policyStatements() {
        List<JsonNode> statements = new ArrayList<>();
        collect(template.path("Resources"), node -> node.has("Effect") && (node.has("Action") || node.has("NotAction")),
                statements);
        return statements;
    }

    private static void collect(JsonNode node, Predicate<JsonNode> matches, List<JsonNode> found) {
        if (node.isObject() && matches.test(node)) {
            found.add(node);
            return;
        }
        node.elements().forEachRemaining(child -> collect(child, matches, found));
    }

    /** All text values under a node (a scalar, or a list of them, or anything nested). */
    private static List<String> strings(JsonNode node) {
        List<JsonNode> scalars = new ArrayList<>();
        collectScalars(node, scalars);
        return scalars.stream().map(JsonNode::asText).toList();
    }

    private static void collectScalars(JsonNode node, List<JsonNode> found) {
        if (node.isValueNode()) {
            found.add(node);
            return;
        }
        node.elements().forEachRemaining(child -> collectScalars(child, found));
    }

    private static List<JsonNode> list(JsonNode container) {
        return StreamSupport.stream(container.spliterator(), false).toList();
    }

    private static Class<?> loadClass(String className, String functionName) {
        try {
            return Class.forName(className, false, TemplateConsistencyTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return fail("handler class %s of %s is not on the classpath", className, functionName);
        }
    }
}
