package io.execready.harness;

import io.execready.harness.RawAwsClient.Reply;
import io.execready.harness.RawAwsClient.Xml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Node;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The launcher's SimulatePrincipalPolicy, called through the IAM query API as the SDK would. */
@Tag("emulator")
class SimulatePrincipalPolicyTest {

    private static final String IAM_VERSION = "2010-05-08";
    private static final String ACCOUNT = "arn:aws:iam::123456789012:";
    private static final String TRUST_ECS_TASKS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private static final String KEY_A = "arn:aws:kms:us-east-1:123456789012:key/aaaa";
    private static final String KEY_B = "arn:aws:kms:us-east-1:123456789012:key/bbbb";
    private static final AtomicInteger ROLE_NUMBER = new AtomicInteger();
    private static LocalAws aws;
    private static RawAwsClient raw;

    @BeforeAll
    static void startEmulator() {
        aws = LocalAws.start();
        raw = new RawAwsClient(aws);
    }

    @AfterAll
    static void stopEmulator() {
        aws.close();
    }

    @Test
    void simulate_whenAnInlineStatementAllows_isAllowedNamingThatPolicy() {
        String role = role(policy("""
                {"Effect":"Allow","Action":["ssmmessages:CreateControlChannel","ssmmessages:OpenControlChannel"],"Resource":"*"}"""));

        EvalResult result = simulate(role, List.of("ssmmessages:OpenControlChannel"), List.of(), List.of()).single();

        assertThat(result.action()).isEqualTo("ssmmessages:OpenControlChannel");
        assertThat(result.resource()).isEqualTo("*");
        assertThat(result.decision()).isEqualTo("allowed");
        assertThat(result.matchedPolicies()).containsExactly("inline-1/role");
        assertThat(result.missingContextValues()).isEmpty();
        assertThat(result.allowedByOrganizations()).isEqualTo("true");
        assertThat(result.allowedByBoundary()).isEmpty();
        assertThat(result.resourceSpecific()).isEmpty();
    }

    @Test
    void simulate_whenADenyMatches_isExplicitDenyNamingTheDeny() {
        String role = role(policy("""
                {"Effect":"Allow","Action":"*","Resource":"*"}"""), policy("""
                {"Effect":"Deny","Action":"ssmmessages:OpenDataChannel","Resource":"*"}"""));

        List<EvalResult> results = simulate(role, List.of("ssmmessages:OpenDataChannel", "ssmmessages:OpenControlChannel"),
                List.of(), List.of()).results();

        assertThat(results.get(0).decision()).isEqualTo("explicitDeny");
        assertThat(results.get(0).matchedPolicies()).containsExactly("inline-2/role");
        assertThat(results.get(1).decision()).isEqualTo("allowed");
        assertThat(results.get(1).matchedPolicies()).containsExactly("inline-1/role");
    }

    @Test
    void simulate_whenNoStatementAllows_isImplicitDeny() {
        String role = role(policy("""
                {"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}"""));

        EvalResult result = simulate(role, List.of("ssmmessages:CreateDataChannel"), List.of(), List.of()).single();

        assertThat(result.decision()).isEqualTo("implicitDeny");
        assertThat(result.matchedPolicies()).isEmpty();
    }

    @Test
    void simulate_whenTheRequestedRegionConditionHolds_isAllowed() {
        String role = role(kmsDecryptInUsEast1());

        EvalResult result = simulate(role, List.of("kms:Decrypt"), List.of(KEY_A),
                List.of(ContextItem.string("aws:RequestedRegion", "us-east-1"))).single();

        assertThat(result.decision()).isEqualTo("allowed");
        assertThat(result.missingContextValues()).isEmpty();
    }

    @Test
    void simulate_whenTheRequestedRegionDiffers_isImplicitDenyWithNothingMissing() {
        String role = role(kmsDecryptInUsEast1());

        EvalResult result = simulate(role, List.of("kms:Decrypt"), List.of(KEY_A),
                List.of(ContextItem.string("aws:RequestedRegion", "eu-west-1"))).single();

        assertThat(result.decision()).isEqualTo("implicitDeny");
        assertThat(result.missingContextValues()).isEmpty();
    }

