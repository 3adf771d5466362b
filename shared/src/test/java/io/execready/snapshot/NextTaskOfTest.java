package io.execready.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.fixtures.ServiceSnapshotFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import org.junit.jupiter.api.Test;

class NextTaskOfTest {

    @Test
    void of_whenAwsvpcService_isTheNextTaskWithTheServiceSettings() {
        EcsService service = ServiceSnapshotFixture.fargateService().service();

        NextTaskOf next = NextTaskOf.of(service);

        assertThat(next.service()).isEqualTo(service);
        assertThat(next.task().taskId()).isEqualTo("next-task-of-payments-api");
        assertThat(next.task().clusterArn()).isEqualTo(service.clusterArn());
        assertThat(next.task().group()).isEqualTo("service:payments-api");
        assertThat(next.task().startedBy()).isEqualTo(service.primaryDeploymentId());
        assertThat(next.task().enableExecuteCommand()).isTrue();
        assertThat(next.task().launchType()).isEqualTo("FARGATE");
        assertThat(next.task().containers()).isEmpty();
        assertThat(next.task().networkInterface()).map(eni -> eni.details().get("subnetId")).contains(ServiceSnapshotFixture.SUBNET_ID);
    }

    @Test
    void name_isTheNextTaskOfTheService_notATaskId() {
        NextTaskOf next = NextTaskOf.of(ServiceSnapshotFixture.fargateService().service());

        assertThat(next.name()).isEqualTo("the next task of service payments-api");
        assertThat(next.describe()).isEqualTo("the next task of service payments-api in cluster " + next.task().clusterName());
    }

    @Test
    void plannedInterface_carriesTheServiceSecurityGroupsAndNoPublicIp() {
        NextTaskOf next = NextTaskOf.of(ServiceSnapshotFixture.fargateService().service());

        assertThat(next.plannedInterface()).hasValueSatisfying(eni -> {
            assertThat(eni.subnetId()).isEqualTo(ServiceSnapshotFixture.SUBNET_ID);
            assertThat(eni.securityGroupIds()).containsExactly(ServiceSnapshotFixture.SECURITY_GROUP_ID);
            assertThat(eni.hasPublicIp()).isFalse();
        });
    }

    @Test
    void runningTask_isNamedByItsId() {
        EcsTask started = TaskSnapshotFixture.runningFargateTask().build().task();

        assertThat(new RunningTask(started).name()).isEqualTo("task " + started.taskId());
    }
}
