package io.execready.publish;

import io.execready.engine.CheckResult;
import io.execready.engine.ExecReadyException;
import io.execready.engine.SubjectReport;
import io.execready.snapshot.Subject;
import io.execready.state.AlertState;
import io.execready.state.CheckState;
import io.execready.state.FinishedImport;
import io.execready.state.FindingVersion;
import io.execready.state.MarkOutcome;
import io.execready.state.PendingAlert;
import io.execready.state.Reservation;
import io.execready.state.StateStoreException;
import io.execready.state.SubjectState;
import io.execready.state.SubjectStore;
import io.execready.state.TaskEventMark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * The findings port over Security Hub, SNS and the state table. Keeps a subject's Security Hub
 * findings and alerts the way a reviewer expects, whatever number of functions evaluate its tasks
 * at once:
 *
 * <ul>
 *   <li>a finding is imported only when its verdict changed, it was archived, or its last import is
 *       older than the heartbeat; otherwise nothing is sent;</li>
 *   <li>CreatedAt is fixed at a finding's first reservation, and every UpdatedAt is later than every
 *       one handed out before ({@code max(now, last + 1 ms)}), committed by a conditional write so
 *       that two racing functions never send the same one (Security Hub would drop the second);</li>
 *   <li>of the evaluations that want to import the same content, one wins the reservation and
 *       imports; the others see it in flight and leave it (a reservation older than a lease
 *       belonged to an invocation that died, and is taken over);</li>
 *   <li>the store records an import only after Security Hub accepted it; a failed import releases
 *       its reservation and fails the invocation, so Lambda's retry imports it again;</li>
 *   <li>an alert is sent once per transition (not ready, failing set changed, ready again): the
 *       transition is claimed as pending by a conditional write, sent, then completed; a failed send
 *       gives it back, and a claim left pending (the invocation died, or its write was answered with
 *       an error) is picked up by the retry of the same event at once, by anyone after its lease.
 *       An SNS error after SNS accepted the message cannot be told from one before it: the retry
 *       sends it again (at least once, chosen on purpose; see README, "Alerts under failures").</li>
 *   <li>what one publication writes is batched: the reservations in one transaction, the records
 *       of what Security Hub accepted with the alert's claim (or alone), the event's mark with the
 *       claim's completion (or alone); a task event that changes nothing, judged from this
 *       environment's last read, is one conditional mark that fails when the subject changed.</li>
 * </ul>
 */
public final class SecurityHubFindingsPort implements FindingsPort {

    /** How long a reservation is taken for a live import; well above one import with its retries. */
    public static final Duration RESERVATION_LEASE = Duration.ofMinutes(1);
    /**
     * How long a pending alert claim is left to its sender: above the 60 s function timeout, so a
     * live sender is never overtaken; an abandoned claim is picked up after it.
     */
    public static final Duration ALERT_CLAIM_LEASE = Duration.ofSeconds(90);
    /** Attempts at a contended conditional write before the invocation fails and Lambda retries it. */
    static final int MAX_ATTEMPTS = 12;
    private static final Duration MAX_CONTENTION_BACKOFF = Duration.ofMillis(200);
    /** Subjects whose last read is kept; each holds its last findings (a few KB apiece), so a few dozen. */
    static final int REMEMBERED_SUBJECTS = 64;

