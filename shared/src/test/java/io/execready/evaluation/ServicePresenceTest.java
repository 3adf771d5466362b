package io.execready.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execready.engine.ExecReadyException;
import io.execready.fixtures.ServiceSnapshotFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.EcsService;
import io.execready.fixtures.ReadFailures;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePresenceTest {

    private static final Subject SUBJECT = Subject.service(TaskSnapshotFixture.CLUSTER_ARN, TaskSnapshotFixture.SERVICE);

    @Test
    void gone_whenTheServiceIsActive_isEmpty() {
        ServicePresence presence = ServicePresence.of(Fetched.present(ServiceSnapshotFixture.fargateService().service()));

        assertThat(presence).isInstanceOf(ServicePresence.Active.class);
        assertThat(presence.gone(SUBJECT)).isEmpty();
    }

    @Test
    void gone_whenTheServiceIsDraining_saysItWasDeleted() {
        EcsService active = ServiceSnapshotFixture.fargateService().service();
        EcsService draining = new EcsService(active.serviceArn(), active.serviceName(), active.clusterArn(), true,
                active.primaryDeploymentId(), active.taskDefinitionArn(), "DRAINING", "FARGATE", "LATEST", List.of(), null);

        ServicePresence presence = ServicePresence.of(Fetched.present(draining));

        assertThat(presence).isInstanceOf(ServicePresence.Draining.class);
        assertThat(presence.gone(SUBJECT)).contains("service payments-api was deleted and is draining");
    }

    @Test
    void gone_whenEcsHasNoSuchService_saysWhy() {
        assertThat(ServicePresence.of(Fetched.absent("service payments-api is INACTIVE")).gone(SUBJECT))
                .contains("service payments-api is INACTIVE");
    }

    @Test
    void gone_whenTheServiceCannotBeRead_failsNamingTheSubject() {
        ServicePresence presence = ServicePresence.of(Fetched.failed(ReadFailures.throttled("ecs:DescribeServices")));

        assertThatThrownBy(() -> presence.gone(SUBJECT))
                .isInstanceOf(ExecReadyException.class)
                .hasMessageContaining(SUBJECT.describe())
                .hasMessageContaining("throttled");
    }
}
