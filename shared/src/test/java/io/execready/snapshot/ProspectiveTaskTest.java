package io.execready.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.fixtures.ServiceSnapshotFixture;
import org.junit.jupiter.api.Test;

class ProspectiveTaskTest {

    @Test
    void of_whenAwsvpcService_isTheNextTaskWithTheServiceSettings() {
        EcsService service = ServiceSnapshotFixture.fargateService().service();

        EcsTask next = ProspectiveTask.of(service);

        assertThat(next.taskId()).isEqualTo("next-task-of-payments-api");
        assertThat(next.clusterArn()).isEqualTo(service.clusterArn());
        assertThat(next.group()).isEqualTo("service:payments-api");
        assertThat(next.startedBy()).isEqualTo(service.primaryDeploymentId());
        assertThat(next.enableExecuteCommand()).isTrue();
        assertThat(next.launchType()).isEqualTo("FARGATE");
        assertThat(next.containers()).isEmpty();
        assertThat(next.networkInterface()).map(eni -> eni.details().get("subnetId")).contains(ServiceSnapshotFixture.SUBNET_ID);
        assertThat(ProspectiveTask.isProspective(next)).isTrue();
    }

    @Test
    void plannedInterface_carriesTheServiceSecurityGroupsAndNoPublicIp() {
        EcsTask next = ProspectiveTask.of(ServiceSnapshotFixture.fargateService().service());

        assertThat(ProspectiveTask.plannedInterface(next)).hasValueSatisfying(eni -> {
            assertThat(eni.subnetId()).isEqualTo(ServiceSnapshotFixture.SUBNET_ID);
            assertThat(eni.securityGroupIds()).containsExactly(ServiceSnapshotFixture.SECURITY_GROUP_ID);
            assertThat(eni.hasPublicIp()).isFalse();
        });
    }

    @Test
    void isProspective_whenTaskStartedByEcs_isFalse() {
        EcsTask started = io.execready.fixtures.TaskSnapshotFixture.runningFargateTask().build().task();

        assertThat(ProspectiveTask.isProspective(started)).isFalse();
        assertThat(ProspectiveTask.plannedInterface(started)).isEmpty();
    }
}
