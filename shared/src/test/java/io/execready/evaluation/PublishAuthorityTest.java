package io.execready.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.aws.TaskListQuery;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Subject;
import org.junit.jupiter.api.Test;

class PublishAuthorityTest {

    @Test
    void of_aTaskOfThePrimaryDeployment_speaksForTheService() {
        assertThat(PublishAuthority.of(TaskSnapshotFixture.runningFargateTask().build()).authoritative()).isTrue();
    }

    @Test
    void of_aTaskOfAnotherDeployment_isEvidenceOnly() {
        PublishAuthority authority = PublishAuthority.of(TaskSnapshotFixture.runningFargateTask().withStartedBy("ecs-svc/42").build());

        assertThat(authority.authoritative()).isFalse();
        assertThat(authority.reason()).contains("ecs-svc/42", TaskSnapshotFixture.DEPLOYMENT_ID);
    }

    @Test
    void of_whenTheServiceCannotBeRead_letsTheTaskSpeak() {
        PublishAuthority authority = PublishAuthority.of(TaskSnapshotFixture.runningFargateTask()
                .withOwningServiceFailed(ReadFailures.denied("ecs:DescribeServices", "AccessDeniedException")).build());

        assertThat(authority.authoritative()).isTrue();
        assertThat(authority.reason()).contains("AccessDeniedException");
    }

    @Test
    void of_aTaskOfAGroup_speaksForTheGroup() {
        assertThat(PublishAuthority.of(TaskSnapshotFixture.standaloneFargateTask().build()).authoritative()).isTrue();
    }

    @Test
    void groupQuery_listsByFamilyForFamilyGroups_byStarterOtherwise() {
        EcsTask familyTask = TaskSnapshotFixture.runningFargateTask().withGroup("family:nightly").withStartedBy("events-rule/x").build().task();
        EcsTask customGroup = TaskSnapshotFixture.runningFargateTask().withGroup("batch-jobs").withStartedBy("events-rule/x").build().task();
        EcsTask anonymous = TaskSnapshotFixture.runningFargateTask().withGroup("batch-jobs").withStartedBy(null).build().task();

        assertThat(TaskEvaluation.groupQuery(Subject.of(familyTask), familyTask)).isEqualTo(TaskListQuery.family("nightly"));
        assertThat(TaskEvaluation.groupQuery(Subject.of(customGroup), customGroup)).isEqualTo(TaskListQuery.startedBy("events-rule/x"));
        assertThat(TaskEvaluation.groupQuery(Subject.of(anonymous), anonymous)).isEqualTo(TaskListQuery.family(TaskSnapshotFixture.FAMILY));
    }
}
