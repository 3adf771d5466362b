package io.execready.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.TaskReport;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Subject;
import io.execready.state.AlertState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertTransitionTest {

    @Test
    void decide_whenAReadySubjectFails_isNotReady() {
        Optional<AlertTransition> transition = AlertTransition.decide(AlertState.NONE, report(result("b", CheckStatus.FAIL), result("a", CheckStatus.FAIL)));

        assertThat(transition).contains(new AlertTransition(AlertTransition.Kind.NOT_READY, List.of("a", "b"), List.of()));
    }

    @Test
    void decide_whenTheSameChecksStillFail_isNothing() {
        assertThat(AlertTransition.decide(alerted("a"), report(result("a", CheckStatus.FAIL), result("b", CheckStatus.PASS)))).isEmpty();
    }

    @Test
    void decide_whenTheFailingSetChanges_isChanged() {
        assertThat(AlertTransition.decide(alerted("a", "b"), report(result("a", CheckStatus.FAIL), result("b", CheckStatus.PASS))))
                .contains(new AlertTransition(AlertTransition.Kind.FAILING_SET_CHANGED, List.of("a"), List.of()));
    }

    @Test
    void decide_whenAFailingCheckCannotBeEvaluated_keepsItFailingAndAnnouncesNothing() {
        assertThat(AlertTransition.decide(alerted("a", "b"), report(result("a", CheckStatus.FAIL), result("b", CheckStatus.UNKNOWN)))).isEmpty();
        assertThat(AlertTransition.decide(alerted("a"), report(result("a", CheckStatus.UNKNOWN)))).as("no recovery on an unknown").isEmpty();
    }

    @Test
    void decide_whenNothingFailsAnyMore_isReadyAgainNamingTheRecoveredChecks() {
        assertThat(AlertTransition.decide(alerted("a", "b"), report(result("a", CheckStatus.PASS), result("b", CheckStatus.WARN))))
                .contains(new AlertTransition(AlertTransition.Kind.READY_AGAIN, List.of(), List.of("a", "b")));
    }

    @Test
    void decide_whenAPartialReportLeavesAFailingCheckOut_keepsItFailing() {
        assertThat(AlertTransition.decide(alerted("a", "b"), report(result("a", CheckStatus.PASS)))).as("b was not evaluated").isEmpty();
        assertThat(AlertTransition.decide(alerted("b"), report(result("a", CheckStatus.FAIL))))
                .contains(new AlertTransition(AlertTransition.Kind.FAILING_SET_CHANGED, List.of("a", "b"), List.of()));
    }

    @Test
    void decide_whenAReadySubjectStaysReady_isNothing() {
        assertThat(AlertTransition.decide(AlertState.NONE, report(result("a", CheckStatus.PASS), result("b", CheckStatus.UNKNOWN)))).isEmpty();
    }

    @Test
    void decide_whenAFailingCheckBecomesUnreadableAndAnotherRecovers_waitsForTheRead() {
        assertThat(AlertTransition.decide(alerted("a", "b"), report(result("a", CheckStatus.UNKNOWN), result("b", CheckStatus.PASS))))
                .as("a transient failure does not move the alert state").isEmpty();
    }

    @Test
    void decide_whenUndetermined_neverAnnouncesARecovery() {
        assertThat(AlertTransition.decide(alerted("a"), report(result("a", CheckStatus.PASS), result("b", CheckStatus.UNKNOWN)))).isEmpty();
    }

    @Test
    void decide_whenACheckUnreadableAtTheFirstAlertIsReadAsFailing_confirmsTheAlertWithoutSendingAnother() {
        AlertTransition first = AlertTransition.decide(AlertState.NONE, report(result("a", CheckStatus.FAIL), result("b", CheckStatus.UNKNOWN))).orElseThrow();
        assertThat(first).isEqualTo(new AlertTransition(AlertTransition.Kind.NOT_READY, List.of("a"), List.of(), List.of("b")));
        AlertState afterFirst = new AlertState(first.failing(), first.undetermined(), Instant.EPOCH, first.kind().name(), 1, Optional.empty());

        assertThat(AlertTransition.decide(afterFirst, report(result("a", CheckStatus.FAIL), result("b", CheckStatus.FAIL))))
                .contains(new AlertTransition(AlertTransition.Kind.CONFIRMED, List.of("a", "b"), List.of(), List.of()));
        assertThat(AlertTransition.decide(afterFirst, report(result("a", CheckStatus.PASS), result("b", CheckStatus.FAIL))))
                .as("a recovered: that is a change").map(AlertTransition::kind).contains(AlertTransition.Kind.FAILING_SET_CHANGED);
    }

    @Test
    void archive_clearsOnceAndOnlyWhatWasThere() {
        assertThat(AlertTransition.archive(alerted("a"))).map(AlertTransition::kind).contains(AlertTransition.Kind.ARCHIVED);
        assertThat(AlertTransition.archive(AlertState.NONE)).isEmpty();
        assertThat(AlertTransition.archive(new AlertState(List.of(), Instant.EPOCH, "ARCHIVED", 4))).isEmpty();
    }

    private static AlertState alerted(String... failing) {
        return new AlertState(List.of(failing), Instant.EPOCH, AlertTransition.Kind.NOT_READY.name(), 1);
    }

    private static CheckResult result(String checkId, CheckStatus status) {
        CheckDefinition definition = CheckDefinition.of(checkId, "Title " + checkId, "https://docs.aws.amazon.com/");
        return switch (status) {
            case PASS -> definition.pass("ok.");
            case WARN -> definition.warn("meh.", "improve.");
            case FAIL -> definition.fail("broken.", "fix.");
            case UNKNOWN -> definition.unknown("unreadable.", "grant.");
            case NOT_APPLICABLE -> definition.notApplicable("n/a.");
        };
    }

    private static TaskReport report(CheckResult... results) {
        EcsTask task = TaskSnapshotFixture.runningFargateTask().build().task();
        return new TaskReport(task, Subject.of(task), Instant.EPOCH, List.of(results), List.of());
    }
}
