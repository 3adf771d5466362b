package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders org/organization.yaml's StackSet into the stack instances CloudFormation would create, and
 * evaluates template.yaml as each instance would get it. CloudFormation does this server-side; the
 * renderer models its documented behaviour for a service-managed StackSet and nothing more: the
 * StackSet's Parameters over the member template's defaults, then a group's ParameterOverrides; one
 * instance per account of each target OU (the test's organisation lists an OU's accounts, child OUs
 * included) and per region; never the management account, to which service-managed StackSets do not
 * deploy.
 */
final class OrganizationStackSetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMINISTRATOR = "333333333333";
    private static final String MANAGEMENT = "999999999999";
    private static final String HOME_REGION = "us-east-1";
    private static final String TOPIC_ARN = "arn:aws:sns:us-east-1:" + ADMINISTRATOR + ":ExecReady-CentralAlertTopic-AbC123";
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:" + ADMINISTRATOR + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final Organization ORGANIZATION = new Organization(MANAGEMENT, Map.of(
            "ou-ab12-payments1", List.of("111111111111", MANAGEMENT),
            "ou-ab12-platform1", List.of("222222222222")));

    private static JsonNode organizationTemplate;
    private static JsonNode memberTemplate;

    @BeforeAll
    static void readTemplates() {
        organizationTemplate = CloudFormationYaml.read(CloudFormationYaml.repositoryRoot().resolve("org/organization.yaml"));
        memberTemplate = CloudFormationYaml.read(CloudFormationYaml.repositoryRoot().resolve("template.yaml"));
    }

    @Test
    void twoOusAndTwoRegions_giveEveryMemberAccountAStackInEachRegion_withTheCentralTopicAndTheReadOnlyRole() {
        List<StackInstance> instances = render(Map.of());

        assertThat(instances).extracting(StackInstance::account, StackInstance::region).containsExactlyInAnyOrder(
                tuple("111111111111", "eu-west-1"),
                tuple("111111111111", "us-east-1"),
                tuple("222222222222", "eu-west-1"),
                tuple("222222222222", "us-east-1"));
        for (StackInstance instance : instances) {
            TemplateEvaluation member = instance.member();
            assertThat(member.parameter("CentralAlertTopicArn")).as("the topic of the home region, whatever the instance's").isEqualTo(TOPIC_ARN);
            assertThat(member.parameter("CentralAlertTopicKeyArn")).isEqualTo(KEY_ARN);
            assertThat(member.parameter("ReadOnlyRoleTrustedAccountId")).isEqualTo(ADMINISTRATOR);
            assertThat(member.parameter("SecurityHubEnabled")).isEqualTo("true");
            assertThat(member.parameter("AlertEmail")).as("a member default").isEmpty();

            Map<String, JsonNode> statements = publishStatements(member);
            assertThat(statements.get("PublishCentralAlerts").path("Action").asText()).isEqualTo("sns:Publish");
            assertThat(statements.get("PublishCentralAlerts").path("Resource").asText()).isEqualTo(TOPIC_ARN);
            assertThat(statements.get("EncryptCentralAlerts").path("Resource").asText()).isEqualTo(KEY_ARN);
            assertThat(environment(member).path("CENTRAL_ALERT_TOPIC_ARN").asText()).isEqualTo(TOPIC_ARN);

            assertThat(member.creates("ReadOnlyRole")).isTrue();
            JsonNode role = member.resolve(memberTemplate.path("Resources").path("ReadOnlyRole").path("Properties"));
            assertThat(role.path("RoleName").asText()).isEqualTo("ExecReadyReadOnly-" + instance.region());
            assertThat(role.path("AssumeRolePolicyDocument").path("Statement").get(0).path("Principal").path("AWS").asText())
                    .isEqualTo("arn:aws:iam::" + ADMINISTRATOR + ":root");
        }
        Map<String, Long> roleNamesPerAccount = instances.stream().collect(Collectors.groupingBy(
                instance -> instance.account() + "/" + instance.member().resolve(
                        memberTemplate.path("Resources").path("ReadOnlyRole").path("Properties").path("RoleName")).asText(),
                Collectors.counting()));
        assertThat(roleNamesPerAccount.values()).as("IAM names are global: one role name per account and region").containsOnly(1L);
    }

    @Test
    void withoutCentralAlertsOrReadOnlyRole_membersGrantNothingOnAnotherAccount() {
        List<StackInstance> instances = render(Map.of("CentralAlerts", "false", "ReadOnlyRole", "false"));

        assertThat(instances).hasSize(4);
        for (StackInstance instance : instances) {
            TemplateEvaluation member = instance.member();
            assertThat(member.parameter("CentralAlertTopicArn")).isEmpty();
            assertThat(member.condition("HasCentralAlertTopic")).isFalse();
            assertThat(publishStatements(member)).doesNotContainKeys("PublishCentralAlerts", "EncryptCentralAlerts");
            assertThat(TemplateEvaluation.strings(publishStatements(member).get("PublishAlerts").path("Resource")))
                    .as("only the member's own alert topic").containsExactly("<AlertTopic>");
            assertThat(member.creates("ReadOnlyRole")).isFalse();
        }
    }

    @Test
    void parameterOverridesOfAGroup_winOverTheStackSetsParameters_forThatGroupsInstancesOnly() {
        JsonNode stackSet = organizationTemplate.path("Resources").path("CheckerStackSet").deepCopy();
        ArrayNode groups = (ArrayNode) stackSet.path("Properties").path("StackInstancesGroup");
        ObjectNode payments = groups.get(0).deepCopy();
        ObjectNode platform = groups.get(0).deepCopy();
        payments.set("DeploymentTargets", JSON.valueToTree(Map.of("OrganizationalUnitIds", List.of("ou-ab12-payments1"))));
        platform.set("DeploymentTargets", JSON.valueToTree(Map.of("OrganizationalUnitIds", List.of("ou-ab12-platform1"))));
        platform.set("ParameterOverrides", JSON.valueToTree(List.of(Map.of("ParameterKey", "SweepSchedule", "ParameterValue", "rate(1 hour)"))));
        groups.removeAll();
        groups.add(payments).add(platform);

        List<StackInstance> instances = render(stackSet, organization(Map.of()));

        assertThat(instances).hasSize(4);
        assertThat(instances).filteredOn(i -> i.account().equals("222222222222"))
                .hasSize(2).allSatisfy(i -> assertThat(i.member().parameter("SweepSchedule")).isEqualTo("rate(1 hour)"));
        assertThat(instances).filteredOn(i -> i.account().equals("111111111111"))
                .hasSize(2).allSatisfy(i -> assertThat(i.member().parameter("SweepSchedule")).isEqualTo("rate(6 hours)"));
    }

    @Test
    void aStackSetParameterTheMemberTemplateLacks_isRefused_asCloudFormationRefusesIt() {
        JsonNode stackSet = organizationTemplate.path("Resources").path("CheckerStackSet").deepCopy();
        ((ArrayNode) stackSet.path("Properties").path("Parameters")).add(JSON.valueToTree(Map.of("ParameterKey", "NoSuchParameter", "ParameterValue", "x")));

        assertThatThrownBy(() -> render(stackSet, organization(Map.of()))).hasMessageContaining("NoSuchParameter");
    }

    private static List<StackInstance> render(Map<String, String> organizationParameters) {
        return render(organizationTemplate.path("Resources").path("CheckerStackSet"), organization(organizationParameters));
    }

    /** org/organization.yaml deployed in the administrator account's home region with these parameters. */
    private static TemplateEvaluation organization(Map<String, String> overrides) {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of(
                "TemplateURL", "https://execready-code-" + ADMINISTRATOR + "-us-east-1.s3.us-east-1.amazonaws.com/checker/execready-0123456789abcdef.json",
                "OrganizationId", "o-a1b2c3d4e5",
                "OrganizationalUnitIds", "ou-ab12-payments1,ou-ab12-platform1",
                "Regions", "eu-west-1,us-east-1"));
        parameters.putAll(overrides);
        return new TemplateEvaluation(organizationTemplate, parameters, ADMINISTRATOR, HOME_REGION,
                Map.of("CentralAlertTopic", TOPIC_ARN, "CentralAlertKey.Arn", KEY_ARN));
    }

    /** The instances a service-managed StackSet creates, each with the member template as it is parameterised. */
    private static List<StackInstance> render(JsonNode stackSet, TemplateEvaluation organization) {
        JsonNode properties = stackSet.path("Properties");
        assertThat(properties.path("PermissionModel").asText()).as("the renderer models service-managed StackSets").isEqualTo("SERVICE_MANAGED");
        Map<String, String> stackSetParameters = parameters(organization.resolve(properties.path("Parameters")));
        Map<String, StackInstance> instances = new LinkedHashMap<>();
        for (JsonNode group : properties.path("StackInstancesGroup")) {
            JsonNode targets = organization.resolve(group.path("DeploymentTargets"));
            assertThat(targets.has("Accounts")).as("account-level targeting is not modelled").isFalse();
            Map<String, String> parameters = new LinkedHashMap<>(stackSetParameters);
            parameters.putAll(parameters(organization.resolve(group.path("ParameterOverrides"))));
            for (String ou : TemplateEvaluation.strings(targets.path("OrganizationalUnitIds"))) {
                for (String account : ORGANIZATION.accountsUnder(ou)) {
                    for (String region : TemplateEvaluation.strings(organization.resolve(group.path("Regions")))) {
                        StackInstance instance = new StackInstance(account, region,
                                new TemplateEvaluation(memberTemplate, parameters, account, region, Map.of()));
                        if (instances.putIfAbsent(account + "/" + region, instance) != null) {
                            throw new UnsupportedOperationException("two groups target " + account + " in " + region + ": not modelled");
                        }
                    }
                }
            }
        }
        return new ArrayList<>(instances.values());
    }

    private static Map<String, String> parameters(JsonNode list) {
        Map<String, String> parameters = new LinkedHashMap<>();
        list.forEach(parameter -> parameters.put(parameter.path("ParameterKey").asText(), parameter.path("ParameterValue").asText()));
        return parameters;
    }

    private static Map<String, JsonNode> publishStatements(TemplateEvaluation member) {
        JsonNode statements = member.resolve(memberTemplate.path("Resources").path("FindingsPublishPolicy")
                .path("Properties").path("PolicyDocument").path("Statement"));
        List<JsonNode> list = new ArrayList<>();
        statements.forEach(list::add);
        return list.stream().collect(Collectors.toMap(statement -> statement.path("Sid").asText(), Function.identity()));
    }

    private static JsonNode environment(TemplateEvaluation member) {
        return member.resolve(memberTemplate.path("Globals").path("Function").path("Environment").path("Variables"));
    }

    /** An organisation: its management account, and the accounts under each OU (child OUs included). */
    private record Organization(String managementAccount, Map<String, List<String>> accountsByOu) {
        List<String> accountsUnder(String ou) {
            return accountsByOu.getOrDefault(ou, List.of()).stream().filter(account -> !account.equals(managementAccount)).toList();
        }
    }

    private record StackInstance(String account, String region, TemplateEvaluation member) {
    }
}
