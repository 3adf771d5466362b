package io.execready.publish;

import static io.execready.publish.PublishingTestbed.task;
import static io.execready.publish.SecurityHubFindingsPortIntegrationTest.evaluated;
import static io.execready.publish.SecurityHubFindingsPortIntegrationTest.taskId;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.evaluation.EvaluationOutcome;
import io.execready.evaluation.TaskEventOutcome;
import io.execready.snapshot.EcsTask;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How many DynamoDB requests the state costs, counted at the real SDK client against DynamoDB
 * Local. Task events are handled one after the other, so the counts are exact; the bounds asserted
 * are the ones issue 15 set (a first evaluation in at most 4 requests, a deployment's task events in
 * at most 1.2 each), with the exact figures in BENCHMARKS.md.
 */
@Tag("emulator")
class StateRequestCountTest {

    private static final int TASK_EVENTS = 100;

    private static PublishingTestbed bed;

    @BeforeAll
    static void start() {
        bed = PublishingTestbed.start();
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void aFirstEvaluationOfABrokenService_importsAndAlertsInFourRequests_andItsDuplicateInNone() {
        PublishingTestbed.Account account = bed.newAccount(true);
        EcsTask first = task(taskId("f", 0), 3, "RUNNING", UnaryOperator.identity());

        int firstCost = requests(() -> account.evaluation.onTaskStateChange(first), outcome -> {
            EvaluationOutcome evaluated = evaluated(outcome);
            assertThat(evaluated.findingsImported()).isPositive();
            assertThat(evaluated.published().transitionMade()).contains(AlertTransition.Kind.NOT_READY);
        });
        int duplicateCost = requests(() -> account.evaluation.onTaskStateChange(first),
                outcome -> assertThat(outcome).isInstanceOf(TaskEventOutcome.Stale.class));

        // A Query, the reservations, the claim with the import records, the alert's completion with the event's mark.
        assertThat(firstCost).isLessThanOrEqualTo(4);
        assertThat(duplicateCost).isZero();
        assertThat(account.alerts()).hasSize(1);
    }

    @Test
    void aFirstEvaluationOfAReadyService_importsInFourRequests() {
        PublishingTestbed.Account account = bed.newAccount(true);
        account.shape.set(UnaryOperator.identity());

        int cost = requests(() -> account.evaluation.onTaskStateChange(task(taskId("r", 0), 3, "RUNNING", UnaryOperator.identity())),
                outcome -> {
                    assertThat(evaluated(outcome).findingsImported()).isPositive();
                    assertThat(evaluated(outcome).published().transitionMade()).isEmpty();
                });

        // A Query, the reservations, the import records, the event's mark.
        assertThat(cost).isLessThanOrEqualTo(4);
        assertThat(account.alerts()).isEmpty();
    }

    @Test
    void taskEventsOfOneServiceWhoseVerdictDoesNotChange_costOneConditionalWriteEach() {
        PublishingTestbed.Account account = bed.newAccount(true);
        int firstCost = requests(() -> account.evaluation.onTaskStateChange(task(taskId("d", 0), 3, "RUNNING", UnaryOperator.identity())),
                outcome -> assertThat(evaluated(outcome).findingsImported()).isPositive());

        int deploymentCost = 0;
        for (int i = 1; i <= TASK_EVENTS; i++) {
            EcsTask next = task(taskId("d", i), 3, "RUNNING", UnaryOperator.identity());
            deploymentCost += requests(() -> account.evaluation.onTaskStateChange(next), outcome -> {
                assertThat(evaluated(outcome).findingsImported()).isZero();
                assertThat(evaluated(outcome).published().eventMarked()).isTrue();
            });
        }

        System.out.printf("%nState requests: first evaluation %d, then %d task events of the same service %d (%.2f each)%n",
                firstCost, TASK_EVENTS, deploymentCost, deploymentCost / (double) TASK_EVENTS);
        assertThat(firstCost + deploymentCost).isLessThanOrEqualTo((int) (1.2 * (TASK_EVENTS + 1)));
        // The first event after the publication reads the state again (its own writes moved it on); every later one writes once.
        assertThat(deploymentCost).isEqualTo(TASK_EVENTS + 1);
        assertThat(account.recordingSecurityHub.requests).hasSize(1);
        assertThat(account.alerts()).hasSize(1);
    }

    @Test
    void aDecisionFromAnEarlierRead_isConfirmedByItsWrite_soAChangeMadeByAnotherEnvironmentIsSeen() {
        PublishingTestbed.Account here = bed.newAccount(true);
        PublishingTestbed.Account elsewhere = new PublishingTestbed.Account(bed, here.topicArn, here.table, true, here.recordingSecurityHub);
        here.evaluation.onTaskStateChange(task(taskId("e", 0), 3, "RUNNING", UnaryOperator.identity()));
        here.evaluation.onTaskStateChange(task(taskId("e", 1), 3, "RUNNING", UnaryOperator.identity()));

        // Another environment publishes a second broken check; this one still remembers the state before it.
        elsewhere.shape.set(PublishingTestbed::readOnlyRootAndNoControlChannel);
        EvaluationOutcome changed = evaluated(elsewhere.evaluation.onTaskStateChange(task(taskId("e", 2), 3, "RUNNING", UnaryOperator.identity())));
        EvaluationOutcome back = evaluated(here.evaluation.onTaskStateChange(task(taskId("e", 3), 3, "RUNNING", UnaryOperator.identity())));

        assertThat(changed.published().transitionMade()).contains(AlertTransition.Kind.FAILING_SET_CHANGED);
        assertThat(back.findingsImported()).as("the control channel check is passed again").isEqualTo(1);
        assertThat(back.published().transitionMade()).contains(AlertTransition.Kind.FAILING_SET_CHANGED);
        assertThat(here.alerts()).hasSize(3);
    }

    @Test
    void aDuplicateDeliveredToAnotherEnvironment_isEvaluatedAgain_andTheTableKeepsTheNewestVersion() {
        PublishingTestbed.Account here = bed.newAccount(true);
        PublishingTestbed.Account elsewhere = new PublishingTestbed.Account(bed, here.topicArn, here.table, true, here.recordingSecurityHub);
        EcsTask newer = task(taskId("x", 0), 5, "RUNNING", UnaryOperator.identity());
        EcsTask older = task(taskId("x", 0), 4, "RUNNING", UnaryOperator.identity());
        here.evaluation.onTaskStateChange(newer);

        EvaluationOutcome again = evaluated(elsewhere.evaluation.onTaskStateChange(older));

        assertThat(again.findingsImported()).isZero();
        assertThat(here.store.lastTaskVersion(newer.taskArn())).hasValue(5);
        assertThat(elsewhere.evaluation.onTaskStateChange(older)).as("now known here too").isInstanceOf(TaskEventOutcome.Stale.class);
        assertThat(here.recordingSecurityHub.requests).hasSize(1);
        assertThat(here.alerts()).hasSize(1);
    }

    private static int requests(java.util.function.Supplier<TaskEventOutcome> handle, java.util.function.Consumer<TaskEventOutcome> check) {
        int before = bed.dynamoDbCalls.get();
        TaskEventOutcome outcome = handle.get();
        int cost = bed.dynamoDbCalls.get() - before;
        check.accept(outcome);
        return cost;
    }
}
