package io.execready.state;

import io.execready.snapshot.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The subject store over DynamoDB (layout in {@link StateTable}). Every write that decides a
 * transition is conditional on what the writer read, so concurrent functions agree: a write that
 * lost the race says so ({@code false}) and the caller reads again. Reads are strongly consistent.
 * Anything else DynamoDB reports becomes a {@link StateStoreException}.
 */
public final class SubjectStore {

    /** Cancellation codes of a transaction that lost to a concurrent writer; "None" marks the items that were fine. */
    private static final Set<String> RACE_CODES = Set.of("ConditionalCheckFailed", "TransactionConflict", "None");

    /** DynamoDB's limit of items in one transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;
    /**
     * What one transaction of import records may carry, well under DynamoDB's 4 MB per transaction:
     * a finding is at most 240 KB of JSON before gzip, so a full transaction of them is split.
     */
    static final int MAX_TRANSACTION_BYTES = 3_000_000;
    /** Task event versions this environment wrote or found written, kept to drop duplicates without a read. */
    static final int REMEMBERED_TASK_VERSIONS = 10_000;

    static final String CHECK_ID = "checkId";
    static final String FINGERPRINT = "fingerprint";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String IMPORTED_AT = "importedAt";
    static final String STATUS = "status";
    static final String TASK_ARN = "taskArn";
    static final String FINDING = "finding";
    static final String PENDING_FINGERPRINT = "pendingFingerprint";
    static final String RESERVED_AT = "reservedAt";
    static final String SUBJECT_KEY = StateTable.SUBJECT_KEY_ATTRIBUTE;
    static final String CLUSTER = StateTable.CLUSTER_ATTRIBUTE;
    static final String FAILING_CHECKS = "failingChecks";
    static final String ALERTED_AT = "alertedAt";
    static final String ALERT_KIND = "alertKind";
    static final String ALERT_REVISION = "alertRevision";
    static final String VERSION = "version";
    static final String SERVICE_EVALUATED_AT = "serviceEvaluatedAt";
    static final String UNDETERMINED_CHECKS = "undeterminedChecks";
    static final String PENDING_OWNER = "pendingAlertOwner";
    static final String PENDING_AT = "pendingAlertAt";
    static final String PREVIOUS_FAILING = "previousFailingChecks";
    static final String PREVIOUS_UNDETERMINED = "previousUndeterminedChecks";
    static final String PREVIOUS_KIND = "previousAlertKind";
    static final String STATE_VERSION = "stateVersion";
    private static final String SERVICE_GROUP = "service:";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Map<String, Long> taskVersions = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_TASK_VERSIONS;
        }
    });

    public SubjectStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** The subject's alert state and every check's finding state, in one consistent read. */
    public SubjectState read(Subject subject) {
        Map<String, CheckState> checks = new LinkedHashMap<>();
        AlertState alert = AlertState.NONE;
        long version = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse page = call("read the state of " + subject.describe(), () -> dynamoDb.query(r -> r.tableName(tableName)
                    .consistentRead(true)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", StateTable.PARTITION_KEY))
                    .expressionAttributeValues(Map.of(":pk", s(StateTable.subjectPartition(subject))))
                    .exclusiveStartKey(from)));
            for (Map<String, AttributeValue> item : page.items()) {
                String sort = item.get(StateTable.SORT_KEY).s();
                if (sort.equals(StateTable.SUBJECT_SORT)) {
                    alert = alertState(item);
                    version = stateVersion(item);
                } else if (sort.startsWith(StateTable.CHECK_PREFIX)) {
                    CheckState check = checkState(item);
                    checks.put(check.checkId(), check);
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return new SubjectState(subject, alert, checks, version);
    }

    /**
     * Reserves every finding in one transaction, each conditional on the UpdatedAt the caller read:
     * all or none. {@code false} when another evaluation changed one of them first (or was writing
     * them at the same moment); the caller reads again and decides again.
     */
    public boolean reserve(Subject subject, List<Reservation> reservations, Instant now) {
        if (reservations.isEmpty()) {
            return true;
        }
        if (reservations.size() > MAX_TRANSACTION_ITEMS - 1) {
            throw new IllegalArgumentException("at most " + (MAX_TRANSACTION_ITEMS - 1) + " findings per reservation, got " + reservations.size());
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(subjectChanged(subject, now));
        for (Reservation reservation : reservations) {
            Map<String, String> names = new HashMap<>(Map.of(
                    "#checkId", CHECK_ID, "#createdAt", CREATED_AT, "#updatedAt", UPDATED_AT,
                    "#pending", PENDING_FINGERPRINT, "#reservedAt", RESERVED_AT, "#expiresAt", StateTable.TTL_ATTRIBUTE));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(
                    ":checkId", s(reservation.checkId()),
                    ":createdAt", millis(reservation.createdAt()),
                    ":updatedAt", millis(reservation.updatedAt()),
                    ":pending", s(reservation.key()),
                    ":reservedAt", millis(now),
                    ":expiresAt", expiry(now)));
            String condition;
            if (reservation.previousUpdatedAt() == null) {
                condition = "attribute_not_exists(#updatedAt)";
            } else {
                condition = "#updatedAt = :previous";
                values.put(":previous", millis(reservation.previousUpdatedAt()));
            }
            writes.add(TransactWriteItem.builder().update(Update.builder()
                    .tableName(tableName)
                    .key(checkKey(subject, reservation.checkId()))
                    .updateExpression("SET #checkId = :checkId, #createdAt = if_not_exists(#createdAt, :createdAt), #updatedAt = :updatedAt, "
                            + "#pending = :pending, #reservedAt = :reservedAt, #expiresAt = :expiresAt")
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build()).build());
        }
        return transact("reserve findings of " + subject.describe(), writes);
    }

    /**
     * A cancellation because another writer came first (a condition no longer held, or a concurrent
     * transaction on the same item) is a lost race; anything else (throttling, validation) is not.
     */
    static boolean lostARace(TransactionCanceledException e) {
        return !e.hasCancellationReasons() || e.cancellationReasons().stream()
                .map(CancellationReason::code)
                .allMatch(code -> code == null || RACE_CODES.contains(code));
    }

    private static String reasons(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                ? e.cancellationReasons().stream().map(r -> r.code() + (r.message() == null ? "" : " (" + r.message() + ")")).toList().toString()
                : e.getMessage();
    }

    /**
     * Records a finished import, unless a later reservation of the same finding exists (then that
     * one records its own). The record is made only after Security Hub accepted the finding, so an
     * import that did not happen is never taken for one.
     *
     * @return whether the import was recorded
     */
    public boolean recordImport(Subject subject, Reservation reservation, String status, String taskArn, byte[] finding, Instant now) {
        return alone(subject, recordStep(subject, new FinishedImport(reservation, status, taskArn, SdkBytes.fromByteArray(finding)), now), now);
    }

    /**
     * Gives a reservation up after its import failed, so that the retry (or the next evaluation)
     * reserves again instead of waiting for it. UpdatedAt stays where it was: the next one is later still.
     */
    public boolean release(Subject subject, Reservation reservation) {
        // The reservation was made moments ago: its time serves for the subject's expiry.
        return alone(subject, releaseStep(subject, reservation), reservation.updatedAt());
    }

    /** One step written on its own, and the subject's version moved on when it was. */
    private boolean alone(Subject subject, Step step, Instant now) {
        boolean written = step.alone().getAsBoolean();
        if (written) {
            call("refresh the state of " + subject.describe(), () -> dynamoDb.updateItem(asUpdateRequest(subjectChanged(subject, now).update())));
        }
        return written;
    }

    /**
     * Records the imports Security Hub accepted and gives back the reservations of those it did not,
     * with the refresh of the subject's expiry, in one transaction (more only when the findings
     * outgrow one: {@value #MAX_TRANSACTION_ITEMS} items, {@value #MAX_TRANSACTION_BYTES} bytes).
     * Each record and release keeps its own condition (UpdatedAt still the one it reserved); when one
     * no longer holds (a later reservation of that finding exists), its transaction is cancelled and
     * every item of it is written on its own, so that the others still land.
     */
    public void finish(Subject subject, List<FinishedImport> recorded, List<Reservation> released, Instant now) {
        List<Step> steps = new ArrayList<>();
        recorded.forEach(r -> steps.add(recordStep(subject, r, now)));
        released.forEach(r -> steps.add(releaseStep(subject, r)));
        if (steps.isEmpty()) {
            return;
        }
        for (List<Step> chunk : chunks(steps)) {
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(subjectChanged(subject, now));
            chunk.forEach(step -> writes.add(step.write()));
            if (!transact("record the imports of " + subject.describe(), writes)) {
                chunk.forEach(step -> alone(subject, step, now));
            }
        }
    }

    /**
     * {@link #claimAlert(Subject, AlertState, AlertState, Instant)} and {@link #finish} of the
     * imports in one transaction, so that a first evaluation's records cost no request of their own.
     * {@code false} when the transaction lost to a concurrent writer: then nothing was written, and
     * the caller records the imports with {@link #finish} and decides the claim again.
     */
    public boolean claimAlert(Subject subject, AlertState expected, AlertState next, List<FinishedImport> recorded, Instant now) {
        if (recorded.isEmpty()) {
            return claimAlert(subject, expected, next, now);
        }
        List<Step> steps = recorded.stream().map(r -> recordStep(subject, r, now)).toList();
        if (chunks(steps).size() > 1) {
            finish(subject, recorded, List.of(), now);
            return claimAlert(subject, expected, next, now);
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(claimUpdate(subject, expected, next, now)).build());
        steps.forEach(step -> writes.add(step.write()));
        return transact("claim an alert transition for " + subject.describe() + " and record its imports", writes);
    }

    /**
     * Marks a task event handled on a subject the caller decided needs no write, conditional on the
     * subject's state still being the {@code version} it decided from: one request that both
     * confirms the decision and drops the event's duplicates.
     */
    public MarkOutcome markUnchanged(Subject subject, long version, TaskEventMark handled, Instant now) {
        Map<String, String> names = Map.of("#stateVersion", STATE_VERSION);
        ConditionCheck unchanged = version == 0
                ? ConditionCheck.builder().tableName(tableName).key(subjectKey(subject))
                        .conditionExpression("attribute_not_exists(#stateVersion)").expressionAttributeNames(names).build()
                : ConditionCheck.builder().tableName(tableName).key(subjectKey(subject))
                        .conditionExpression("#stateVersion = :version").expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":version", number(version))).build();
        List<TransactWriteItem> writes = List.of(TransactWriteItem.builder().conditionCheck(unchanged).build(),
                TransactWriteItem.builder().update(markUpdate(handled, now)).build());
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(writes));
            remember(handled);
            return MarkOutcome.MARKED;
        } catch (TransactionCanceledException e) {
            if (!lostARace(e)) {
                throw new StateStoreException("Could not mark event version " + handled.version() + " of " + handled.taskArn()
                        + " in DynamoDB table " + tableName + ": the transaction was cancelled for " + reasons(e), e);
            }
            if (e.hasCancellationReasons() && e.cancellationReasons().size() == writes.size()
                    && "None".equals(e.cancellationReasons().get(0).code())
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(1).code())) {
                remember(handled);
                return MarkOutcome.ALREADY_MARKED;
            }
            return MarkOutcome.STATE_MOVED;
        } catch (SdkException e) {
            throw new StateStoreException("Could not mark event version " + handled.version() + " of " + handled.taskArn()
                    + " in DynamoDB table " + tableName + ": " + e.getMessage(), e);
        }
    }

    /** Keeps the subject's items from expiring while its findings are alive. */
    public void touch(Subject subject, Instant now) {
        call("refresh the expiry of " + subject.describe(), () -> dynamoDb.updateItem(r -> r.tableName(tableName)
                .key(subjectKey(subject))
                .updateExpression("SET #subjectKey = :subjectKey, #cluster = :cluster, #expiresAt = :expiresAt")
                .expressionAttributeNames(Map.of("#subjectKey", SUBJECT_KEY, "#cluster", CLUSTER, "#expiresAt", StateTable.TTL_ATTRIBUTE))
                .expressionAttributeValues(Map.of(":subjectKey", s(subject.key()), ":cluster", s(subject.clusterArn()),
                        ":expiresAt", expiry(now)))));
    }

    /**
     * Moves the alert state from {@code expected} (as read) to {@code next}, pending claim included.
     * Exactly one of many concurrent callers that read the same revision succeeds.
     */
    public boolean claimAlert(Subject subject, AlertState expected, AlertState next, Instant now) {
        return conditionalUpdate("claim an alert transition for " + subject.describe(), claimUpdate(subject, expected, next, now));
    }

    private Update claimUpdate(Subject subject, AlertState expected, AlertState next, Instant now) {
        if (next.revision() != expected.revision() + 1) {
            throw new IllegalArgumentException("a transition moves the revision by one: " + expected.revision() + " -> " + next.revision());
        }
        Map<String, String> names = new HashMap<>(Map.of("#subjectKey", SUBJECT_KEY, "#cluster", CLUSTER, "#failing", FAILING_CHECKS,
                "#alertedAt", ALERTED_AT, "#kind", ALERT_KIND, "#revision", ALERT_REVISION, "#expiresAt", StateTable.TTL_ATTRIBUTE,
                "#undetermined", UNDETERMINED_CHECKS, "#stateVersion", STATE_VERSION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":subjectKey", s(subject.key()),
                ":cluster", s(subject.clusterArn()),
                ":failing", list(next.failingChecks()),
                ":alertedAt", millis(next.alertedAt() == null ? now : next.alertedAt()),
                ":kind", s(next.kind() == null ? "NONE" : next.kind()),
                ":next", number(next.revision()),
                ":expiresAt", expiry(now),
                ":undetermined", list(next.undetermined()),
                ":one", number(1)));
        String update = "SET #subjectKey = :subjectKey, #cluster = :cluster, #failing = :failing, #alertedAt = :alertedAt, #kind = :kind, "
                + "#revision = :next, #expiresAt = :expiresAt, #undetermined = :undetermined";
        names.putAll(Map.of("#pendingOwner", PENDING_OWNER, "#pendingAt", PENDING_AT, "#previousFailing", PREVIOUS_FAILING,
                "#previousUndetermined", PREVIOUS_UNDETERMINED, "#previousKind", PREVIOUS_KIND));
        if (next.pending().isPresent()) {
            PendingAlert pending = next.pending().get();
            update += ", #pendingOwner = :pendingOwner, #pendingAt = :pendingAt, #previousFailing = :previousFailing, "
                    + "#previousUndetermined = :previousUndetermined, #previousKind = :previousKind";
            values.putAll(Map.of(":pendingOwner", s(pending.owner()), ":pendingAt", millis(pending.claimedAt()),
                    ":previousFailing", list(pending.previousFailing()), ":previousUndetermined", list(pending.previousUndetermined()),
                    ":previousKind", s(pending.previousKind() == null ? "NONE" : pending.previousKind())));
        } else {
            update += " REMOVE #pendingOwner, #pendingAt, #previousFailing, #previousUndetermined, #previousKind";
        }
        update += " ADD #stateVersion :one";
        String condition;
        if (expected.revision() == 0) {
            condition = "attribute_not_exists(#revision)";
        } else {
            condition = "#revision = :expected";
            values.put(":expected", number(expected.revision()));
        }
        return Update.builder().tableName(tableName).key(subjectKey(subject)).updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /**
     * Confirms that the alert of the claim at {@code revision} was sent. Conditional on the revision
     * only, so that repeating it (an SDK retry of a write that happened) is harmless.
     */
    public boolean completeAlert(Subject subject, long revision) {
        return conditionalUpdate("confirm the alert of " + subject.describe(), completeUpdate(subject, revision));
    }

    /**
     * {@link #completeAlert(Subject, long)} and the mark of the task event that made the
     * transition, in one transaction. When either condition no longer holds (a later transition,
     * or the event marked already), each is written on its own.
     */
    public void completeAlert(Subject subject, long revision, TaskEventMark handled, Instant now) {
        List<TransactWriteItem> writes = List.of(TransactWriteItem.builder().update(completeUpdate(subject, revision)).build(),
                TransactWriteItem.builder().update(markUpdate(handled, now)).build());
        if (transact("confirm the alert of " + subject.describe() + " and mark event version " + handled.version() + " of " + handled.taskArn(),
                writes)) {
            remember(handled);
            return;
        }
        completeAlert(subject, revision);
        recordTaskVersion(handled.taskArn(), handled.version(), now);
    }

    private Update completeUpdate(Subject subject, long revision) {
        return Update.builder().tableName(tableName).key(subjectKey(subject))
                .updateExpression("REMOVE #pendingOwner, #pendingAt, #previousFailing, #previousUndetermined, #previousKind ADD #stateVersion :one")
                .conditionExpression("#revision = :revision")
                .expressionAttributeNames(Map.of("#pendingOwner", PENDING_OWNER, "#pendingAt", PENDING_AT, "#previousFailing", PREVIOUS_FAILING,
                        "#previousUndetermined", PREVIOUS_UNDETERMINED, "#previousKind", PREVIOUS_KIND, "#revision", ALERT_REVISION,
                        "#stateVersion", STATE_VERSION))
                .expressionAttributeValues(Map.of(":revision", number(revision), ":one", number(1)))
                .build();
    }

    /** When the service's last finished evaluation was recorded, if one was. */
    public Optional<Instant> lastServiceEvaluation(Subject subject) {
        Map<String, AttributeValue> item = call("read the last evaluation of " + subject.describe(), () -> dynamoDb.getItem(r -> r.tableName(tableName)
                .consistentRead(true)
                .key(subjectKey(subject)))).item();
        return item == null ? Optional.empty() : Optional.ofNullable(instant(item, SERVICE_EVALUATED_AT));
    }

    /**
     * Records a finished evaluation of the service at {@code now}, keeping a later one recorded
     * meanwhile. Repeating it is harmless, so an SDK retry of a write that happened changes nothing.
     */
    public void recordServiceEvaluation(Subject subject, Instant now) {
        conditionalUpdate("record an evaluation of " + subject.describe(), subjectKey(subject),
                "SET #subjectKey = :subjectKey, #cluster = :cluster, #evaluatedAt = :now, #expiresAt = :expiresAt",
                "attribute_not_exists(#evaluatedAt) OR #evaluatedAt <= :now",
                Map.of("#subjectKey", SUBJECT_KEY, "#cluster", CLUSTER, "#evaluatedAt", SERVICE_EVALUATED_AT, "#expiresAt", StateTable.TTL_ATTRIBUTE),
                Map.of(":subjectKey", s(subject.key()), ":cluster", s(subject.clusterArn()), ":now", number(now.toEpochMilli()),
                        ":expiresAt", expiry(now)));
    }

    /**
     * Every subject of a cluster the store holds state for (live or archived), through the
     * keys-only cluster index. The index is eventually consistent: a subject first written a moment
     * ago may be missing, which the sweep tolerates (it only archives what it sees).
     */
    public List<Subject> subjectsOf(String clusterArn) {
        List<Subject> subjects = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse page = call("list the subjects of cluster " + clusterArn, () -> dynamoDb.query(r -> r.tableName(tableName)
                    .indexName(StateTable.CLUSTER_INDEX)
                    .keyConditionExpression("#cluster = :cluster")
                    .expressionAttributeNames(Map.of("#cluster", CLUSTER))
                    .expressionAttributeValues(Map.of(":cluster", s(clusterArn)))
                    .exclusiveStartKey(from)));
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue key = item.get(SUBJECT_KEY);
                if (key != null && key.s() != null) {
                    subjectOfKey(clusterArn, key.s()).ifPresent(subjects::add);
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return subjects;
    }

    /** The subject whose {@link Subject#key()} this is, or empty for a key of another cluster. */
    static Optional<Subject> subjectOfKey(String clusterArn, String key) {
        String prefix = clusterArn + "|";
        if (!key.startsWith(prefix) || key.length() == prefix.length()) {
            return Optional.empty();
        }
        String group = key.substring(prefix.length());
        return Optional.of(group.startsWith(SERVICE_GROUP)
                ? Subject.service(clusterArn, group.substring(SERVICE_GROUP.length()))
                : new Subject(clusterArn, Subject.Kind.GROUP, group));
    }

    /** The last processed {@code detail.version} of a task, if one was recorded (a consistent read). */
    public OptionalLong lastTaskVersion(String taskArn) {
        Map<String, AttributeValue> item = call("read the last event version of " + taskArn, () -> dynamoDb.getItem(r -> r.tableName(tableName)
                .consistentRead(true)
                .key(taskKey(taskArn)))).item();
        AttributeValue version = item == null ? null : item.get(VERSION);
        return version == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(version.n()));
    }

    /**
     * The highest event version of the task this environment marked or found marked, without a
     * request; empty when it knows of none (the table may still hold one: the mark's condition
     * then finds it).
     */
    public OptionalLong knownTaskVersion(String taskArn) {
        Long known = taskVersions.get(taskArn);
        return known == null ? OptionalLong.empty() : OptionalLong.of(known);
    }

    /** Records a processed version; {@code false} when the same or a newer one was recorded first. */
    public boolean recordTaskVersion(String taskArn, long version, Instant now) {
        TaskEventMark handled = new TaskEventMark(taskArn, version);
        boolean recorded = conditionalUpdate("record event version " + version + " of " + taskArn, markUpdate(handled, now));
        // Either way the table now holds this version or a newer one.
        remember(handled);
        return recorded;
    }

    private Update markUpdate(TaskEventMark handled, Instant now) {
        return Update.builder().tableName(tableName).key(taskKey(handled.taskArn()))
                .updateExpression("SET #version = :version, #expiresAt = :expiresAt")
                .conditionExpression("attribute_not_exists(#version) OR #version < :version")
                .expressionAttributeNames(Map.of("#version", VERSION, "#expiresAt", StateTable.TTL_ATTRIBUTE))
                .expressionAttributeValues(Map.of(":version", number(handled.version()),
                        ":expiresAt", AttributeValue.fromN(Long.toString(now.plus(StateTable.TASK_RETENTION).getEpochSecond()))))
                .build();
    }

    private void remember(TaskEventMark handled) {
        taskVersions.merge(handled.taskArn(), handled.version(), Math::max);
    }

    /** One item of a batched write, and how to write it alone when its batch was cancelled. */
    private record Step(TransactWriteItem write, int bytes, BooleanSupplier alone) {
    }

    private Step recordStep(Subject subject, FinishedImport done, Instant now) {
        Reservation reservation = done.reservation();
        Update update = Update.builder().tableName(tableName).key(checkKey(subject, reservation.checkId()))
                .updateExpression("SET #fingerprint = :fingerprint, #status = :status, #importedAt = :now, #taskArn = :taskArn, "
                        + "#finding = :finding, #expiresAt = :expiresAt REMOVE #pending, #reservedAt")
                .conditionExpression("#updatedAt = :mine")
                .expressionAttributeNames(Map.of("#fingerprint", FINGERPRINT, "#status", STATUS, "#importedAt", IMPORTED_AT, "#taskArn", TASK_ARN,
                        "#finding", FINDING, "#expiresAt", StateTable.TTL_ATTRIBUTE, "#pending", PENDING_FINGERPRINT,
                        "#reservedAt", RESERVED_AT, "#updatedAt", UPDATED_AT))
                .expressionAttributeValues(Map.of(":fingerprint", s(reservation.key()), ":status", s(done.status()), ":now", millis(now),
                        ":taskArn", s(done.taskArn()), ":finding", AttributeValue.fromB(done.finding()), ":expiresAt", expiry(now),
                        ":mine", millis(reservation.updatedAt())))
                .build();
        return new Step(TransactWriteItem.builder().update(update).build(), done.approximateBytes(subject),
                () -> conditionalUpdate("record the import of " + reservation.checkId() + " for " + subject.describe(), update));
    }

    private Step releaseStep(Subject subject, Reservation reservation) {
        Update update = releaseUpdate(subject, reservation);
        return new Step(TransactWriteItem.builder().update(update).build(), 512,
                () -> conditionalUpdate("release the reservation of " + reservation.checkId() + " for " + subject.describe(), update));
    }

    private Update releaseUpdate(Subject subject, Reservation reservation) {
        return Update.builder().tableName(tableName).key(checkKey(subject, reservation.checkId()))
                .updateExpression("REMOVE #pending, #reservedAt")
                .conditionExpression("#updatedAt = :mine")
                .expressionAttributeNames(Map.of("#pending", PENDING_FINGERPRINT, "#reservedAt", RESERVED_AT, "#updatedAt", UPDATED_AT))
                .expressionAttributeValues(Map.of(":mine", millis(reservation.updatedAt())))
                .build();
    }

    /** Splits steps into transactions that leave room for the subject's own item. */
    private static List<List<Step>> chunks(List<Step> steps) {
        List<List<Step>> chunks = new ArrayList<>();
        List<Step> current = new ArrayList<>();
        int bytes = 0;
        for (Step step : steps) {
            if (!current.isEmpty() && (current.size() + 1 >= MAX_TRANSACTION_ITEMS || bytes + step.bytes() > MAX_TRANSACTION_BYTES)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(step);
            bytes += step.bytes();
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /** The subject item's part of every write that changes its findings or alert state: expiry refreshed, version moved on. */
    private TransactWriteItem subjectChanged(Subject subject, Instant now) {
        return TransactWriteItem.builder().update(Update.builder().tableName(tableName).key(subjectKey(subject))
                .updateExpression("SET #subjectKey = :subjectKey, #cluster = :cluster, #expiresAt = :expiresAt ADD #stateVersion :one")
                .expressionAttributeNames(Map.of("#subjectKey", SUBJECT_KEY, "#cluster", CLUSTER, "#expiresAt", StateTable.TTL_ATTRIBUTE,
                        "#stateVersion", STATE_VERSION))
                .expressionAttributeValues(Map.of(":subjectKey", s(subject.key()), ":cluster", s(subject.clusterArn()),
                        ":expiresAt", expiry(now), ":one", number(1)))
                .build()).build();
    }

    /** {@code true} when the transaction committed, {@code false} when it lost to a concurrent writer (nothing was written). */
    private boolean transact(String what, List<TransactWriteItem> writes) {
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (lostARace(e)) {
                return false;
            }
            throw new StateStoreException("Could not " + what + " in DynamoDB table " + tableName + ": the transaction was cancelled for "
                    + reasons(e), e);
        } catch (SdkException e) {
            throw new StateStoreException("Could not " + what + " in DynamoDB table " + tableName + ": " + e.getMessage(), e);
        }
    }

    private boolean conditionalUpdate(String what, Update update) {
        return conditionalUpdate(what, update.key(), update.updateExpression(), update.conditionExpression(),
                update.expressionAttributeNames(), update.expressionAttributeValues());
    }

    private static UpdateItemRequest asUpdateRequest(Update update) {
        return UpdateItemRequest.builder().tableName(update.tableName()).key(update.key())
                .updateExpression(update.updateExpression()).expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.expressionAttributeValues()).build();
    }

    private boolean conditionalUpdate(String what, Map<String, AttributeValue> key, String update, String condition,
                                      Map<String, String> names, Map<String, AttributeValue> values) {
        try {
            call(what, () -> dynamoDb.updateItem(r -> r.tableName(tableName)
                    .key(key)
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)));
            return true;
        } catch (StateStoreException e) {
            // A transaction holding the item at that moment is a concurrent writer too: the caller reads again.
            if (e.getCause() instanceof ConditionalCheckFailedException || e.getCause() instanceof TransactionConflictException) {
                return false;
            }
            throw e;
        }
    }

    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw new StateStoreException("Could not " + what + " in DynamoDB table " + tableName + ": " + e.getMessage(), e);
        }
    }

    private static CheckState checkState(Map<String, AttributeValue> item) {
        AttributeValue finding = item.get(FINDING);
        return new CheckState(
                text(item, CHECK_ID),
                text(item, FINGERPRINT),
                instant(item, CREATED_AT),
                instant(item, UPDATED_AT),
                instant(item, IMPORTED_AT),
                text(item, STATUS),
                text(item, TASK_ARN),
                finding == null ? null : finding.b(),
                text(item, PENDING_FINGERPRINT),
                instant(item, RESERVED_AT));
    }

    private static AlertState alertState(Map<String, AttributeValue> item) {
        AttributeValue revision = item.get(ALERT_REVISION);
        if (revision == null) {
            return AlertState.NONE;
        }
        Optional<PendingAlert> pending = Optional.ofNullable(item.get(PENDING_OWNER))
                .map(owner -> new PendingAlert(owner.s(), instant(item, PENDING_AT), strings(item, PREVIOUS_FAILING),
                        strings(item, PREVIOUS_UNDETERMINED), kindOrNull(text(item, PREVIOUS_KIND))));
        return new AlertState(strings(item, FAILING_CHECKS), strings(item, UNDETERMINED_CHECKS), instant(item, ALERTED_AT),
                kindOrNull(text(item, ALERT_KIND)), Long.parseLong(revision.n()), pending);
    }

    private static long stateVersion(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(STATE_VERSION);
        return version == null || version.n() == null ? 0 : Long.parseLong(version.n());
    }

    private static String kindOrNull(String kind) {
        return "NONE".equals(kind) ? null : kind;
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    private static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(SubjectStore::s).toList());
    }

    private Map<String, AttributeValue> checkKey(Subject subject, String checkId) {
        return Map.of(StateTable.PARTITION_KEY, s(StateTable.subjectPartition(subject)), StateTable.SORT_KEY, s(StateTable.checkSort(checkId)));
    }

    private Map<String, AttributeValue> subjectKey(Subject subject) {
        return Map.of(StateTable.PARTITION_KEY, s(StateTable.subjectPartition(subject)), StateTable.SORT_KEY, s(StateTable.SUBJECT_SORT));
    }

    private Map<String, AttributeValue> taskKey(String taskArn) {
        return Map.of(StateTable.PARTITION_KEY, s(StateTable.taskPartition(taskArn)), StateTable.SORT_KEY, s(StateTable.TASK_SORT));
    }

    private static AttributeValue expiry(Instant now) {
        return AttributeValue.fromN(Long.toString(now.plus(StateTable.SUBJECT_RETENTION).getEpochSecond()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** Instants are kept as epoch milliseconds: ASFF timestamps carry milliseconds, so +1 ms is a real step. */
    private static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }
}
