package io.execready.state;

import io.execready.snapshot.Subject;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The layout of the subject store's single DynamoDB table. One partition per subject holds one
 * item per check and one item for the subject itself, so a single Query reads everything an
 * evaluation needs; tasks have small partitions of their own for event ordering.
 *
 * <pre>
 * pk                          sk               what
 * subject#CLUSTER_ARN|GROUP   check#CHECK_ID   last verdict fingerprint, CreatedAt, UpdatedAt, last import, last finding
 * subject#CLUSTER_ARN|GROUP   subject          failing set of the last transition, when and what was alerted, the
 *                                              state version (moved on by every write of the subject's findings or alert)
 * task#TASK_ARN               task             the last detail.version processed
 * </pre>
 *
 * <p>What one evaluation writes goes in as few requests as the conditions allow: the reservations
 * of its findings in one transaction, their import records in another (with the alert's pending
 * claim when there is one), the claim's completion with the event's version. A warm environment
 * that decides from its last read that nothing changed writes only the event's version, in one
 * transaction with a check that the subject's state version is still the one it read. A subject
 * holds at most one item per registered check (dozens), each with one gzip'd finding (ASFF caps a
 * finding at 240 KB before compression), so no item nears DynamoDB's 400 KB; the subject item
 * holds check id lists only. Items written before the state version existed read as version 0.
 *
 * <p>The subject item also carries its cluster ARN: the sparse index {@value #CLUSTER_INDEX}
 * (cluster ARN, subject key; keys only) lists the subjects of one cluster for the periodic sweep,
 * which archives those that are gone. Only subject items have the attribute, so the index holds
 * one small entry per subject and never the check or task items.
 *
 * <p>The template declares the same table: on-demand billing, point-in-time recovery, TTL on
 * {@value #TTL_ATTRIBUTE}. {@link #create} builds it that way for local runs and tests.
 */
public final class StateTable {

    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    /** Epoch seconds after which DynamoDB may delete the item: subjects long gone, tasks long stopped. */
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /** The index of subjects by cluster, and its two keys. */
    public static final String CLUSTER_INDEX = "subjects-by-cluster";
    public static final String CLUSTER_ATTRIBUTE = "clusterArn";
    public static final String SUBJECT_KEY_ATTRIBUTE = "subjectKey";

    /**
     * How long state outlives its last write. Longer than Security Hub keeps a finding without an
     * update (90 days), so the store never forgets a finding Security Hub still holds.
     */
    public static final Duration SUBJECT_RETENTION = Duration.ofDays(120);
    /** Event versions only matter while a task's events can still arrive. */
    public static final Duration TASK_RETENTION = Duration.ofDays(14);

    static final String SUBJECT_PREFIX = "subject#";
    static final String CHECK_PREFIX = "check#";
    static final String SUBJECT_SORT = "subject";
    static final String TASK_PREFIX = "task#";
    static final String TASK_SORT = "task";

    private StateTable() {
    }

    static String subjectPartition(Subject subject) {
        return SUBJECT_PREFIX + subject.key();
    }

    static String checkSort(String checkId) {
        return CHECK_PREFIX + checkId;
    }

    static String taskPartition(String taskArn) {
        return TASK_PREFIX + taskArn;
    }

    /**
     * Creates the table as the template declares it (point-in-time recovery aside, which changes no
     * behaviour and DynamoDB Local lacks) and waits until it is active.
     */
    public static void create(DynamoDbClient dynamoDb, String tableName) {
        dynamoDb.createTable(r -> r.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        stringAttribute(PARTITION_KEY),
                        stringAttribute(SORT_KEY),
                        stringAttribute(CLUSTER_ATTRIBUTE),
                        stringAttribute(SUBJECT_KEY_ATTRIBUTE))
                .keySchema(key(PARTITION_KEY, KeyType.HASH), key(SORT_KEY, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(CLUSTER_INDEX)
                        .keySchema(key(CLUSTER_ATTRIBUTE, KeyType.HASH), key(SUBJECT_KEY_ATTRIBUTE, KeyType.RANGE))
                        .projection(pr -> pr.projectionType(ProjectionType.KEYS_ONLY))
                        .build()));
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(tableName));
        dynamoDb.updateTimeToLive(r -> r.tableName(tableName)
                .timeToLiveSpecification(t -> t.attributeName(TTL_ATTRIBUTE).enabled(true)));
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
