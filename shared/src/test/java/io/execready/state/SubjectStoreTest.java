package io.execready.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.harness.LocalDynamoDb;
import io.execready.snapshot.Subject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The store's conditional writes, against DynamoDB Local through the real SDK client. */
@Tag("emulator")
class SubjectStoreTest {

    private static final Subject SUBJECT = Subject.service("arn:aws:ecs:eu-west-1:123456789012:cluster/prod", "payments-api");
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient client;
    private static final AtomicInteger TABLES = new AtomicInteger();

    private SubjectStore store;

    @BeforeAll
    static void start() {
        dynamoDb = LocalDynamoDb.start();
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamoDb.endpoint()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @BeforeEach
    void newTable() {
        String table = "state-" + TABLES.incrementAndGet();
        StateTable.create(client, table);
        store = new SubjectStore(client, table);
    }

    @Test
    void subjectsOf_listsTheSubjectsOfOneClusterOnly_whicheverWriteCreatedThem() {
        String other = "arn:aws:ecs:eu-west-1:123456789012:cluster/staging";
        Subject group = new Subject(SUBJECT.clusterArn(), Subject.Kind.GROUP, "family:batch");
        store.touch(SUBJECT, T0);
        store.claimAlert(group, AlertState.NONE, new AlertState(List.of("exec-enabled"), T0, "NOT_READY", 1), T0);
        store.touch(Subject.service(other, "payments-api"), T0);
        store.reserve(SUBJECT, List.of(new Reservation("exec-enabled", "ACTIVE|a", T0, T0, null)), T0);

        assertThat(store.subjectsOf(SUBJECT.clusterArn())).containsExactlyInAnyOrder(SUBJECT, group);
        assertThat(store.subjectsOf(other)).containsExactly(Subject.service(other, "payments-api"));
        assertThat(store.subjectsOf("arn:aws:ecs:eu-west-1:123456789012:cluster/none")).isEmpty();
    }

    @Test
    void subjectOfKey_readsBackEveryKindOfSubjectKey_andRejectsAnotherClustersKey() {
        Subject group = new Subject(SUBJECT.clusterArn(), Subject.Kind.GROUP, "family:batch");
        Subject custom = new Subject(SUBJECT.clusterArn(), Subject.Kind.GROUP, "nightly|report");

        assertThat(SubjectStore.subjectOfKey(SUBJECT.clusterArn(), SUBJECT.key())).contains(SUBJECT);
        assertThat(SubjectStore.subjectOfKey(SUBJECT.clusterArn(), group.key())).contains(group);
        assertThat(SubjectStore.subjectOfKey(SUBJECT.clusterArn(), custom.key())).contains(custom);
        assertThat(SubjectStore.subjectOfKey("arn:aws:ecs:eu-west-1:123456789012:cluster/pro", SUBJECT.key())).isEmpty();
    }

    @Test
    void reserve_fromTheSameReadByTwentyWriters_letsExactlyOneWin() throws Exception {
        List<Reservation> reservations = List.of(
                new Reservation("exec-enabled", "ACTIVE|a", T0, T0, null),
                new Reservation("task-running", "ACTIVE|b", T0, T0, null));

        List<Boolean> wins = concurrently(20, () -> store.reserve(SUBJECT, reservations, T0));

        assertThat(wins).filteredOn(won -> won).hasSize(1);
        SubjectState state = store.read(SUBJECT);
        assertThat(state.checks()).containsOnlyKeys("exec-enabled", "task-running");
        assertThat(state.check("exec-enabled").orElseThrow().pendingFingerprint()).isEqualTo("ACTIVE|a");
        assertThat(state.check("exec-enabled").orElseThrow().fingerprint()).as("reserved is not imported").isNull();
    }

    @Test
    void recordImport_afterALaterReservation_isNotRecorded_andReleaseLeavesTheLaterOneAlone() {
        Reservation first = new Reservation("exec-enabled", "ACTIVE|a", T0, T0, null);
        Reservation later = new Reservation("exec-enabled", "ACTIVE|b", T0, T0.plusMillis(1), T0);
        store.reserve(SUBJECT, List.of(first), T0);
        store.reserve(SUBJECT, List.of(later), T0);

        boolean recordedFirst = store.recordImport(SUBJECT, first, "FAIL", "arn:task/1", new byte[] {1}, T0);
        boolean releasedFirst = store.release(SUBJECT, first);
        boolean recordedLater = store.recordImport(SUBJECT, later, "PASS", "arn:task/2", new byte[] {2}, T0.plusSeconds(1));

        assertThat(recordedFirst).isFalse();
        assertThat(releasedFirst).isFalse();
        assertThat(recordedLater).isTrue();
        CheckState state = store.read(SUBJECT).check("exec-enabled").orElseThrow();
        assertThat(state.fingerprint()).isEqualTo("ACTIVE|b");
        assertThat(state.createdAt()).isEqualTo(T0);
        assertThat(state.updatedAt()).isEqualTo(T0.plusMillis(1));
        assertThat(state.importedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(state.pendingFingerprint()).isNull();
        assertThat(state.finding().asByteArray()).containsExactly(2);
    }

    @Test
    void reserve_conditionalOnAStaleUpdatedAt_loses() {
        store.reserve(SUBJECT, List.of(new Reservation("exec-enabled", "ACTIVE|a", T0, T0, null)), T0);
        store.reserve(SUBJECT, List.of(new Reservation("exec-enabled", "ACTIVE|b", T0, T0.plusMillis(1), T0)), T0);

        boolean stale = store.reserve(SUBJECT, List.of(new Reservation("exec-enabled", "ACTIVE|c", T0, T0.plusMillis(1), T0)), T0);

        assertThat(stale).isFalse();
        assertThat(store.read(SUBJECT).check("exec-enabled").orElseThrow().pendingFingerprint()).isEqualTo("ACTIVE|b");
    }

    @Test
    void claimAlert_fromTheSameRevisionByTwentyWriters_letsExactlyOneWin() throws Exception {
        AlertState next = new AlertState(List.of("exec-enabled"), T0, "NOT_READY", 1);

        List<Boolean> wins = concurrently(20, () -> store.claimAlert(SUBJECT, AlertState.NONE, next, T0));

        assertThat(wins).filteredOn(won -> won).hasSize(1);
        assertThat(store.read(SUBJECT).alert()).isEqualTo(next);
        assertThat(store.claimAlert(SUBJECT, next, new AlertState(List.of(), T0, "READY_AGAIN", 2), T0)).isTrue();
        assertThat(store.claimAlert(SUBJECT, next, new AlertState(List.of("x"), T0, "NOT_READY", 2), T0)).as("revision 1 is gone").isFalse();
    }

    @Test
    void recordTaskVersion_keepsTheNewest() {
        String task = "arn:aws:ecs:eu-west-1:123456789012:task/prod/abc";

        assertThat(store.recordTaskVersion(task, 4, T0)).isTrue();
        assertThat(store.recordTaskVersion(task, 4, T0)).isFalse();
        assertThat(store.recordTaskVersion(task, 3, T0)).isFalse();
        assertThat(store.recordTaskVersion(task, 6, T0)).isTrue();
        assertThat(store.lastTaskVersion(task)).hasValue(6);
        assertThat(store.lastTaskVersion(task + "-other")).isEmpty();
    }

    @Test
    void finish_recordsEveryImportInOneTransaction_andWhenOneWasReservedAgainMeanwhile_stillRecordsTheOthers() {
        Reservation exec = new Reservation("exec-enabled", "ACTIVE|a", T0, T0, null);
        Reservation running = new Reservation("task-running", "ACTIVE|b", T0, T0, null);
        Reservation failed = new Reservation("agent-version", "ACTIVE|c", T0, T0, null);
        store.reserve(SUBJECT, List.of(exec, running, failed), T0);
        // Another evaluation takes task-running over before this one records it.
        store.reserve(SUBJECT, List.of(new Reservation("task-running", "ACTIVE|d", T0, T0.plusMillis(1), T0)), T0);

        store.finish(SUBJECT, List.of(finished(exec, 1), finished(running, 2)), List.of(failed), T0.plusSeconds(1));

        SubjectState state = store.read(SUBJECT);
        assertThat(state.check("exec-enabled").orElseThrow().fingerprint()).isEqualTo("ACTIVE|a");
        assertThat(state.check("task-running").orElseThrow().fingerprint()).as("the later reservation records its own").isNull();
        assertThat(state.check("task-running").orElseThrow().pendingFingerprint()).isEqualTo("ACTIVE|d");
        assertThat(state.check("agent-version").orElseThrow().pendingFingerprint()).as("released").isNull();
        assertThat(state.check("agent-version").orElseThrow().fingerprint()).isNull();
    }

    @Test
    void everyWriteOfFindingsOrAlertState_movesTheSubjectsVersionOn() {
        Reservation exec = new Reservation("exec-enabled", "ACTIVE|a", T0, T0, null);
        AlertState next = new AlertState(List.of("exec-enabled"), List.of(), T0, "NOT_READY", 1,
                java.util.Optional.of(new PendingAlert("event#1", T0, List.of(), List.of(), null)));
        assertThat(store.read(SUBJECT).version()).isZero();

        store.reserve(SUBJECT, List.of(exec), T0);
        long reserved = store.read(SUBJECT).version();
        assertThat(store.claimAlert(SUBJECT, AlertState.NONE, next, List.of(finished(exec, 1)), T0)).isTrue();
        SubjectState claimed = store.read(SUBJECT);
        store.completeAlert(SUBJECT, 1);
        long completed = store.read(SUBJECT).version();
        store.recordServiceEvaluation(SUBJECT, T0);

        assertThat(reserved).isPositive();
        assertThat(claimed.version()).isGreaterThan(reserved);
        assertThat(claimed.check("exec-enabled").orElseThrow().fingerprint()).as("recorded with the claim").isEqualTo("ACTIVE|a");
        assertThat(claimed.alert().pending()).isPresent();
        assertThat(completed).isGreaterThan(claimed.version());
        assertThat(store.read(SUBJECT).version()).as("a debounce record is no finding or alert state").isEqualTo(completed);
    }

    @Test
    void claimAlert_withRecords_thatLosesTheClaim_writesNothing() {
        Reservation exec = new Reservation("exec-enabled", "ACTIVE|a", T0, T0, null);
        store.reserve(SUBJECT, List.of(exec), T0);
        store.claimAlert(SUBJECT, AlertState.NONE, new AlertState(List.of("x"), T0, "NOT_READY", 1), T0);

        boolean won = store.claimAlert(SUBJECT, AlertState.NONE, new AlertState(List.of("exec-enabled"), T0, "NOT_READY", 1),
                List.of(finished(exec, 1)), T0);

        assertThat(won).isFalse();
        assertThat(store.read(SUBJECT).check("exec-enabled").orElseThrow().fingerprint()).isNull();
        assertThat(store.read(SUBJECT).alert().failingChecks()).containsExactly("x");
    }

    @Test
    void markUnchanged_marksOnlyWhileTheSubjectIsAsRead_andTellsAnEventMarkedBefore() {
        String task = "arn:aws:ecs:eu-west-1:123456789012:task/prod/abc";
        store.reserve(SUBJECT, List.of(new Reservation("exec-enabled", "ACTIVE|a", T0, T0, null)), T0);
        long read = store.read(SUBJECT).version();

        assertThat(store.markUnchanged(SUBJECT, read, new TaskEventMark(task, 4), T0)).isEqualTo(MarkOutcome.MARKED);
        assertThat(store.markUnchanged(SUBJECT, read, new TaskEventMark(task, 4), T0)).isEqualTo(MarkOutcome.ALREADY_MARKED);
        assertThat(store.markUnchanged(SUBJECT, read, new TaskEventMark(task, 3), T0)).isEqualTo(MarkOutcome.ALREADY_MARKED);
        store.release(SUBJECT, new Reservation("exec-enabled", "ACTIVE|a", T0, T0, null));
        assertThat(store.markUnchanged(SUBJECT, read, new TaskEventMark(task, 5), T0)).isEqualTo(MarkOutcome.STATE_MOVED);
        assertThat(store.lastTaskVersion(task)).hasValue(4);
        assertThat(store.markUnchanged(Subject.service(SUBJECT.clusterArn(), "never-written"), 0, new TaskEventMark(task, 5), T0))
                .as("a subject nobody wrote is at version 0").isEqualTo(MarkOutcome.MARKED);
        assertThat(store.lastTaskVersion(task)).hasValue(5);
        assertThat(store.knownTaskVersion(task)).hasValue(5);
    }

    @Test
    void completeAlert_withTheEventsMark_completesTheAlertEvenWhenTheEventWasMarkedBefore() {
        String task = "arn:aws:ecs:eu-west-1:123456789012:task/prod/abc";
        AlertState pending = new AlertState(List.of("exec-enabled"), List.of(), T0, "NOT_READY", 1,
                java.util.Optional.of(new PendingAlert("event#1", T0, List.of(), List.of(), null)));
        store.claimAlert(SUBJECT, AlertState.NONE, pending, T0);
        store.recordTaskVersion(task, 7, T0);

        store.completeAlert(SUBJECT, 1, new TaskEventMark(task, 7), T0);

        assertThat(store.read(SUBJECT).alert().pending()).isEmpty();
        assertThat(store.lastTaskVersion(task)).hasValue(7);
    }

    private static FinishedImport finished(Reservation reservation, int content) {
        return new FinishedImport(reservation, "FAIL", "arn:task/" + content, software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {(byte) content}));
    }

    @Test
    void lostARace_onlyForConflictsAndFailedConditions() {
        assertThat(SubjectStore.lostARace(cancelled("None", "ConditionalCheckFailed"))).isTrue();
        assertThat(SubjectStore.lostARace(cancelled("TransactionConflict", "None"))).isTrue();
        assertThat(SubjectStore.lostARace(cancelled("ThrottlingError", "None"))).isFalse();
        assertThat(SubjectStore.lostARace(cancelled("ValidationError"))).isFalse();
    }

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder()
                .cancellationReasons(java.util.Arrays.stream(codes).map(code -> CancellationReason.builder().code(code).build()).toList())
                .build();
    }

    @Test
    void recordServiceEvaluation_keepsTheLatest_andRepeatingItIsHarmless() throws Exception {
        assertThat(store.lastServiceEvaluation(SUBJECT)).isEmpty();

        concurrently(20, () -> {
            store.recordServiceEvaluation(SUBJECT, T0);
            return true;
        });
        store.recordServiceEvaluation(SUBJECT, T0.plus(Duration.ofMinutes(4)));
        store.recordServiceEvaluation(SUBJECT, T0.plus(Duration.ofMinutes(4)));
        store.recordServiceEvaluation(SUBJECT, T0.plus(Duration.ofMinutes(1)));

        assertThat(store.lastServiceEvaluation(SUBJECT)).contains(T0.plus(Duration.ofMinutes(4)));
    }

    private static <T> List<T> concurrently(int count, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
