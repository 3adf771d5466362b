package io.execready.publish;

import static io.execready.publish.PublishingTestbed.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.checks.CheckRegistry;
import io.execready.evaluation.TaskEventOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The measurement the state store exists for: a deployment of 1,000 tasks of one broken service,
 * every task evaluated through {@code TaskEvaluation} as its RUNNING event would be, 25 at a time
 * (a Lambda function's worth of concurrency), against the emulator's Security Hub and SNS and the
 * state table in DynamoDB Local. Prints what it cost and holds it to "one alert, each finding once".
 */
@Tag("emulator")
class DeploymentOf1000TasksMeasurementTest {

    private static final int TASKS = 1000;
    private static final int CONCURRENCY = 25;

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
    void deploymentOf1000BrokenTasks_importsEachFindingOnceAndSendsOneAlert() throws Exception {
        PublishingTestbed.Account account = bed.newAccount(true);
        int dynamoDbCallsBefore = bed.dynamoDbCalls.get();
        long started = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        List<TaskEventOutcome> outcomes;
        try {
            List<Future<TaskEventOutcome>> futures = IntStream.range(0, TASKS)
                    .mapToObj(i -> task(SecurityHubFindingsPortIntegrationTest.taskId("d", i), 3, "RUNNING", UnaryOperator.identity()))
                    .map(task -> pool.submit(() -> account.evaluation.onTaskStateChange(task)))
                    .toList();
            outcomes = new java.util.ArrayList<>();
            for (Future<TaskEventOutcome> future : futures) {
                outcomes.add(future.get(300, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        int importCalls = account.recordingSecurityHub.requests.size();
        int findingsImported = account.recordingSecurityHub.sent().size();
        int snsPublishes = account.alerts().size();
        int dynamoDbCalls = bed.dynamoDbCalls.get() - dynamoDbCallsBefore;
        System.out.printf("%nDeployment of %d tasks of one broken service (%d checks, %d evaluations at a time, %d ms):%n"
                        + "  Security Hub BatchImportFindings calls: %d%n"
                        + "  findings imported:                      %d%n"
                        + "  SNS publishes:                          %d%n"
                        + "  DynamoDB requests:                      %d (%.2f per task)%n",
                TASKS, CheckRegistry.all().size(), CONCURRENCY, took.toMillis(), importCalls, findingsImported, snsPublishes,
                dynamoDbCalls, dynamoDbCalls / (double) TASKS);

        assertThat(outcomes).hasSize(TASKS).allSatisfy(o -> assertThat(o).isInstanceOf(TaskEventOutcome.Evaluated.class));
        assertThat(importCalls).isEqualTo(1);
        assertThat(findingsImported).isEqualTo(SecurityHubFindingsPortIntegrationTest.importedVerdicts(
                SecurityHubFindingsPortIntegrationTest.evaluated(outcomes.getFirst()).report()));
        assertThat(snsPublishes).isEqualTo(1);
    }
}
