package io.execready.cli.machine;

import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;

/** A check of the machine a person runs execute-command from: a pure function of what a program said its version is. */
public interface MachineCheck {

    CheckDefinition definition();

    /** The program this check asks. */
    String program();

    CheckResult evaluate(InstalledTool tool);

    default String id() {
        return definition().id();
    }
}
