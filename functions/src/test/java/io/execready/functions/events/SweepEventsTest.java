package io.execready.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.functions.events.SweepEvents.ClusterAccepted;
import io.execready.functions.events.SweepEvents.ClusterRejected;
import io.execready.functions.events.SweepEvents.ScheduleAccepted;
import io.execready.functions.events.SweepEvents.ScheduleRejected;
import io.execready.functions.local.LocalCheckerRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SweepEventsTest {

    private static final String CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/execready-demo";

    @Test
    void schedule_ofTheSampleScheduledEvent_isAccepted_withItsRule() throws Exception {
        byte[] sample = Files.readAllBytes(LocalCheckerRun.eventsDirectory().resolve("scheduled-sweep.json"));

        SweepEvents.Schedule parsed = SweepEvents.schedule(sample);

        assertThat(parsed).isInstanceOf(ScheduleAccepted.class);
        assertThat(((ScheduleAccepted) parsed).envelope().getResources()).singleElement().asString().contains(":rule/");
    }

    @Test
    void schedule_ofAnIamPolicyChange_isAcceptedAsASweepOfEveryCluster() throws Exception {
        byte[] sample = Files.readAllBytes(LocalCheckerRun.eventsDirectory().resolve("cloudtrail-iam-put-role-policy.json"));

        assertThat(SweepEvents.schedule(sample)).isInstanceOf(ScheduleAccepted.class);
    }

    @Test
    void schedule_ofAnIamCallThatChangesNoPermission_isRejectedNamingIt() {
        byte[] createUser = """
                {"id":"e1","source":"aws.iam","detail-type":"AWS API Call via CloudTrail","detail":{"eventName":"CreateUser"}}"""
                .getBytes(StandardCharsets.UTF_8);

        assertThat(SweepEvents.schedule(createUser)).isInstanceOfSatisfying(ScheduleRejected.class,
                r -> assertThat(r.reason()).contains("CreateUser"));
    }

    @Test
    void schedule_ofAnotherEventOrNotJson_isRejectedWithAReason() throws Exception {
        byte[] taskEvent = Files.readAllBytes(LocalCheckerRun.eventsDirectory().resolve("task-running-exec-ready.json"));

        assertThat(SweepEvents.schedule(taskEvent)).isInstanceOfSatisfying(ScheduleRejected.class,
                r -> assertThat(r.reason()).contains("Scheduled Event", "ECS Task State Change"));
        assertThat(SweepEvents.schedule("{\"source\":".getBytes(StandardCharsets.UTF_8))).isInstanceOf(ScheduleRejected.class);
        assertThat(SweepEvents.schedule("[]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(ScheduleRejected.class);
        assertThat(SweepEvents.schedule(new byte[SweepEvents.MAX_EVENT_BYTES + 1])).isInstanceOfSatisfying(ScheduleRejected.class,
                r -> assertThat(r.reason()).contains("exceeds"));
    }

    @Test
    void clusterMessage_roundTripsTheBodyTheSweepSends() {
        assertThat(SweepEvents.clusterMessage(SweepEvents.clusterMessageBody(CLUSTER))).isEqualTo(new ClusterAccepted(CLUSTER));
    }

    @Test
    void clusterMessage_withoutAClusterArn_isRejected() {
        assertThat(SweepEvents.clusterMessage("not json")).isInstanceOf(ClusterRejected.class);
        assertThat(SweepEvents.clusterMessage(null)).isInstanceOf(ClusterRejected.class);
        assertThat(SweepEvents.clusterMessage("{\"cluster\": 3}")).isInstanceOf(ClusterRejected.class);
        assertThat(SweepEvents.clusterMessage("{\"cluster\": \"execready-demo\"}")).isInstanceOfSatisfying(ClusterRejected.class,
                r -> assertThat(r.reason()).contains("not an ECS cluster ARN"));
        assertThat(SweepEvents.clusterMessage("{\"cluster\": \"arn:aws:ecs:us-east-1:123456789012:service/demo/web\"}"))
                .isInstanceOf(ClusterRejected.class);
    }
}
