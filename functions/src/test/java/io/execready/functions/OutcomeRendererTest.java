package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execready.checks.CheckRegistry;
import io.execready.engine.CheckEngine;
import io.execready.engine.ReadFailedException;
import io.execready.engine.TaskReport;
import io.execready.evaluation.EvaluationOutcome;
import io.execready.evaluation.PublishAuthority;
import io.execready.evaluation.SettlementOutcome;
import io.execready.evaluation.TaskEventOutcome;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.logging.JsonLog;
import io.execready.publish.PublishResult;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.Subject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeRendererTest {

    private final EcsTask stopped = TaskSnapshotFixture.runningFargateTask().withLastStatus("STOPPED").build().task();
    private final Subject subject = Subject.of(stopped);
    private final AwsCallCount calls = new AwsCallCount(Map.of("ECS:DescribeServices", 1L, "SecurityHub:BatchImportFindings", 2L));

    @Test
    void render_anArchivedSubject_respondsArchivedAndLogsTheCallsOnce() {
        SettlementOutcome archived = new SettlementOutcome.Archived(subject, "service payments-api was deleted and is draining",
                new PublishResult(14, 0, 0, 1, PublishResult.AlertStep.NONE));

        Rendered rendered = OutcomeRenderer.render(new FunctionOutcome.TaskEventHandled("e-1", stopped,
                new TaskEventOutcome.Settled(archived), calls));

        assertThat(rendered.response()).isEqualTo(new OutcomeRenderer.TaskSettled("ARCHIVED", subject.describe(),
                "service payments-api was deleted and is draining", 14));
        assertThat(rendered.lines()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(Rendered.Level.INFO);
            assertThat(line.fields()).containsEntry("outcome", "ARCHIVED").containsEntry("awsCallCount", 3L)
                    .containsEntry("findingsArchived", 14);
        });
        assertThat(rendered.metrics().isEmpty()).isTrue();
    }

    @Test
    void render_aKeptSubject_respondsKeptWithNothingArchived() {
        Rendered rendered = OutcomeRenderer.render(new FunctionOutcome.TaskEventHandled("e-2", stopped,
                new TaskEventOutcome.Settled(new SettlementOutcome.Kept(subject, "still has tasks")), calls));

        assertThat(rendered.response()).isEqualTo(new OutcomeRenderer.TaskSettled("KEPT", subject.describe(), "still has tasks", 0));
    }

    @Test
    void render_anEvaluationUndeterminedByAThrottledRead_logsTheVerdictThenARetryLine_andFailsTheInvocation() {
        ReadFailure throttled = ReadFailures.throttled("ec2:DescribeSubnets");
        EcsTask running = TaskSnapshotFixture.runningFargateTask().build().task();
        TaskReport report = new CheckEngine(CheckRegistry.all(), InProcessFunctions.CLOCK)
                .evaluate(TaskSnapshotFixture.runningFargateTask().withNetworkPathFailed(throttled).build());
        EvaluationOutcome evaluated = new EvaluationOutcome(report, new PublishAuthority(true, "a task of the PRIMARY deployment"),
                new PublishResult(30, 0, 0, 1, PublishResult.AlertStep.NONE));
        FunctionOutcome.TaskEventHandled handled = new FunctionOutcome.TaskEventHandled("e-3", running,
                new TaskEventOutcome.Evaluated(evaluated), calls);

        assertThat(evaluated.momentaryReadFailures()).containsExactly(throttled);
        Rendered rendered = OutcomeRenderer.render(new FunctionOutcome.UndeterminedForNow(handled, evaluated.momentaryReadFailures()));

        assertThat(rendered.lines()).extracting(Rendered.LogLine::message)
                .containsExactly("ECS Exec readiness undetermined", subject.describe() + " is undetermined because " + throttled.describe()
                        + ": the invocation fails so that Lambda retries it");
        assertThat(rendered.lines().getLast().fields()).containsEntry("outcome", "RETRY").containsEntry("readiness", "UNDETERMINED");
        assertThat(rendered.ending()).isInstanceOfSatisfying(Rendered.Ending.Fail.class, fail -> assertThat(fail.error())
                .isInstanceOf(ReadFailedException.class).hasMessageContaining("ec2:DescribeSubnets"));
        assertThatThrownBy(() -> rendered.writeTo(JsonLog.create(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "INFO", InProcessFunctions.CLOCK), new ByteArrayOutputStream())).isInstanceOf(ReadFailedException.class);
    }

    @Test
    void render_anIgnoredEvent_warnsAndLeavesOutWhatIsUnknown() {
        Rendered rendered = OutcomeRenderer.render(new FunctionOutcome.Ignored("payload is not JSON", null, null));

        assertThat(rendered.response()).isEqualTo(new OutcomeRenderer.Refusal("IGNORED", "payload is not JSON"));
        assertThat(rendered.lines()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(Rendered.Level.WARN);
            assertThat(line.fields()).containsOnlyKeys("outcome");
        });
    }
}
