package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The organisation-facing policies: of org/*.yaml (the central topic, its key, the code buckets) and
 * of template.yaml's parts an organisation uses (the central topic grant, the read-only role), and the
 * StackSet's promises (service-managed, automatic deployment, no macros, parameters the checker has).
 */
final class OrganizationTemplatesTest {

    /** What another account of the organisation may do here, and nothing more. */
    private static final Set<String> CROSS_ACCOUNT_ACTIONS = Set.of("sns:Publish", "kms:GenerateDataKey*", "kms:Decrypt", "s3:GetObject");
    private static final JsonNode ORGANIZATION_ID = CloudFormationYaml.read(Path.of("..", "org", "organization.yaml"))
            .path("Parameters").path("OrganizationId");

    private static Map<String, JsonNode> organizationTemplates;
    private static JsonNode memberTemplate;

    @BeforeAll
    static void readTemplates() throws IOException {
        Path root = CloudFormationYaml.repositoryRoot();
        organizationTemplates = new TreeMap<>();
        try (Stream<Path> files = Files.list(root.resolve("org"))) {
            files.filter(file -> file.toString().endsWith(".yaml"))
                    .forEach(file -> organizationTemplates.put(file.getFileName().toString(), CloudFormationYaml.read(file)));
        }
        memberTemplate = CloudFormationYaml.read(root.resolve("template.yaml"));
    }

    @Test
    void everyStatementAllowingAnotherAccount_isScopedToTheOrganisation_andOnlyToTheCrossAccountActions() {
        int crossAccount = 0;
        for (Map.Entry<String, JsonNode> template : organizationTemplates.entrySet()) {
            for (JsonNode statement : resourcePolicyStatements(template.getValue())) {
                assertThat(statement.path("Principal").has("Service")).as("service principals in %s: %s", template.getKey(), statement).isFalse();
                if (!statement.path("Effect").asText().equals("Allow") || isThisAccountOnly(statement.path("Principal"))) {
                    continue;
                }
                crossAccount++;
                assertThat(statement.path("Condition").path("StringEquals").path("aws:PrincipalOrgID"))
                        .as("aws:PrincipalOrgID of %s in %s", statement.path("Sid").asText(), template.getKey())
                        .isEqualTo(ref("OrganizationId"));
                assertThat(strings(statement.path("Action"))).as("actions of %s", statement.path("Sid").asText())
                        .isNotEmpty().isSubsetOf(CROSS_ACCOUNT_ACTIONS);
            }
        }
        assertThat(crossAccount).as("cross-account statements: topic, key, code bucket").isEqualTo(3);
    }

    @Test
    void organisationId_ofEveryTemplateThatUsesIt_mustBeGiven_soTheConditionCannotBeEmpty() {
        for (Map.Entry<String, JsonNode> template : organizationTemplates.entrySet()) {
            JsonNode parameter = template.getValue().path("Parameters").path("OrganizationId");
            assertThat(parameter.has("Default")).as("a default OrganizationId in %s", template.getKey()).isFalse();
            assertThat(parameter.path("AllowedPattern").asText()).as("%s", template.getKey()).isEqualTo(ORGANIZATION_ID.path("AllowedPattern").asText())
                    .startsWith("^o-");
        }
    }

    @Test
    void centralTopic_admitsTheOrganisationsPublishes_andItsKeyTheirDataKeys_onlyThroughSns() {
        JsonNode resources = organizationTemplates.get("organization.yaml").path("Resources");
        JsonNode topicStatement = only(resources.path("CentralAlertTopicPolicy").path("Properties").path("PolicyDocument").path("Statement"));
        assertThat(topicStatement.path("Principal").path("AWS").asText()).isEqualTo("*");
        assertThat(strings(topicStatement.path("Action"))).containsExactly("sns:Publish");
        assertThat(topicStatement.path("Resource")).isEqualTo(ref("CentralAlertTopic"));

        JsonNode keyStatements = resources.path("CentralAlertKey").path("Properties").path("KeyPolicy").path("Statement");
        JsonNode publishers = find(keyStatements, "OrganisationPublishersEncryptThroughSns");
        assertThat(strings(publishers.path("Action"))).containsExactlyInAnyOrder("kms:GenerateDataKey*", "kms:Decrypt");
        assertThat(publishers.path("Condition").path("StringEquals").path("kms:ViaService").path("Fn::Sub").asText())
                .isEqualTo("sns.${AWS::Region}.${AWS::URLSuffix}");
        assertThat(resources.path("CentralAlertTopic").path("Properties").path("KmsMasterKeyId"))
                .as("the customer managed key: the AWS managed key admits no other account").isEqualTo(getAtt("CentralAlertKey", "Arn"));
    }

