package io.execready.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.Check;
import io.execready.engine.CheckEngine;
import io.execready.engine.CheckResult;
import io.execready.fixtures.ServiceSnapshotFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.NextTaskOf;
import io.execready.snapshot.TaskSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreflightChecksTest {

    @Test
    void preflight_skipsTheChecksThatNeedARunningTask() {
        assertThat(CheckRegistry.preflight(true)).extracting(Check::id)
                .doesNotContain("task-running", "exec-enabled", "managed-agent-running", "agent-version")
                .contains("platform-version", "task-role-ssmmessages", "audit-logging-configured", "ssm-reachable");
    }

    @Test
    void preflight_withoutAwsvpcNetwork_skipsTheNetworkChecks() {
        assertThat(CheckRegistry.preflight(false)).extracting(Check::id)
                .doesNotContain("ssm-reachable", "ssm-endpoint-security-group", "private-endpoints-complete", "shared-vpc")
                .contains("task-role-present");
    }

    @Test
    void preflight_onTheNextTask_namesNoTaskThatDoesNotExist() {
        NextTaskOf next = NextTaskOf.of(ServiceSnapshotFixture.fargateService().service());
        TaskSnapshot fullyConfigured = TaskSnapshotFixture.fullyConfiguredFargateTask().build();
        TaskSnapshot snapshot = new TaskSnapshot(next, fullyConfigured.taskDefinition(), fullyConfigured.owningService(),
                fullyConfigured.cluster(), fullyConfigured.taskRole(), fullyConfigured.taskRoleSsmMessages(), fullyConfigured.execAccess(),
                fullyConfigured.containerInstance(), fullyConfigured.networkPath());

        List<CheckResult> results = new CheckEngine(CheckRegistry.preflight(true), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).results(snapshot);

        assertThat(results).hasSize(CheckRegistry.preflight(true).size());
        for (CheckResult result : results) {
            assertThat(result.message()).as(result.checkId()).doesNotContain("task next-task-of");
        }
        assertThat(results).extracting(CheckResult::message)
                .anyMatch(message -> message.contains("the next task of service payments-api"));
    }
}
