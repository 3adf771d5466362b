package io.execready.cli;

import io.execready.checks.CheckRegistry;
import io.execready.checks.iam.OperatorCanExecuteCheck;
import io.execready.checks.iam.OperatorStartSessionRestrictedCheck;
import io.execready.cli.caller.CallerCanExecuteCheck;
import io.execready.cli.machine.AwsCliVersionCheck;
import io.execready.cli.machine.MachineCheck;
import io.execready.cli.machine.SessionManagerPluginCheck;
import io.execready.engine.Check;
import io.execready.snapshot.Fetched;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks a terminal runs: the machine's own, then every task check of the catalog with the
 * configured-operator checks replaced by the caller's: at a terminal there is no operator list,
 * there is the person running the command.
 */
public final class TerminalChecks {

    /** Checks only a person's machine can answer; never registered in the Lambda functions. */
    public static final List<MachineCheck> MACHINE = List.of(new SessionManagerPluginCheck(), new AwsCliVersionCheck());

    private TerminalChecks() {
    }

    /** The catalog's task checks, {@code caller-can-execute} where {@code operator-can-execute} stands. */
    public static List<Check> taskChecks(Fetched<String> caller) {
        List<Check> checks = new ArrayList<>();
        for (Check check : CheckRegistry.all()) {
            if (check.id().equals(OperatorCanExecuteCheck.DEFINITION.id())) {
                checks.add(new CallerCanExecuteCheck(caller));
            } else if (!check.id().equals(OperatorStartSessionRestrictedCheck.DEFINITION.id())) {
                checks.add(check);
            }
        }
        return List.copyOf(checks);
    }

    /** The ids of the checks the terminal adds to the catalog, in the order they are reported. */
    public static List<String> terminalOnlyIds() {
        List<String> ids = new ArrayList<>(MACHINE.stream().map(MachineCheck::id).toList());
        ids.add(CallerCanExecuteCheck.DEFINITION.id());
        return List.copyOf(ids);
    }
}