    @Test
    void stackSet_isServiceManaged_deploysToNewAccounts_removesStacksOfLeavers_andQueuesOperations() {
        JsonNode properties = organizationTemplates.get("organization.yaml").path("Resources").path("CheckerStackSet").path("Properties");
        assertThat(properties.path("PermissionModel").asText()).isEqualTo("SERVICE_MANAGED");
        assertThat(properties.path("AutoDeployment").path("Enabled").asBoolean()).isTrue();
        assertThat(properties.path("AutoDeployment").path("RetainStacksOnAccountRemoval").isBoolean()).isTrue();
        assertThat(properties.path("AutoDeployment").path("RetainStacksOnAccountRemoval").asBoolean()).isFalse();
        assertThat(properties.path("ManagedExecution").path("Active").asBoolean()).isTrue();
        assertThat(properties.path("CallAs")).isEqualTo(ref("CallAs"));
        assertThat(properties.path("TemplateURL")).isEqualTo(ref("TemplateURL"));
        JsonNode group = only(properties.path("StackInstancesGroup"));
        assertThat(group.path("DeploymentTargets").path("OrganizationalUnitIds")).isEqualTo(ref("OrganizationalUnitIds"));
        assertThat(group.path("Regions")).isEqualTo(ref("Regions"));
    }

    @Test
    void stackSet_passesOnlyParametersTheCheckerDeclares_andTheCapabilitiesItsResourcesNeed() {
        JsonNode properties = organizationTemplates.get("organization.yaml").path("Resources").path("CheckerStackSet").path("Properties");
        List<String> keys = new ArrayList<>();
        properties.path("Parameters").forEach(parameter -> keys.add(parameter.path("ParameterKey").asText()));
        assertThat(keys).isNotEmpty().doesNotHaveDuplicates();
        assertThat(keys).allSatisfy(key -> assertThat(memberTemplate.path("Parameters").has(key)).as("template.yaml declares %s", key).isTrue());

        List<String> capabilities = strings(properties.path("Capabilities"));
        assertThat(capabilities).as("service-managed StackSets run no macros").doesNotContain("CAPABILITY_AUTO_EXPAND");
        boolean namedIam = stream(memberTemplate.path("Resources"))
                .anyMatch(resource -> resource.path("Type").asText().startsWith("AWS::IAM::") && resource.path("Properties").has("RoleName"));
        assertThat(capabilities).contains("CAPABILITY_IAM");
        if (namedIam) {
            assertThat(capabilities).contains("CAPABILITY_NAMED_IAM");
        }
    }

    @Test
    void checker_grantsTheCentralTopicExactly_andOnlyWhenOneIsGiven() {
        JsonNode statements = memberTemplate.path("Resources").path("FindingsPublishPolicy").path("Properties").path("PolicyDocument").path("Statement");
        JsonNode publish = conditional(statements, "PublishCentralAlerts", "HasCentralAlertTopic");
        assertThat(strings(publish.path("Action"))).containsExactly("sns:Publish");
        assertThat(publish.path("Resource")).isEqualTo(ref("CentralAlertTopicArn"));

        JsonNode encrypt = conditional(statements, "EncryptCentralAlerts", "HasCentralAlertTopicKey");
        assertThat(strings(encrypt.path("Action"))).containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");
        assertThat(encrypt.path("Resource")).isEqualTo(ref("CentralAlertTopicKeyArn"));
        assertThat(encrypt.path("Condition").path("StringLike").path("kms:ViaService").path("Fn::Sub").asText()).startsWith("sns.");
        assertThat(memberTemplate.path("Parameters").path("CentralAlertTopicArn").path("Default").asText()).isEmpty();
    }

