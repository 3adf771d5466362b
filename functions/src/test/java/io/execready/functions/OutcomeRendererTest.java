package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.evaluation.SettlementOutcome;
import io.execready.evaluation.TaskEventOutcome;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.publish.PublishResult;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Subject;
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
    void render_anIgnoredEvent_warnsAndLeavesOutWhatIsUnknown() {
        Rendered rendered = OutcomeRenderer.render(new FunctionOutcome.Ignored("payload is not JSON", null, null));

        assertThat(rendered.response()).isEqualTo(new OutcomeRenderer.Refusal("IGNORED", "payload is not JSON"));
        assertThat(rendered.lines()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(Rendered.Level.WARN);
            assertThat(line.fields()).containsOnlyKeys("outcome");
        });
    }
}
