package io.execready.checks.service;

import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.Wording;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.engine.ServiceCheck;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.ServiceSnapshot;

/**
 * A service starts its tasks with the flag it has at that moment: with it off, no task the service
 * starts will ever be exec-ready, whatever else is right.
 */
public final class ServiceExecEnabledCheck implements ServiceCheck {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "service-exec-enabled",
            "ECS Exec is turned on for the service",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-enabling")
            .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(ServiceSnapshot snapshot) {
        EcsService service = snapshot.service();
        String where = Wording.service(snapshot);
        if (service.enableExecuteCommand()) {
            return DEFINITION.pass("ECS Exec is turned on for " + where + ", so the tasks it starts are exec-capable.")
                    .withEvidence("enableExecuteCommand", "true");
        }
        return DEFINITION.fail(
                        "ECS Exec is off for " + where + ", so no task it starts will be exec-ready.",
                        "Turn it on and replace the service's tasks: "
                                + RemediationCommands.enableExecAndRedeploy(snapshot.clusterName(), service.serviceName()) + ".")
                .withEvidence("enableExecuteCommand", "false");
    }
}
