package io.execready.checks.task;

import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.probe.ProbeOutcome;
import io.execready.snapshot.ExecProbe;
import io.execready.snapshot.TaskSnapshot;

/**
 * The only check that proves rather than infers: an ECS Exec session into the task, opened by the
 * opt-in probe, echoed its sentinel or failed in a named phase. Pure like every check: the probe
 * ran before, and its outcome is a fact of the snapshot.
 */
public final class ExecSessionProbeCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "exec-session-probe",
            "A real ECS Exec session opens and runs a command",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html")
            .failingWith(OperatorError.AS_THE_SESSION_MET_IT);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        String task = Wording.task(snapshot.target());
        return switch (snapshot.execProbe()) {
            case ExecProbe.Off off -> DEFINITION.notApplicable("Session probing is off for cluster " + off.clusterName()
                    + ", so no session was opened into " + task + ".");
            case ExecProbe.NotProbed notProbed -> DEFINITION.notApplicable("No session was opened into " + task + ": "
                    + notProbed.reason() + ".");
            case ExecProbe.Probed probed -> switch (probed.outcome()) {
                case ProbeOutcome.SentinelRead read -> DEFINITION.pass("An ECS Exec session into " + task
                                + " ran a command and returned its output " + read.timeToSentinel().toMillis() + " ms after the probe started.")
                        .withEvidence("sessionId", read.sessionId())
                        .withEvidence("timeToSentinelMillis", Long.toString(read.timeToSentinel().toMillis()));
                case ProbeOutcome.Failed failed -> DEFINITION.fail("An ECS Exec session into " + task + " failed in phase "
                                + failed.phase() + ": " + Wording.clause(failed.error()) + ".",
                                remediation(failed), new OperatorError(failed.error()))
                        .withEvidence("phase", failed.phase().name())
                        .withEvidence("sessionId", failed.sessionId());
            };
        };
    }

    private static String remediation(ProbeOutcome.Failed failed) {
        return switch (failed.phase()) {
            case EXECUTE_COMMAND -> "Read the error ECS gave: the other checks of this task name the usual causes "
                    + "(the agent not running, the task role, the operator's permissions).";
            case WEBSOCKET -> "Check that the Lambda function can reach ssmmessages over HTTPS and that the session token was not refused.";
            case HANDSHAKE -> "Check the task's path to ssmmessages (endpoints, security groups, proxies) and the agent's log "
                    + "(/var/log/amazon/ssm/amazon-ssm-agent.log in the container).";
            case ENCRYPTION -> "Check that the probe may call kms:GenerateDataKey and the task role kms:Decrypt on the cluster's "
                    + "ECS Exec key, and that the key is enabled.";
            case COMMAND -> "Check that /bin/sh exists in the container and that the session's output reaches the client.";
        };
    }
}
