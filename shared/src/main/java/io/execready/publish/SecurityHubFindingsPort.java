package io.execready.publish;

import io.execready.engine.CheckResult;
import io.execready.engine.ExecReadyException;
import io.execready.engine.SubjectReport;
import io.execready.snapshot.Subject;
import io.execready.state.AlertState;
import io.execready.state.CheckState;
import io.execready.state.FindingVersion;
import io.execready.state.Reservation;
import io.execready.state.SubjectState;
import io.execready.state.SubjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 *       transition is claimed by a conditional write first, and given back if sending fails.</li>
 * </ul>
 */
public final class SecurityHubFindingsPort implements FindingsPort {

    /** How long a reservation is taken for a live import; well above one import with its retries. */
    public static final Duration RESERVATION_LEASE = Duration.ofMinutes(1);
    /** Attempts at a contended conditional write before the invocation fails and Lambda retries it. */
    static final int MAX_ATTEMPTS = 12;
    private static final Duration MAX_CONTENTION_BACKOFF = Duration.ofMillis(200);

    private final SubjectStore store;
    private final AsffFindingMapper mapper;
    private final SecurityHubPublisher securityHub;
    private final AlertChannels alerts;
    private final Clock clock;
    private final Duration heartbeat;
    private final Sleeper sleeper;

    /**
     * @param securityHub the findings publisher, or null when findings are not imported
     * @param alerts      the alert channels, or null when no topic is configured
     * @param heartbeat   how old the last import of an unchanged active finding may grow
     */
    public SecurityHubFindingsPort(SubjectStore store, AsffFindingMapper mapper, SecurityHubPublisher securityHub, AlertChannels alerts,
                            Clock clock, Duration heartbeat, Sleeper sleeper) {
        this.store = Objects.requireNonNull(store, "store");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.securityHub = securityHub;
        this.alerts = alerts;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public PublishResult publish(SubjectReport report) {
        Subject subject = report.subject();
        FindingScope scope = FindingScope.of(report.task());
        SubjectState state = store.read(subject);
        Round round = securityHub == null ? Round.EMPTY : importChanged(report, scope, state);
        PublishResult.AlertStep alert = alerts == null ? PublishResult.AlertStep.NONE
                : transition(subject, state.alert(), previous -> AlertTransition.decide(previous, report),
                        t -> alerts.compose(t, report, scope));
        return new PublishResult(round.imported, round.unchanged, round.inFlight, round.calls, alert);
    }

    /** Re-imports the last finding of every active check with RecordState ARCHIVED; clears the alert state. */
    @Override
    public PublishResult archive(Subject subject) {
        SubjectState state = store.read(subject);
        Round round = securityHub == null ? Round.EMPTY : archiveActive(subject, state);
        PublishResult.AlertStep alert = alerts == null ? PublishResult.AlertStep.NONE
                : transition(subject, state.alert(), AlertTransition::archive, t -> Optional.empty());
        return new PublishResult(round.imported, round.unchanged, round.inFlight, round.calls, alert);
    }

    /** Lets a stopped task of a subject nobody published skip the ECS reads that settling needs. */
    @Override
    public boolean hasLiveFindings(Subject subject) {
        SubjectState state = store.read(subject);
        boolean activeFinding = state.checks().values().stream().anyMatch(c -> c.fingerprint() != null && !c.isArchived());
        boolean liveAlert = state.alert().revision() > 0 && !AlertTransition.Kind.ARCHIVED.name().equals(state.alert().kind());
        return activeFinding || liveAlert;
    }

    @Override
    public List<Subject> subjectsOf(String clusterArn) {
        return store.subjectsOf(clusterArn);
    }

    private Round importChanged(SubjectReport report, FindingScope scope, SubjectState first) {
        Subject subject = report.subject();
        SubjectState state = first;
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
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
            if (planned.isEmpty()) {
                return new Round(0, unchanged, inFlight, 0);
            }
            if (store.reserve(subject, planned.stream().map(Planned::reservation).toList(), now)) {
                FindingContext context = new FindingContext(scope, timesOf(planned));
                List<Planned> withFindings = planned.stream()
                        .map(p -> p.finding() != null ? p : new Planned(p.result(), p.reservation(), mapper.map(p.result(), report, context)))
                        .toList();
                PublishOutcome outcome = importReserved(subject, withFindings, report.task().taskArn());
                return new Round(outcome.imported(), unchanged, inFlight, outcome.calls());
            }
            state = afterContention(subject, attempt);
        }
    }