    private final SubjectStore store;
    private final AsffFindingMapper mapper;
    private final SecurityHubPublisher securityHub;
    private final AlertChannels alerts;
    private final Clock clock;
    private final Duration heartbeat;
    private final Sleeper sleeper;
    private final ClaimOwner owner;
    /**
     * The state of the subjects this environment read last, so that a task event whose evaluation
     * changes nothing costs one conditional write instead of a read and a write: a decision made
     * from it is confirmed by {@link SubjectStore#markUnchanged}, which fails when anyone changed
     * the subject since. Only "nothing to do" is ever decided from it; anything else reads again.
     */
    private final Map<Subject, SubjectState> lastRead = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Subject, SubjectState> eldest) {
            return size() > REMEMBERED_SUBJECTS;
        }
    });

    /**
     * @param securityHub the findings publisher, or null when findings are not imported
     * @param alerts      the alert channels, or null when no topic is configured
     * @param heartbeat   how old the last import of an unchanged active finding may grow
     */
    public SecurityHubFindingsPort(SubjectStore store, AsffFindingMapper mapper, SecurityHubPublisher securityHub, AlertChannels alerts,
                            Clock clock, Duration heartbeat, Sleeper sleeper, ClaimOwner owner) {
        this.store = Objects.requireNonNull(store, "store");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.securityHub = securityHub;
        this.alerts = alerts;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public PublishResult publish(SubjectReport report) {
        return publishRead(report, Optional.empty());
    }

    /**
     * When this environment read the subject before and, from that read, the report changes
     * nothing, the event is marked in one write conditional on the subject being unchanged since;
     * otherwise (or when it changed) the subject is read again and published as
     * {@link #publish} does, the event marked by the last write the publication makes.
     */
    @Override
    public PublishResult publishMarking(SubjectReport report, TaskEventMark handled) {
        SubjectState known = lastRead.get(report.subject());
        if (known != null) {
            Instant now = now();
            Plan plan = securityHub == null ? Plan.NOTHING : plan(report, known, now);
            boolean alertActs = alerts != null && (known.alert().pending().isPresent()
                    || AlertTransition.decide(known.alert(), report).isPresent());
            if (plan.planned().isEmpty() && !alertActs
                    && store.markUnchanged(report.subject(), known.version(), handled, now) != MarkOutcome.STATE_MOVED) {
                return new PublishResult(0, plan.unchanged(), plan.inFlight(), 0, PublishResult.AlertStep.NONE, true);
            }
        }
        return publishRead(report, Optional.of(handled));
    }

    private PublishResult publishRead(SubjectReport report, Optional<TaskEventMark> handled) {
        Subject subject = report.subject();
        FindingScope scope = FindingScope.of(report.task());
        SubjectState state = read(subject);
        Closing closing = new Closing(subject, handled);
        try {
            Round round = securityHub == null ? Round.EMPTY : importChanged(report, scope, state, closing);
            PublishResult.AlertStep alert = alerts == null ? PublishResult.AlertStep.NONE
                    : transition(subject, state.alert(), previous -> AlertTransition.decide(previous, report),
                            t -> alerts.compose(t, report, scope), closing);
            closing.close();
            return new PublishResult(round.imported, round.unchanged, round.inFlight, round.calls, alert, closing.marked);
        } catch (RuntimeException e) {
            closing.closeAfter(e);
            throw e;
        }
    }

    /** Re-imports the last finding of every active check with RecordState ARCHIVED; clears the alert state. */
    @Override
    public PublishResult archive(Subject subject) {
        SubjectState state = read(subject);
        Closing closing = new Closing(subject, Optional.empty());
        try {
            Round round = securityHub == null ? Round.EMPTY : archiveActive(subject, state, closing);
            PublishResult.AlertStep alert = alerts == null ? PublishResult.AlertStep.NONE
                    : transition(subject, state.alert(), AlertTransition::archive, t -> Optional.empty(), closing);
            closing.close();
            return new PublishResult(round.imported, round.unchanged, round.inFlight, round.calls, alert);
        } catch (RuntimeException e) {
            closing.closeAfter(e);
            throw e;
        }
    }

    /** Lets a stopped task of a subject nobody published skip the ECS reads that settling needs. */
    @Override
    public boolean hasLiveFindings(Subject subject) {
        SubjectState state = read(subject);
        boolean activeFinding = state.checks().values().stream().anyMatch(c -> c.fingerprint() != null && !c.isArchived());
        boolean liveAlert = state.alert().revision() > 0 && !AlertTransition.Kind.ARCHIVED.name().equals(state.alert().kind());
        return activeFinding || liveAlert;
    }

    @Override
    public List<Subject> subjectsOf(String clusterArn) {
        return store.subjectsOf(clusterArn);
    }

    private Round importChanged(SubjectReport report, FindingScope scope, SubjectState first, Closing closing) {
        Subject subject = report.subject();
        SubjectState state = first;
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
            Plan plan = plan(report, state, now);
            if (plan.planned().isEmpty()) {
                return new Round(0, plan.unchanged(), plan.inFlight(), 0);
            }
            List<Planned> planned = plan.planned();
            closing.wrote = true;
            if (store.reserve(subject, planned.stream().map(Planned::reservation).toList(), now)) {
                FindingContext context = new FindingContext(scope, timesOf(planned));
                List<Planned> withFindings = planned.stream()
                        .map(p -> p.finding() != null ? p : new Planned(p.result(), p.reservation(), mapper.map(p.result(), report, context)))
                        .toList();
                PublishOutcome outcome = importReserved(subject, withFindings, report.task().taskArn(), closing);
                return new Round(outcome.imported(), plan.unchanged(), plan.inFlight(), outcome.calls());
            }
            state = afterContention(subject, attempt);
        }
    }

    /** What a report would import, judged against a state: the findings to reserve, and those left alone. */
    private Plan plan(SubjectReport report, SubjectState state, Instant now) {
        List<Planned> planned = new ArrayList<>();
        int unchanged = 0;
        int inFlight = 0;
        for (CheckResult result : report.results()) {
            Optional<CheckState> stored = state.check(result.checkId());
            if (!AsffFindingMapper.imported(result.status())) {
                switch (notImported(stored, now)) {
                    case NotImported.Nothing nothing -> unchanged++;
                    case NotImported.InFlight busy -> inFlight++;
                    case NotImported.Archive archive -> planned.add(archive.planned());
                }
                continue;
            }
            String key = FindingVersion.active(VerdictFingerprint.of(result, report.target()));
            if (stored.isPresent() && stored.get().inFlight(key, now, RESERVATION_LEASE)) {
                inFlight++;
            } else if (stored.isPresent() && key.equals(stored.get().fingerprint()) && !heartbeatDue(stored.get(), now)) {
                unchanged++;
            } else {
                planned.add(new Planned(result, reservation(result.checkId(), key, stored, now), null));
            }
        }
        return new Plan(List.copyOf(planned), unchanged, inFlight);
    }

    private Round archiveActive(Subject subject, SubjectState first, Closing closing) {
        SubjectState state = first;
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
            List<Planned> planned = new ArrayList<>();
            int unchanged = 0;
            int inFlight = 0;
            for (CheckState stored : state.checks().values()) {
                if (stored.fingerprint() == null || stored.finding() == null || stored.isArchived()) {
                    unchanged++;
                    continue;
                }
                String key = FindingVersion.archived(stored.fingerprint());
                if (stored.inFlight(key, now, RESERVATION_LEASE)) {
                    inFlight++;
                    continue;
                }
                planned.add(archiving(stored, key, now));
            }
            if (planned.isEmpty()) {
                return new Round(0, unchanged, inFlight, 0);
            }
            closing.wrote = true;
            if (store.reserve(subject, planned.stream().map(Planned::reservation).toList(), now)) {
                PublishOutcome outcome = importReserved(subject, planned, null, closing);
                return new Round(outcome.imported(), unchanged, inFlight, outcome.calls());
            }
            state = afterContention(subject, attempt);
        }
    }

    /**
     * Imports reserved findings. What Security Hub accepted is recorded by the next write of the
     * state (the alert's claim when the report makes a transition, else the closing one); findings it
     * did not accept give their reservations back, at once, and fail the invocation.
     */
    private PublishOutcome importReserved(Subject subject, List<Planned> planned, String taskArn, Closing closing) {
        List<AwsSecurityFinding> findings = planned.stream().map(Planned::finding).toList();
        try {
            PublishOutcome outcome = securityHub.publish(findings);
            closing.recordLater(finished(planned, Set.of(), taskArn));
            return outcome;
        } catch (FindingsImportException e) {
            Set<String> failed = e.failures().stream().map(ImportFailure::findingId).collect(Collectors.toSet());
            settleFailedImport(subject, planned, failed, taskArn, e);
            throw e;
        } catch (RuntimeException e) {
            Set<String> all = findings.stream().map(AwsSecurityFinding::id).collect(Collectors.toSet());
            settleFailedImport(subject, planned, all, taskArn, e);
            throw e;
        }
    }

    private void settleFailedImport(Subject subject, List<Planned> planned, Set<String> failedIds, String taskArn, RuntimeException failure) {
        List<Reservation> released = planned.stream().filter(p -> failedIds.contains(p.finding().id())).map(Planned::reservation).toList();
        try {
            store.finish(subject, finished(planned, failedIds, taskArn), released, now());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static List<FinishedImport> finished(List<Planned> planned, Set<String> failedIds, String taskArn) {
        List<FinishedImport> done = new ArrayList<>();
        for (Planned p : planned) {
            if (!failedIds.contains(p.finding().id())) {
                String status = p.result() == null ? p.finding().compliance().statusAsString() : p.result().status().name();
                String task = taskArn != null ? taskArn : AsffFindingMapper.evaluatedTaskArn(p.finding()).orElse("unknown");
                done.add(new FinishedImport(p.reservation(), status, task, SdkBytes.fromByteArrayUnsafe(AsffFindingCodec.encode(p.finding()))));
            }
        }
        return done;
    }

    /**
     * Makes the transition {@code decide} asks for, once. The claim is written as pending first,
     * then the alert is sent, then the claim is completed; a failed send gives the claim back. A
     * pending claim found later is picked up (decided again from the state before it, and sent)
     * when an earlier attempt of the same event left it or when its lease ran out; otherwise its
     * sender is still at work, and this evaluation leaves the transition to it.
     */
    private PublishResult.AlertStep transition(Subject subject, AlertState first, Function<AlertState, Optional<AlertTransition>> decide,
                                 Function<AlertTransition, Optional<Alert>> compose, Closing closing) {
        AlertState current = first;
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
            AlertState basis = current;
            if (current.pending().isPresent()) {
                PendingAlert pending = current.pending().get();
                if (owner.leftByAnEarlierAttempt(pending) || pending.expired(now, ALERT_CLAIM_LEASE)) {
                    basis = current.beforeClaim();
                } else if (decide.apply(current).isEmpty()) {
                    return PublishResult.AlertStep.NONE;
                } else {
                    throw new ExecReadyException("Another evaluation of " + subject.describe() + " is sending an alert since "
                            + pending.claimedAt() + "; this one decides after it, so the invocation fails and Lambda retries it");
                }
            }
            Optional<AlertTransition> transition = decide.apply(basis);
            if (transition.isEmpty()) {
                if (current.pending().isPresent()) {
                    // The picked-up claim is no longer a transition (the subject changed back): give it back.
                    closing.wrote = true;
                    store.claimAlert(subject, current, settled(basis, current.revision() + 1), now);
                }
                return PublishResult.AlertStep.NONE;
            }
            AlertTransition t = transition.get();
            String claim = owner.newClaim();
            AlertState next = new AlertState(t.failing(), t.undetermined(), now, t.kind().name(), current.revision() + 1,
                    Optional.of(new PendingAlert(claim, now, basis.failingChecks(), basis.undetermined(), basis.kind())));
            if (claimed(subject, current, next, claim, now, closing)) {
                List<String> messageIds;
                try {
                    messageIds = compose.apply(t).map(alerts::send).orElse(List.of());
                } catch (RuntimeException e) {
                    giveBack(subject, next, basis, e);
                    throw e;
                }
                closing.complete(next.revision());
                return new PublishResult.AlertStep.Transitioned(t.kind(), messageIds);
            }
            current = afterContention(subject, attempt).alert();
        }
    }

    /**
     * Writes the claim, with the records of the imports this publication made riding along. A
     * write DynamoDB made while the caller saw an error (or that the SDK's retry then found already
     * made) is recognised by reading the claim back: it is ours when it has our owner, and then the
     * records were written with it. A claim that lost has its records written on their own first.
     */
    private boolean claimed(Subject subject, AlertState current, AlertState next, String claim, Instant now, Closing closing) {
        closing.wrote = true;
        List<FinishedImport> riding = closing.takeRecords();
        try {
            if (store.claimAlert(subject, current, next, riding, now)) {
                return true;
            }
        } catch (StateStoreException e) {
            if (isOurs(read(subject).alert(), claim)) {
                return true;
            }
            closing.recordLater(riding);
            throw e;
        }
        if (isOurs(read(subject).alert(), claim)) {
            return true;
        }
        closing.recordLater(riding);
        closing.recordNow();
        return false;
    }

    private static boolean isOurs(AlertState stored, String claim) {
        return stored.pending().map(p -> p.owner().equals(claim)).orElse(false);
    }

    /** After a failed send: the state before the claim, one revision on. A failure here leaves the claim to its lease. */
    private void giveBack(Subject subject, AlertState next, AlertState basis, RuntimeException sendFailure) {
        try {
            store.claimAlert(subject, next, settled(basis, next.revision() + 1), now());
        } catch (RuntimeException e) {
            sendFailure.addSuppressed(e);
        }
    }

    private static AlertState settled(AlertState basis, long revision) {
        return new AlertState(basis.failingChecks(), basis.undetermined(), basis.alertedAt(), basis.kind(), revision, Optional.empty());
    }

    /** After losing a race: wait a little (jittered, so the losers spread out) and read again. */
    private SubjectState afterContention(Subject subject, int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new ExecReadyException("Gave up after " + attempt + " contended writes to the state of " + subject.describe()
                    + "; the invocation fails so that Lambda retries it");
        }
        long ceiling = Math.min(MAX_CONTENTION_BACKOFF.toMillis(), 10L << Math.min(attempt, 5));
        try {
            sleeper.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecReadyException("Interrupted while waiting to write the state of " + subject.describe(), e);
        }
        return read(subject);
    }

    /** A consistent read of the subject, kept as this environment's last read of it. */
    private SubjectState read(Subject subject) {
        SubjectState state = store.read(subject);
        lastRead.put(subject, state);
        return state;
    }

    /**
     * A NOT_APPLICABLE verdict is not a finding: nothing to import, unless an earlier verdict of the
     * check was imported and is still active, which is then archived (Security Hub archives such
     * results by itself only for AWS Config rules).
     */
    private NotImported notImported(Optional<CheckState> stored, Instant now) {
        if (stored.isEmpty() || stored.get().fingerprint() == null || stored.get().finding() == null || stored.get().isArchived()) {
            return new NotImported.Nothing();
        }
        String key = FindingVersion.archived(stored.get().fingerprint());
        if (stored.get().inFlight(key, now, RESERVATION_LEASE)) {
            return new NotImported.InFlight();
        }
        return new NotImported.Archive(archiving(stored.get(), key, now));
    }

    /** The last imported finding of a check, archived: everything a reviewer saw stays, only RecordState and UpdatedAt change. */
    private Planned archiving(CheckState stored, String archivedKey, Instant now) {
        Reservation reservation = reservation(stored.checkId(), archivedKey, Optional.of(stored), now);
        AwsSecurityFinding last = AsffFindingCodec.decode(stored.finding().asByteArray());
        return new Planned(null, reservation, AsffFindingMapper.archived(last, reservation.updatedAt()));
    }

    private sealed interface NotImported {
        record Nothing() implements NotImported {
        }

        record InFlight() implements NotImported {
        }

        record Archive(Planned planned) implements NotImported {
        }
    }

    private Reservation reservation(String checkId, String key, Optional<CheckState> stored, Instant now) {
        if (stored.isEmpty()) {
            return new Reservation(checkId, key, now, now, null);
        }
        Instant previous = stored.get().updatedAt();
        Instant next = now.isAfter(previous) ? now : previous.plusMillis(1);
        return new Reservation(checkId, key, stored.get().createdAt(), next, previous);
    }

    private boolean heartbeatDue(CheckState stored, Instant now) {
        return stored.importedAt() == null || !stored.importedAt().plus(heartbeat).isAfter(now);
    }

    private static FindingTimestamps timesOf(List<Planned> planned) {
        Map<String, FindingTimes> times = new HashMap<>();
        planned.forEach(p -> times.put(p.reservation().checkId(), new FindingTimes(p.reservation().createdAt(), p.reservation().updatedAt())));
        return (subject, checkId) -> Objects.requireNonNull(times.get(checkId), () -> "no reservation for " + checkId);
    }

    /** Millisecond precision, as findings carry it: a step of 1 ms is then always visible. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A finding to import: the result it is made from (null when archiving), its reservation, the finding. */
    private record Planned(CheckResult result, Reservation reservation, AwsSecurityFinding finding) {
    }

    /** What a report would import from a state, and what it would leave alone. */
    private record Plan(List<Planned> planned, int unchanged, int inFlight) {
        static final Plan NOTHING = new Plan(List.of(), 0, 0);
    }

    /**
     * The writes one publication still owes once its imports and alert are decided: the records
     * of accepted imports (unless the alert's claim carried them) and the mark of the task event
     * (unless the alert's completion carried it). Used by one call on one thread.
     */
    private final class Closing {
        private final Subject subject;
        private final Optional<TaskEventMark> handled;
        private final List<FinishedImport> records = new ArrayList<>();
        private boolean wrote;
        private boolean marked;

        Closing(Subject subject, Optional<TaskEventMark> handled) {
            this.subject = subject;
            this.handled = handled;
        }

        void recordLater(List<FinishedImport> finished) {
            records.addAll(finished);
        }

        List<FinishedImport> takeRecords() {
            List<FinishedImport> taken = List.copyOf(records);
            records.clear();
            return taken;
        }

        void recordNow() {
            List<FinishedImport> taken = takeRecords();
            if (!taken.isEmpty()) {
                wrote = true;
                store.finish(subject, taken, List.of(), now());
            }
        }

        /** Confirms the alert of the claim at {@code revision}, marking the event with it. */
        void complete(long revision) {
            if (handled.isPresent() && !marked) {
                store.completeAlert(subject, revision, handled.get(), now());
                marked = true;
            } else {
                store.completeAlert(subject, revision);
            }
        }

        /** Writes what is still owed; the state this environment read of the subject is stale once anything was written. */
        void close() {
            recordNow();
            if (handled.isPresent() && !marked) {
                store.recordTaskVersion(handled.get().taskArn(), handled.get().version(), now());
                marked = true;
            }
            if (wrote) {
                lastRead.remove(subject);
            }
        }

        /** After a failure: the accepted imports are still recorded; the event is not marked, so its retry evaluates again. */
        void closeAfter(RuntimeException failure) {
            lastRead.remove(subject);
            try {
                recordNow();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private record Round(int imported, int unchanged, int inFlight, int calls) {
        static final Round EMPTY = new Round(0, 0, 0, 0);
    }
}