    @Test
    void readOnlyRole_trustsOnlyTheGivenAccount_andMayOnlyReadAndInvokeTheOnDemandCheck() {
        JsonNode role = memberTemplate.path("Resources").path("ReadOnlyRole");
        assertThat(role.path("Condition").asText()).isEqualTo("HasReadOnlyRole");
        JsonNode trust = only(role.path("Properties").path("AssumeRolePolicyDocument").path("Statement"));
        assertThat(trust.path("Principal").path("AWS").path("Fn::Sub").asText())
                .isEqualTo("arn:${AWS::Partition}:iam::${ReadOnlyRoleTrustedAccountId}:root");
        assertThat(strings(trust.path("Action"))).containsExactly("sts:AssumeRole");

        assertThat(strings(role.path("Properties").path("ManagedPolicyArns"))).containsExactly("EvaluationReadPolicy");
        List<String> actions = new ArrayList<>();
        role.path("Properties").path("Policies").forEach(policy -> policy.path("PolicyDocument").path("Statement")
                .forEach(statement -> actions.addAll(strings(statement.path("Action")))));
        assertThat(actions).containsExactlyInAnyOrder("ecs:ListClusters", "lambda:InvokeFunction", "cloudformation:DescribeStacks");
        JsonNode invoke = find(role.path("Properties").path("Policies").get(0).path("PolicyDocument").path("Statement"), "InvokeTheOnDemandCheck");
        assertThat(invoke.path("Resource")).as("the function and its alias live (template.yaml Globals: AutoPublishAlias)")
                .containsExactly(getAtt("OnDemandCheckFunction", "Arn"), ref("OnDemandCheckFunctionAliaslive"));
    }

    /** Statements of policies that name a Principal: resource policies (topic, key, bucket). */
    private static List<JsonNode> resourcePolicyStatements(JsonNode template) {
        List<JsonNode> statements = new ArrayList<>();
        collect(template.path("Resources"), statements);
        assertThat(statements).isNotEmpty();
        return statements;
    }

    private static void collect(JsonNode node, List<JsonNode> statements) {
        if (node.isObject() && node.has("Effect") && node.has("Principal")) {
            statements.add(node);
            return;
        }
        node.elements().forEachRemaining(child -> collect(child, statements));
    }

    /** Principal {AWS: arn:${AWS::Partition}:iam::${AWS::AccountId}:root}, and nothing else. */
    private static boolean isThisAccountOnly(JsonNode principal) {
        JsonNode aws = principal.path("AWS");
        return principal.size() == 1 && aws.isObject()
                && aws.path("Fn::Sub").asText().equals("arn:${AWS::Partition}:iam::${AWS::AccountId}:root");
    }

    /** A statement written as !If [condition, statement, !Ref AWS::NoValue]. */
    private static JsonNode conditional(JsonNode statements, String sid, String condition) {
        for (JsonNode entry : statements) {
            JsonNode branches = entry.path("Fn::If");
            if (branches.isArray() && branches.get(1).path("Sid").asText().equals(sid)) {
                assertThat(branches.get(0).asText()).as("condition of %s", sid).isEqualTo(condition);
                assertThat(branches.get(2)).as("%s when %s is false", sid, condition).isEqualTo(ref("AWS::NoValue"));
                return branches.get(1);
            }
        }
        throw new AssertionError("no statement " + sid + " under !If [" + condition + ", ...]");
    }

    private static JsonNode find(JsonNode statements, String sid) {
        return stream(statements).filter(statement -> statement.path("Sid").asText().equals(sid)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
    }

    private static JsonNode only(JsonNode list) {
        assertThat(list.isArray() && list.size() == 1).as("one element in %s", list).isTrue();
        return list.get(0);
    }

    private static JsonNode ref(String name) {
        return CloudFormationYaml.json(Map.of("Ref", name));
    }

    private static JsonNode getAtt(String resource, String attribute) {
        return CloudFormationYaml.json(Map.of("Fn::GetAtt", List.of(resource, attribute)));
    }

    private static Stream<JsonNode> stream(JsonNode container) {
        List<JsonNode> elements = new ArrayList<>();
        container.elements().forEachRemaining(elements::add);
        return elements.stream();
    }

    /** A scalar, or each scalar of a list; a !Ref reads as the name it refers to. */
    private static List<String> strings(JsonNode node) {
        if (node.isArray()) {
            return stream(node).map(OrganizationTemplatesTest::text).toList();
        }
        return node.isMissingNode() ? List.of() : List.of(text(node));
    }

    private static String text(JsonNode node) {
        return node.has("Ref") ? node.get("Ref").asText() : node.asText();
    }
}