    private Round archiveActive(Subject subject, SubjectState first) {
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
            if (store.reserve(subject, planned.stream().map(Planned::reservation).toList(), now)) {
                PublishOutcome outcome = importReserved(subject, planned, null);
                return new Round(outcome.imported(), unchanged, inFlight, outcome.calls());
            }
            state = afterContention(subject, attempt);
        }
    }

    /**
     * Imports reserved findings, then records what Security Hub accepted. Findings it did not
     * accept give their reservations back and fail the invocation.
     */
    private PublishOutcome importReserved(Subject subject, List<Planned> planned, String taskArn) {
        List<AwsSecurityFinding> findings = planned.stream().map(Planned::finding).toList();
        try {
            PublishOutcome outcome = securityHub.publish(findings);
            record(subject, planned, Set.of(), taskArn);
            return outcome;
        } catch (FindingsImportException e) {
            Set<String> failed = e.failures().stream().map(ImportFailure::findingId).collect(Collectors.toSet());
            record(subject, planned, failed, taskArn);
            throw e;
        } catch (RuntimeException e) {
            Set<String> all = findings.stream().map(AwsSecurityFinding::id).collect(Collectors.toSet());
            record(subject, planned, all, taskArn);
            throw e;
        }
    }

    private void record(Subject subject, List<Planned> planned, Set<String> failedIds, String taskArn) {
        Instant now = now();
        for (Planned p : planned) {
            if (failedIds.contains(p.finding().id())) {
                store.release(subject, p.reservation());
            } else {
                String status = p.result() == null ? p.finding().compliance().statusAsString() : p.result().status().name();
                String task = taskArn != null ? taskArn : AsffFindingMapper.evaluatedTaskArn(p.finding()).orElse("unknown");
                store.recordImport(subject, p.reservation(), status, task, AsffFindingCodec.encode(p.finding()), now);
            }
        }
        if (planned.size() > failedIds.size()) {
            store.touch(subject, now);
        }
    }

    private PublishResult.AlertStep transition(Subject subject, AlertState first, Function<AlertState, Optional<AlertTransition>> decide,
                                 Function<AlertTransition, Optional<Alert>> compose) {
        AlertState current = first;
        for (int attempt = 1; ; attempt++) {
            Optional<AlertTransition> transition = decide.apply(current);
            if (transition.isEmpty()) {
                return PublishResult.AlertStep.NONE;
            }
            Instant now = now();
            AlertTransition t = transition.get();
            AlertState next = new AlertState(t.failing(), now, t.kind().name(), current.revision() + 1);
            if (store.claimAlert(subject, current, next, now)) {
                Optional<Alert> alert = compose.apply(t);
                if (alert.isEmpty()) {
                    return new PublishResult.AlertStep.Transitioned(t.kind(), List.of());
                }
                try {
                    return new PublishResult.AlertStep.Transitioned(t.kind(), alerts.send(alert.get()));
                } catch (RuntimeException e) {
                    // Give the transition back, so the retry of this invocation makes (and sends) it again.
                    AlertState restored = new AlertState(current.failingChecks(), current.alertedAt(), current.kind(), next.revision() + 1);
                    store.claimAlert(subject, next, restored, now());
                    throw e;
                }
            }
            current = afterContention(subject, attempt).alert();
        }
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
        return store.read(subject);
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

    private record Round(int imported, int unchanged, int inFlight, int calls) {
        static final Round EMPTY = new Round(0, 0, 0, 0);
    }
}
