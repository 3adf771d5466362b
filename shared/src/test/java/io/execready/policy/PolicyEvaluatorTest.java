package io.execready.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The evaluator against a table of policies, each asked about the task role's kms:Decrypt on the key. */
class PolicyEvaluatorTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/app";
    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/k1";
    private static final PolicyRequest DECRYPT = PolicyRequest.of(ROLE, "kms:Decrypt", KEY, "eu-west-1");

    private static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String allow(String principal, String action, String resource) {
        return "{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":" + action + ",\"Resource\":" + resource + "}";
    }

    private static String deny(String principal, String action, String resource) {
        return "{\"Sid\":\"D\",\"Effect\":\"Deny\",\"Principal\":" + principal + ",\"Action\":" + action + ",\"Resource\":" + resource + "}";
    }

    private static String allowWhen(String condition) {
        return "{\"Sid\":\"C\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ROLE + "\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":" + condition + "}";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("principal by ARN", policy(allow("{\"AWS\":\"" + ROLE + "\"}", "\"kms:Decrypt\"", "\"*\"")), new PolicyVerdict.Allowed("A")),
                Arguments.of("principal *", policy(allow("\"*\"", "\"kms:*\"", "\"*\"")), new PolicyVerdict.Allowed("A")),
                Arguments.of("principal {AWS: *}", policy(allow("{\"AWS\":[\"*\"]}", "\"kms:Decrypt\"", "\"*\"")), new PolicyVerdict.Allowed("A")),
                Arguments.of("account root delegates to IAM",
                        policy(allow("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "\"kms:*\"", "\"*\"")), new PolicyVerdict.DelegatedToAccount("A")),
                Arguments.of("bare account id delegates to IAM", policy(allow("{\"AWS\":\"111122223333\"}", "\"kms:*\"", "\"*\"")),
                        new PolicyVerdict.DelegatedToAccount("A")),
                Arguments.of("another account's root", policy(allow("{\"AWS\":\"arn:aws:iam::999999999999:root\"}", "\"kms:*\"", "\"*\"")),
                        new PolicyVerdict.NotAllowed()),
                Arguments.of("another role", policy(allow("{\"AWS\":\"arn:aws:iam::111122223333:role/other\"}", "\"kms:*\"", "\"*\"")),
                        new PolicyVerdict.NotAllowed()),
                Arguments.of("service principal only", policy(allow("{\"Service\":\"logs.amazonaws.com\"}", "\"kms:*\"", "\"*\"")),
                        new PolicyVerdict.NotAllowed()),
                Arguments.of("deny wins over allow", policy(allow("\"*\"", "\"kms:*\"", "\"*\""), deny("\"*\"", "\"kms:Decrypt\"", "\"*\"")),
                        new PolicyVerdict.Denied("D")),
                Arguments.of("deny of the account root covers its roles",
                        policy(allow("\"*\"", "\"kms:*\"", "\"*\""), deny("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "\"kms:Decrypt\"", "\"*\"")),
                        new PolicyVerdict.Denied("D")),
                Arguments.of("deny of another action", policy(allow("\"*\"", "\"kms:*\"", "\"*\""), deny("\"*\"", "\"kms:Encrypt\"", "\"*\"")),
                        new PolicyVerdict.Allowed("A")),
                Arguments.of("action wildcard ?", policy(allow("\"*\"", "\"kms:Decryp?\"", "\"*\"")), new PolicyVerdict.Allowed("A")),
                Arguments.of("action case-insensitive", policy(allow("\"*\"", "\"KMS:decrypt\"", "\"*\"")), new PolicyVerdict.Allowed("A")),
                Arguments.of("NotAction excludes the action",
                        policy("{\"Sid\":\"N\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":\"kms:Decrypt\",\"Resource\":\"*\"}"),
                        new PolicyVerdict.NotAllowed()),
                Arguments.of("NotAction allows the rest",
                        policy("{\"Sid\":\"N\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":\"kms:Schedule*\",\"Resource\":\"*\"}"),
                        new PolicyVerdict.Allowed("N")),
                Arguments.of("resource by ARN", policy(allow("\"*\"", "\"kms:Decrypt\"", "\"" + KEY + "\"")), new PolicyVerdict.Allowed("A")),
                Arguments.of("resource of another key", policy(allow("\"*\"", "\"kms:Decrypt\"", "\"arn:aws:kms:eu-west-1:111122223333:key/k2\"")),
                        new PolicyVerdict.NotAllowed()),
                Arguments.of("resource wildcard", policy(allow("\"*\"", "\"kms:Decrypt\"", "\"arn:aws:kms:*:111122223333:key/*\"")),
                        new PolicyVerdict.Allowed("A")),
                Arguments.of("NotResource excludes the key",
                        policy("{\"Sid\":\"R\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"NotResource\":\"" + KEY + "\"}",
                                allow("\"*\"", "\"kms:*\"", "\"*\"")), new PolicyVerdict.Allowed("A")),
                Arguments.of("NotPrincipal deny spares the listed role",
                        policy("{\"Sid\":\"NP\",\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"" + ROLE + "\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}",
                                allow("\"*\"", "\"kms:*\"", "\"*\"")), new PolicyVerdict.Allowed("A")),
                Arguments.of("NotPrincipal deny hits everyone else",
                        policy("{\"Sid\":\"NP\",\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:role/admin\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}",
                                allow("\"*\"", "\"kms:*\"", "\"*\"")), new PolicyVerdict.Denied("NP")),
                Arguments.of("StringEquals on a defined key, met", policy(allowWhen("{\"StringEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}")),
                        new PolicyVerdict.Allowed("C")),
                Arguments.of("StringEquals on a defined key, unmet", policy(allowWhen("{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"}}")),
                        new PolicyVerdict.NotAllowed()),
                Arguments.of("StringLike with a wildcard", policy(allowWhen("{\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/a*\"}}")),
                        new PolicyVerdict.Allowed("C")),
                Arguments.of("StringNotEquals holds for other values",
                        policy(allowWhen("{\"StringNotEquals\":{\"aws:RequestedRegion\":[\"us-east-1\",\"us-west-2\"]}}")), new PolicyVerdict.Allowed("C")),
                Arguments.of("condition keys are case-insensitive", policy(allowWhen("{\"StringEqualsIgnoreCase\":{\"AWS:requestedregion\":\"EU-WEST-1\"}}")),
                        new PolicyVerdict.Allowed("C")),
                Arguments.of("ArnLike", policy(allowWhen("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/*\"}}")),
                        new PolicyVerdict.Allowed("C")),
                Arguments.of("ArnNotEquals", policy(allowWhen("{\"ArnNotEquals\":{\"aws:PrincipalArn\":\"" + ROLE + "\"}}")),
                        new PolicyVerdict.NotAllowed()),
                Arguments.of("Bool on TLS, deny when insecure",
                        policy(allow("\"*\"", "\"kms:*\"", "\"*\""),
                                "{\"Sid\":\"TLS\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}"),
                        new PolicyVerdict.Allowed("A")),
                Arguments.of("two conditions must both hold",
                        policy(allowWhen("{\"StringEquals\":{\"aws:PrincipalAccount\":\"111122223333\",\"aws:RequestedRegion\":\"us-east-1\"}}")),
                        new PolicyVerdict.NotAllowed()),
                Arguments.of("unknown condition key: undecidable, naming the statement",
                        policy(allowWhen("{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1\"}}")),
                        new PolicyVerdict.Undecidable("C", "its condition StringEquals on aws:SourceVpce uses a key this request's context does not define")),
                Arguments.of("unknown operator: undecidable",
                        policy(allowWhen("{\"IpAddress\":{\"aws:PrincipalArn\":\"10.0.0.0/8\"}}")),
                        new PolicyVerdict.Undecidable("C", "its condition operator IpAddress is not one the engine evaluates")),
                Arguments.of("an undecidable deny overrides an allow",
                        policy(allow("\"*\"", "\"kms:*\"", "\"*\""),
                                "{\"Sid\":\"V\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-1\"}}}"),
                        new PolicyVerdict.Undecidable("V", "its condition StringNotEquals on aws:SourceVpce uses a key this request's context does not define")),
                Arguments.of("a decided deny is not hidden by an undecidable one",
                        policy("{\"Sid\":\"V\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1\"}}}",
                                deny("\"*\"", "\"kms:Decrypt\"", "\"*\"")),
                        new PolicyVerdict.Denied("D")),
                Arguments.of("a statement of another action is never undecidable",
                        policy(allow("\"*\"", "\"kms:*\"", "\"*\""),
                                "{\"Sid\":\"V\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:Encrypt\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1\"}}}"),
                        new PolicyVerdict.Allowed("A")),
                Arguments.of("no statement", policy(), new PolicyVerdict.NotAllowed()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluate(String name, String policy, PolicyVerdict expected) {
        assertThat(PolicyEvaluator.evaluate(PolicyDocument.parse(policy), DECRYPT)).isEqualTo(expected);
    }

    @Test
    void evaluate_whenAKeyIsKnownAbsent_appliesNullAndIfExistsAndNegatedOperators() {
        PolicyRequest put = PolicyRequest.of(ROLE, "s3:PutObject", "arn:aws:s3:::logs/exec/a", "eu-west-1")
                .without("s3:x-amz-server-side-encryption");
        String requiresHeader = policy(allow("\"*\"", "\"s3:*\"", "\"*\""),
                "{\"Sid\":\"SSE\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\",\"Condition\":{\"Null\":{\"s3:x-amz-server-side-encryption\":\"true\"}}}");
        String negated = policy(allow("\"*\"", "\"s3:*\"", "\"*\""),
                "{\"Sid\":\"SSE\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"s3:x-amz-server-side-encryption\":\"aws:kms\"}}}");
        String ifExists = policy(allow("\"*\"", "\"s3:*\"", "\"*\""),
                "{\"Sid\":\"SSE\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\",\"Condition\":{\"StringNotEqualsIfExists\":{\"s3:x-amz-server-side-encryption\":\"aws:kms\"}}}");
        String positive = policy(allow("\"*\"", "\"s3:*\"", "\"*\""),
                "{\"Sid\":\"SSE\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"s3:x-amz-server-side-encryption\":\"AES256\"}}}");

        assertThat(PolicyEvaluator.evaluate(PolicyDocument.parse(requiresHeader), put)).isEqualTo(new PolicyVerdict.Denied("SSE"));
        assertThat(PolicyEvaluator.evaluate(PolicyDocument.parse(negated), put)).isEqualTo(new PolicyVerdict.Denied("SSE"));
        assertThat(PolicyEvaluator.evaluate(PolicyDocument.parse(ifExists), put)).isEqualTo(new PolicyVerdict.Denied("SSE"));
        assertThat(PolicyEvaluator.evaluate(PolicyDocument.parse(positive), put)).isEqualTo(new PolicyVerdict.Allowed("A"));
    }

    @Test
    void evaluate_whenTheRequestNamesNoResource_decidesOnlyStatementsOnEveryResource() {
        PolicyRequest channel = PolicyRequest.of(ROLE, "ssmmessages:CreateControlChannel", null, "eu-west-1");

        assertThat(PolicyEvaluator.evaluate(PolicyDocument.fullAccess(), channel)).isEqualTo(new PolicyVerdict.Allowed("statement 1"));
        assertThat(PolicyEvaluator.evaluate(PolicyDocument.parse(policy(allow("\"*\"", "\"ssmmessages:*\"", "\"arn:aws:ssm:*:*:*\""))), channel))
                .isInstanceOf(PolicyVerdict.Undecidable.class);
    }

    @Test
    void parse_whenNotAPolicy_throwsNamingWhy() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PolicyDocument.parse("{\"Version\":\"2012-10-17\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Statement");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PolicyDocument.parse("not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    }
}