    @Test
    void simulate_whenTheContextLacksAConditionKey_reportsItMissing() {
        String role = role(kmsDecryptInUsEast1());

        EvalResult result = simulate(role, List.of("kms:Decrypt"), List.of(KEY_A), List.of()).single();

        assertThat(result.decision()).isEqualTo("implicitDeny");
        assertThat(result.missingContextValues()).containsExactly("aws:RequestedRegion");
        assertThat(result.resourceSpecific()).singleElement().satisfies(r -> {
            assertThat(r.resource()).isEqualTo(KEY_A);
            assertThat(r.missingContextValues()).containsExactly("aws:RequestedRegion");
        });
    }

    @Test
    void simulate_whenThePermissionsBoundaryDoesNotAllow_isImplicitDenyNotAllowedByTheBoundary() {
        String boundary = managedPolicy("logs-only-boundary", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}""");
        String role = role(policy("""
                {"Effect":"Allow","Action":["ssmmessages:*","logs:*"],"Resource":"*"}"""));
        raw.query("iam", "PutRolePermissionsBoundary", IAM_VERSION, "RoleName", roleName(role),
                "PermissionsBoundary", boundary).ok();

        List<EvalResult> results = simulate(role, List.of("ssmmessages:OpenDataChannel", "logs:PutLogEvents"),
                List.of(), List.of()).results();

        assertThat(results.get(0).decision()).isEqualTo("implicitDeny");
        assertThat(results.get(0).allowedByBoundary()).isEqualTo("false");
        assertThat(results.get(1).decision()).isEqualTo("allowed");
        assertThat(results.get(1).allowedByBoundary()).isEqualTo("true");
    }

    @Test
    void simulate_withSeveralResources_reportsEachResourceAndTheMostRestrictiveDecision() {
        String role = role(policy("""
                {"Effect":"Allow","Action":"kms:Decrypt","Resource":"%s"}""".formatted(KEY_A)));

        EvalResult result = simulate(role, List.of("kms:Decrypt"), List.of(KEY_A, KEY_B), List.of()).single();

        assertThat(result.decision()).isEqualTo("implicitDeny");
        assertThat(result.resource()).isEqualTo("*");
        assertThat(result.resourceSpecific()).containsExactly(
                new ResourceResult(KEY_A, "allowed", List.of("inline-1/role"), List.of()),
                new ResourceResult(KEY_B, "implicitDeny", List.of(), List.of()));
    }

    @Test
    void simulate_withAnAttachedAwsManagedPolicy_evaluatesItsDocument() {
        String role = role();
        raw.query("iam", "AttachRolePolicy", IAM_VERSION, "RoleName", roleName(role),
                "PolicyArn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore").ok();

        EvalResult result = simulate(role, List.of("ssmmessages:CreateControlChannel"), List.of(), List.of()).single();

        assertThat(result.decision()).isEqualTo("allowed");
        assertThat(result.matchedPolicies()).containsExactly("AmazonSSMManagedInstanceCore/aws-managed");
    }

    @Test
    void simulate_withACustomerManagedPolicy_usesItsDefaultVersion() {
        String policyArn = managedPolicy("exec-access", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:ExecuteCommand","Resource":"*"}]}""");
        raw.query("iam", "CreatePolicyVersion", IAM_VERSION, "PolicyArn", policyArn, "SetAsDefault", "true",
                "PolicyDocument", """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:DescribeTasks","Resource":"*"}]}""").ok();
        String role = role();
        raw.query("iam", "AttachRolePolicy", IAM_VERSION, "RoleName", roleName(role), "PolicyArn", policyArn).ok();

        List<EvalResult> results = simulate(role, List.of("ecs:ExecuteCommand", "ecs:DescribeTasks"), List.of(), List.of())
                .results();

