package io.execready.cli;

import io.execready.checks.audit.AuditLoggingConfiguredCheck;
import io.execready.checks.container.ExecResourceHeadroomCheck;
import io.execready.checks.container.InitProcessEnabledCheck;
import io.execready.checks.container.NoStaticCredentialsCheck;
import io.execready.checks.container.PidModeCheck;
import io.execready.checks.container.ProxyBypassCheck;
import io.execready.checks.iam.OperatorStartSessionRestrictedCheck;
import io.execready.checks.network.SsmEndpointInTaskAzCheck;
import io.execready.checks.task.RestartPolicyCheck;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.SubjectReport;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The process's exit status: what a script calling {@code execready check} branches on. */
public enum ExitStatus {
    /** Every subject is Exec-ready, and so is this machine. */
    READY(0),
    /** Some check FAILed: a subject, or this machine, is not ready. */
    NOT_READY(1),
    /** Nothing FAILed, but a check that decides readiness is UNKNOWN, or something could not be evaluated. */
    UNDECIDED(2),
    /** The arguments are not a request (sysexits' EX_USAGE). */
    USAGE(64);

    /**
     * Checks whose worst verdict is WARN: they recommend, they never decide whether ECS Exec works,
     * so their UNKNOWN leaves readiness decided. A check not named here may FAIL, so its UNKNOWN does
     * not (a check added to the catalog counts as deciding until it is listed here).
     */
    static final Set<String> ADVISORY = Set.of(
            RestartPolicyCheck.DEFINITION.id(),
            InitProcessEnabledCheck.DEFINITION.id(),
            NoStaticCredentialsCheck.DEFINITION.id(),
            PidModeCheck.DEFINITION.id(),
            ExecResourceHeadroomCheck.DEFINITION.id(),
            AuditLoggingConfiguredCheck.DEFINITION.id(),
            OperatorStartSessionRestrictedCheck.DEFINITION.id(),
            SsmEndpointInTaskAzCheck.DEFINITION.id(),
            ProxyBypassCheck.DEFINITION.id());

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ExitStatus of(CheckOutcome outcome) {
        return switch (outcome) {
            case CheckOutcome.NotStarted notStarted -> UNDECIDED;
            case CheckOutcome.Checked checked -> of(checked);
        };
    }

    private static ExitStatus of(CheckOutcome.Checked checked) {
        List<CheckResult> all = Stream.concat(checked.machine().stream(),
                checked.reports().stream().map(SubjectReport::results).flatMap(List::stream)).toList();
        if (all.stream().anyMatch(result -> result.status().blocksExec())) {
            return NOT_READY;
        }
        boolean undecided = all.stream().anyMatch(result -> result.status() == CheckStatus.UNKNOWN && !ADVISORY.contains(result.checkId()));
        return undecided || !checked.notEvaluated().isEmpty() ? UNDECIDED : READY;
    }
}
