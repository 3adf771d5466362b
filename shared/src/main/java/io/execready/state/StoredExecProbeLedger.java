package io.execready.state;

import io.execready.probe.ProbeOutcome;
import io.execready.probe.ProbePhase;
import io.execready.snapshot.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link ExecProbeLedger} in the state table: one item per probe in the subject's partition,
 * {@code sk = probe#FINGERPRINT}, created by a conditional put (the claim) and completed with the
 * outcome. {@link SubjectStore#read} passes over these items. They expire with the subject's state.
 */
public final class StoredExecProbeLedger implements ExecProbeLedger {

    static final String PROBE_PREFIX = "probe#";
    private static final String CLAIMED_AT = "claimedAt";
    private static final String PROBED_AT = "probedAt";
    private static final String OUTCOME = "outcome";
    private static final String SESSION_ID = "sessionId";
    private static final String PHASE = "phase";
    private static final String ERROR = "error";
    private static final String TIME_TO_SENTINEL = "timeToSentinelMillis";
    private static final String SENTINEL_READ = "SENTINEL_READ";
    private static final String FAILED = "FAILED";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public StoredExecProbeLedger(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public boolean claim(Subject subject, String fingerprint, Instant now) {
        try {
            // An update that creates the item: the functions may update and read state, never put it.
            dynamoDb.updateItem(r -> r.tableName(tableName).key(key(subject, fingerprint))
                    .updateExpression("SET #claimedAt = :claimedAt, #expiresAt = :expiresAt")
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", StateTable.PARTITION_KEY, "#claimedAt", CLAIMED_AT,
                            "#expiresAt", StateTable.TTL_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":claimedAt", AttributeValue.fromS(now.toString()), ":expiresAt", expiry(now))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StateStoreException("Cannot claim the exec probe of " + subject.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void record(Subject subject, String fingerprint, ProbeOutcome outcome, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":probedAt", AttributeValue.fromS(now.toString()));
        values.put(":sessionId", AttributeValue.fromS(outcome.sessionId()));
        StringBuilder update = new StringBuilder("SET #probedAt = :probedAt, #sessionId = :sessionId, #outcome = :outcome");
        Map<String, String> names = new HashMap<>(Map.of("#probedAt", PROBED_AT, "#sessionId", SESSION_ID, "#outcome", OUTCOME));
        switch (outcome) {
            case ProbeOutcome.SentinelRead read -> {
                values.put(":outcome", AttributeValue.fromS(SENTINEL_READ));
                values.put(":time", AttributeValue.fromN(Long.toString(read.timeToSentinel().toMillis())));
                names.put("#time", TIME_TO_SENTINEL);
                update.append(", #time = :time");
            }
            case ProbeOutcome.Failed failed -> {
                values.put(":outcome", AttributeValue.fromS(FAILED));
                values.put(":phase", AttributeValue.fromS(failed.phase().name()));
                values.put(":error", AttributeValue.fromS(failed.error()));
                names.put("#phase", PHASE);
                names.put("#error", ERROR);
                update.append(", #phase = :phase, #error = :error");
            }
        }
        try {
            dynamoDb.updateItem(r -> r.tableName(tableName).key(key(subject, fingerprint))
                    .updateExpression(update.toString())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (SdkException e) {
            throw new StateStoreException("Cannot record the exec probe of " + subject.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ProbeOutcome> recorded(Subject subject, String fingerprint) {
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.getItem(r -> r.tableName(tableName).key(key(subject, fingerprint)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw new StateStoreException("Cannot read the exec probe of " + subject.describe() + ": " + e.getMessage(), e);
        }
        if (item == null || !item.containsKey(OUTCOME)) {
            return Optional.empty();
        }
        String sessionId = item.get(SESSION_ID).s();
        return Optional.of(switch (item.get(OUTCOME).s()) {
            case SENTINEL_READ -> new ProbeOutcome.SentinelRead(sessionId, Duration.ofMillis(Long.parseLong(item.get(TIME_TO_SENTINEL).n())));
            default -> new ProbeOutcome.Failed(sessionId, ProbePhase.valueOf(item.get(PHASE).s()), item.get(ERROR).s());
        });
    }

    private static Map<String, AttributeValue> key(Subject subject, String fingerprint) {
        return Map.of(StateTable.PARTITION_KEY, AttributeValue.fromS(StateTable.subjectPartition(subject)),
                StateTable.SORT_KEY, AttributeValue.fromS(PROBE_PREFIX + fingerprint));
    }

    private static AttributeValue expiry(Instant now) {
        return AttributeValue.fromN(Long.toString(now.plus(StateTable.SUBJECT_RETENTION).getEpochSecond()));
    }
}