        assertThat(results).extracting(EvalResult::decision).containsExactly("implicitDeny", "allowed");
        assertThat(results.get(1).matchedPolicies()).containsExactly("exec-access/user-managed");
    }

    @Test
    void simulate_withPolicyInputs_addsThePoliciesAndReplacesTheBoundary() {
        String role = role();

        Reply reply = raw.query("iam", "SimulatePrincipalPolicy", IAM_VERSION, "PolicySourceArn", role,
                "ActionNames.member.1", "ecs:ExecuteCommand", "ActionNames.member.2", "ecs:DescribeTasks",
                "PolicyInputList.member.1", policy("""
                        {"Effect":"Allow","Action":"ecs:*","Resource":"*"}"""),
                "PermissionsBoundaryPolicyInputList.member.1", policy("""
                        {"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}""")).ok();

        List<Node> results = Xml.nodes(reply.xml(), "//EvaluationResults/member");
        assertThat(results).extracting(r -> Xml.text(r, "EvalDecision")).containsExactly("implicitDeny", "allowed");
        assertThat(Xml.text(results.get(1), "MatchedStatements/member/SourcePolicyId")).isEqualTo("PolicyInputList.1");
        assertThat(Xml.text(results.get(0), "PermissionsBoundaryDecisionDetail/AllowedByPermissionsBoundary"))
                .isEqualTo("false");
    }

    @Test
    void simulate_forAUser_includesTheirGroupsPolicies() {
        raw.query("iam", "CreateUser", IAM_VERSION, "UserName", "operator").ok();
        raw.query("iam", "CreateGroup", IAM_VERSION, "GroupName", "operators").ok();
        raw.query("iam", "AddUserToGroup", IAM_VERSION, "GroupName", "operators", "UserName", "operator").ok();
        raw.query("iam", "PutGroupPolicy", IAM_VERSION, "GroupName", "operators", "PolicyName", "exec",
                "PolicyDocument", policy("""
                        {"Effect":"Allow","Action":"ecs:ExecuteCommand","Resource":"*"}""")).ok();

        EvalResult result = simulate(ACCOUNT + "user/operator", List.of("ecs:ExecuteCommand"), List.of(), List.of()).single();

        assertThat(result.decision()).isEqualTo("allowed");
        assertThat(result.matchedPolicies()).containsExactly("exec/group");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statementCases")
    void simulate_evaluatesStatementElements(String description, String statement, List<ContextItem> context,
                                             String expectedDecision) {
        String role = role(policy(statement));

        EvalResult result = simulate(role, List.of("ecs:ExecuteCommand"),
                List.of("arn:aws:ecs:us-east-1:123456789012:cluster/prod-web"), context).single();

        assertThat(result.decision()).as(description).isEqualTo(expectedDecision);
    }

    static Stream<Arguments> statementCases() {
        String cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/prod-web";
        return Stream.of(
                Arguments.of("action names compare case-insensitively",
                        allow("\"Action\":\"ECS:executecommand\",\"Resource\":\"*\""), List.of(), "allowed"),
                Arguments.of("action wildcard", allow("\"Action\":\"ecs:Execute*\",\"Resource\":\"*\""), List.of(), "allowed"),
                Arguments.of("NotAction excludes the action",
                        allow("\"NotAction\":\"ecs:*\",\"Resource\":\"*\""), List.of(), "implicitDeny"),
                Arguments.of("NotAction covers other actions",
                        allow("\"NotAction\":\"iam:*\",\"Resource\":\"*\""), List.of(), "allowed"),
                Arguments.of("resource wildcard matches",
                        allow("\"Action\":\"ecs:*\",\"Resource\":\"arn:aws:ecs:*:*:cluster/prod-*\""), List.of(), "allowed"),
                Arguments.of("resource wildcard misses",
                        allow("\"Action\":\"ecs:*\",\"Resource\":\"arn:aws:ecs:*:*:cluster/dev-*\""), List.of(), "implicitDeny"),
                Arguments.of("NotResource excludes the resource",
                        allow("\"Action\":\"ecs:*\",\"NotResource\":\"" + cluster + "\""), List.of(), "implicitDeny"),
                Arguments.of("StringLike matches", conditioned("StringLike", "ecs:cluster", "\"*/prod-*\""),
                        List.of(ContextItem.string("ecs:cluster", cluster)), "allowed"),
                Arguments.of("StringNotLike rejects", conditioned("StringNotLike", "ecs:cluster", "\"*/prod-*\""),
                        List.of(ContextItem.string("ecs:cluster", cluster)), "implicitDeny"),
                Arguments.of("StringEquals is case-sensitive", conditioned("StringEquals", "aws:PrincipalTag/team", "\"Web\""),
                        List.of(ContextItem.string("aws:PrincipalTag/team", "web")), "implicitDeny"),
                Arguments.of("StringEqualsIgnoreCase", conditioned("StringEqualsIgnoreCase", "aws:PrincipalTag/team", "\"Web\""),
                        List.of(ContextItem.string("aws:PrincipalTag/team", "web")), "allowed"),
                Arguments.of("StringNotEquals holds for another value",
                        conditioned("StringNotEquals", "aws:RequestedRegion", "[\"eu-west-1\",\"eu-central-1\"]"),
                        List.of(ContextItem.string("aws:RequestedRegion", "us-east-1")), "allowed"),
                Arguments.of("condition key names compare case-insensitively",
                        conditioned("StringEquals", "AWS:requestedregion", "\"us-east-1\""),
                        List.of(ContextItem.string("aws:RequestedRegion", "us-east-1")), "allowed"),
                Arguments.of("ArnLike", conditioned("ArnLike", "aws:SourceArn", "\"arn:aws:ecs:*:123456789012:cluster/*\""),
                        List.of(ContextItem.string("aws:SourceArn", cluster)), "allowed"),
                Arguments.of("ArnEquals misses", conditioned("ArnEquals", "aws:SourceArn", "\"arn:aws:ecs:us-east-1:123456789012:cluster/other\""),
                        List.of(ContextItem.string("aws:SourceArn", cluster)), "implicitDeny"),
                Arguments.of("ArnNotLike holds", conditioned("ArnNotLike", "aws:SourceArn", "\"arn:aws:ecs:*:*:cluster/dev-*\""),
                        List.of(ContextItem.string("aws:SourceArn", cluster)), "allowed"),
                Arguments.of("ArnNotEquals rejects", conditioned("ArnNotEquals", "aws:SourceArn", "\"" + cluster + "\""),
                        List.of(ContextItem.string("aws:SourceArn", cluster)), "implicitDeny"),
                Arguments.of("Bool holds", conditioned("Bool", "aws:SecureTransport", "true"),
                        List.of(new ContextItem("aws:SecureTransport", "boolean", List.of("TRUE"))), "allowed"),
                Arguments.of("Bool rejects", conditioned("Bool", "aws:SecureTransport", "\"true\""),
                        List.of(new ContextItem("aws:SecureTransport", "boolean", List.of("false"))), "implicitDeny"),
                Arguments.of("Null true holds for an absent key", conditioned("Null", "aws:TokenIssueTime", "\"true\""),
                        List.of(), "allowed"),
                Arguments.of("Null false needs the key", conditioned("Null", "aws:TokenIssueTime", "\"false\""),
                        List.of(), "implicitDeny"),
                Arguments.of("IfExists holds for an absent key",
                        conditioned("StringEqualsIfExists", "aws:RequestedRegion", "\"us-east-1\""), List.of(), "allowed"),
                Arguments.of("IfExists still compares a present key",
                        conditioned("StringEqualsIfExists", "aws:RequestedRegion", "\"us-east-1\""),
                        List.of(ContextItem.string("aws:RequestedRegion", "eu-west-1")), "implicitDeny"),
                Arguments.of("ForAnyValue holds when one value matches",
                        conditioned("ForAnyValue:StringEquals", "aws:TagKeys", "[\"team\"]"),
                        List.of(new ContextItem("aws:TagKeys", "stringList", List.of("cost", "team"))), "allowed"),
                Arguments.of("ForAllValues rejects when one value is outside",
                        conditioned("ForAllValues:StringEquals", "aws:TagKeys", "[\"team\",\"owner\"]"),
                        List.of(new ContextItem("aws:TagKeys", "stringList", List.of("cost", "team"))), "implicitDeny"),
                Arguments.of("ForAllValues holds when every value is inside",
                        conditioned("ForAllValues:StringEquals", "aws:TagKeys", "[\"team\",\"owner\"]"),
                        List.of(new ContextItem("aws:TagKeys", "stringList", List.of("team"))), "allowed"),
                Arguments.of("ForAllValues holds for an absent key",
                        conditioned("ForAllValues:StringEquals", "aws:TagKeys", "[\"team\"]"), List.of(), "allowed"),
                Arguments.of("all condition operators must hold",
                        allow("\"Action\":\"ecs:*\",\"Resource\":\"*\",\"Condition\":{"
                                + "\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}"),
                        List.of(ContextItem.string("aws:RequestedRegion", "us-east-1"),
                                new ContextItem("aws:SecureTransport", "boolean", List.of("false"))), "implicitDeny"));
    }

    @Test
    void simulate_forAnUnknownPrincipal_isNoSuchEntity() {
        Reply reply = raw.query("iam", "SimulatePrincipalPolicy", IAM_VERSION,
                "PolicySourceArn", ACCOUNT + "role/no-such-role", "ActionNames.member.1", "ecs:ExecuteCommand");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text("//Code")).isEqualTo("NoSuchEntity");
    }

    @Test
    void simulate_withAnUnsupportedConditionOperator_failsInsteadOfGuessing() {
        String role = role(policy(conditioned("NumericLessThan", "s3:max-keys", "\"10\"")));

        Reply reply = raw.query("iam", "SimulatePrincipalPolicy", IAM_VERSION,
                "PolicySourceArn", role, "ActionNames.member.1", "ecs:ExecuteCommand");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("//Message")).contains("NumericLessThan");
    }

    @Test
    void simulate_answersWhatTheAwsSdkParses() {
        String boundary = managedPolicy("sdk-boundary", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}""");
        String role = role(kmsDecryptInUsEast1());
        raw.query("iam", "PutRolePermissionsBoundary", IAM_VERSION, "RoleName", roleName(role),
                "PermissionsBoundary", boundary).ok();

        try (IamClient iam = IamClient.builder()
                .endpointOverride(URI.create(aws.endpoint()))
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            SimulatePrincipalPolicyResponse response = iam.simulatePrincipalPolicy(r -> r
                    .policySourceArn(role)
                    .actionNames("kms:Decrypt", "kms:Encrypt")
                    .resourceArns(KEY_A, KEY_B)
                    .contextEntries(ContextEntry.builder().contextKeyName("aws:RequestedRegion")
                            .contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues("us-east-1").build()));

            assertThat(response.isTruncated()).isFalse();
            EvaluationResult decrypt = response.evaluationResults().get(0);
            assertThat(decrypt.evalActionName()).isEqualTo("kms:Decrypt");
            assertThat(decrypt.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(decrypt.matchedStatements()).singleElement().satisfies(s -> {
                assertThat(s.sourcePolicyId()).isEqualTo("inline-1");
                assertThat(s.sourcePolicyTypeAsString()).isEqualTo("role");
            });
            assertThat(decrypt.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isTrue();
            assertThat(decrypt.organizationsDecisionDetail().allowedByOrganizations()).isTrue();
            assertThat(decrypt.resourceSpecificResults()).extracting(ResourceSpecificResult::evalResourceName,
                    ResourceSpecificResult::evalResourceDecision).containsExactly(
                    tuple(KEY_A, PolicyEvaluationDecisionType.ALLOWED),
                    tuple(KEY_B, PolicyEvaluationDecisionType.ALLOWED));
            assertThat(response.evaluationResults().get(1).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        }
    }

    private static String kmsDecryptInUsEast1() {
        return policy("""
                {"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:*:123456789012:key/*",
                 "Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}""");
    }

    private static String allow(String elements) {
        return "{\"Effect\":\"Allow\"," + elements + "}";
    }

    private static String conditioned(String operator, String key, String valueJson) {
        return allow("\"Action\":\"ecs:*\",\"Resource\":\"*\",\"Condition\":{\"" + operator + "\":{\"" + key + "\":" + valueJson + "}}");
    }

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    /** Creates a role with the given inline policies, named inline-1, inline-2, ...; returns its ARN. */
    private static String role(String... inlinePolicies) {
        String name = "role-" + ROLE_NUMBER.incrementAndGet();
        String arn = raw.query("iam", "CreateRole", IAM_VERSION, "RoleName", name,
                "AssumeRolePolicyDocument", TRUST_ECS_TASKS).ok().text("//Arn");
        for (int i = 0; i < inlinePolicies.length; i++) {
            raw.query("iam", "PutRolePolicy", IAM_VERSION, "RoleName", name, "PolicyName", "inline-" + (i + 1),
                    "PolicyDocument", inlinePolicies[i]).ok();
        }
        return arn;
    }

    private static String roleName(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    private static String managedPolicy(String name, String document) {
        return raw.query("iam", "CreatePolicy", IAM_VERSION, "PolicyName", name, "PolicyDocument", document).ok()
                .text("//Arn");
    }

    private static Simulation simulate(String principalArn, List<String> actions, List<String> resources,
                                       List<ContextItem> context) {
        List<String> parameters = new ArrayList<>(List.of("PolicySourceArn", principalArn));
        for (int i = 0; i < actions.size(); i++) {
            parameters.addAll(List.of("ActionNames.member." + (i + 1), actions.get(i)));
        }
        for (int i = 0; i < resources.size(); i++) {
            parameters.addAll(List.of("ResourceArns.member." + (i + 1), resources.get(i)));
        }
        for (int i = 0; i < context.size(); i++) {
            String prefix = "ContextEntries.member." + (i + 1) + ".";
            parameters.addAll(List.of(prefix + "ContextKeyName", context.get(i).name(),
                    prefix + "ContextKeyType", context.get(i).type()));
            for (int v = 0; v < context.get(i).values().size(); v++) {
                parameters.addAll(List.of(prefix + "ContextKeyValues.member." + (v + 1), context.get(i).values().get(v)));
            }
        }
        Reply reply = raw.query("iam", "SimulatePrincipalPolicy", IAM_VERSION, parameters.toArray(String[]::new)).ok();
        List<EvalResult> results = Xml.nodes(reply.xml(), "//EvaluationResults/member").stream()
                .map(SimulatePrincipalPolicyTest::evalResult).toList();
        assertThat(reply.text("//IsTruncated")).isEqualTo("false");
        return new Simulation(results);
    }

    private static EvalResult evalResult(Node member) {
        return new EvalResult(Xml.text(member, "EvalActionName"), Xml.text(member, "EvalResourceName"),
                Xml.text(member, "EvalDecision"), matched(member), Xml.texts(member, "MissingContextValues/member"),
                Xml.text(member, "OrganizationsDecisionDetail/AllowedByOrganizations"),
                Xml.text(member, "PermissionsBoundaryDecisionDetail/AllowedByPermissionsBoundary"),
                Xml.nodes(member, "ResourceSpecificResults/member").stream()
                        .map(r -> new ResourceResult(Xml.text(r, "EvalResourceName"), Xml.text(r, "EvalResourceDecision"),
                                matched(r), Xml.texts(r, "MissingContextValues/member")))
                        .toList());
    }

    private static List<String> matched(Node node) {
        return Xml.nodes(node, "MatchedStatements/member").stream()
                .map(s -> Xml.text(s, "SourcePolicyId") + "/" + Xml.text(s, "SourcePolicyType")).toList();
    }

    record ContextItem(String name, String type, List<String> values) {

        static ContextItem string(String name, String value) {
            return new ContextItem(name, "string", List.of(value));
        }
    }

    record Simulation(List<EvalResult> results) {

        EvalResult single() {
            assertThat(results).hasSize(1);
            return results.get(0);
        }
    }

    /** One EvaluationResults member; matched statements as "policyId/policyType". */
    record EvalResult(String action, String resource, String decision, List<String> matchedPolicies,
                      List<String> missingContextValues, String allowedByOrganizations, String allowedByBoundary,
                      List<ResourceResult> resourceSpecific) {
    }

    record ResourceResult(String resource, String decision, List<String> matchedPolicies, List<String> missingContextValues) {
    }
}
