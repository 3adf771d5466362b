package io.execready.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The IAM actions template.yaml grants, and the IAM action an SDK operation needs, so tests can hold
 * what the functions really call against what the template allows.
 */
final class GrantedActions {

    /** SDK service names (SdkExecutionAttribute.SERVICE_NAME) to IAM action prefixes. */
    private static final Map<String, String> IAM_PREFIX = Map.ofEntries(
            Map.entry("Ecs", "ecs"), Map.entry("Ec2", "ec2"), Map.entry("Iam", "iam"), Map.entry("Kms", "kms"),
            Map.entry("CloudWatchLogs", "logs"), Map.entry("S3", "s3"), Map.entry("SecurityHub", "securityhub"),
            Map.entry("Sns", "sns"), Map.entry("DynamoDb", "dynamodb"), Map.entry("Sts", "sts"), Map.entry("Sqs", "sqs"));

    /**
     * Operations whose IAM action is not named like the operation. DynamoDB authorizes a
     * transaction per item by the item's own action; ours contain Update entries, and the one that
     * marks a task event on an unchanged subject a ConditionCheck besides (dynamodb:ConditionCheckItem,
     * held against the template by {@code TemplateConsistencyTest}).
     */
    private static final Map<String, String> ACTION_OF_OPERATION = Map.of(
            "s3:GetBucketEncryption", "s3:GetEncryptionConfiguration",
            "s3:HeadBucket", "s3:ListBucket",
            "dynamodb:TransactWriteItems", "dynamodb:UpdateItem",
            // SendMessageBatch is authorized as one SendMessage per entry.
            "sqs:SendMessageBatch", "sqs:SendMessage");

    private GrantedActions() {
    }

    /** Every action named in any policy statement of the template, lower-cased. */
    static Set<String> inTemplate() {
        Path template = Path.of("..", "template.yaml");
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(template));
            Set<String> actions = new TreeSet<>();
            collect(root.path("Resources"), actions);
            return actions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code Ecs:DescribeClusters} (as the call recorder names it) to {@code ecs:describeclusters}. */
    static String actionOf(String recordedOperation) {
        int colon = recordedOperation.indexOf(':');
        String prefix = IAM_PREFIX.get(recordedOperation.substring(0, colon));
        if (prefix == null) {
            throw new IllegalArgumentException("no IAM prefix known for " + recordedOperation);
        }
        String action = prefix + ":" + recordedOperation.substring(colon + 1);
        return ACTION_OF_OPERATION.getOrDefault(action, action).toLowerCase(Locale.ROOT);
    }

    private static void collect(JsonNode node, Set<String> actions) {
        if (node.isObject() && node.has("Effect") && node.has("Action")) {
            JsonNode action = node.get("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText().toLowerCase(Locale.ROOT)));
            } else {
                actions.add(action.asText().toLowerCase(Locale.ROOT));
            }
            return;
        }
        node.elements().forEachRemaining(child -> collect(child, actions));
    }
}
