package io.execready.cli.machine;

import io.execready.engine.CheckDefinition;
import io.execready.engine.OperatorError;
import io.execready.engine.CheckResult;
import io.execready.engine.Severity;
import java.util.Optional;

/**
 * The AWS CLI hands the session to the Session Manager plugin: without it execute-command stops with
 * "SessionManagerPlugin is not found"; below 1.2.764.0 the CLI warns on every session. The
 * reference script checks only that it is there.
 */
public final class SessionManagerPluginCheck implements MachineCheck {

    /** AWS's install guide for the plugin, which every remediation here points to. */
    private static final String PLUGIN_GUIDE =
            "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html";

    public static final CheckDefinition DEFINITION = new CheckDefinition(
            "session-manager-plugin",
            "The Session Manager plugin is installed and current",
            PLUGIN_GUIDE,
            Severity.LOW)
            .failingWith(new OperatorError("SessionManagerPlugin is not found. Please refer to SessionManager Documentation here:"
                    + " http://docs.aws.amazon.com/console/systems-manager/session-manager-plugin-not-found"));
    public static final String PROGRAM = "session-manager-plugin";
    static final DottedVersion RECOMMENDED = DottedVersion.of("1.2.764.0");
    private static final String INSTALL = "Install the Session Manager plugin: " + PLUGIN_GUIDE;

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public String program() {
        return PROGRAM;
    }

    @Override
    public CheckResult evaluate(InstalledTool tool) {
        return switch (tool) {
            case InstalledTool.Missing missing -> DEFINITION.fail(
                    "The Session Manager plugin (session-manager-plugin) is not on this machine's PATH, so aws ecs execute-command"
                            + " stops with \"SessionManagerPlugin is not found\".",
                    INSTALL + ", then open a new terminal so PATH includes it.");
            case InstalledTool.Unusable unusable -> DEFINITION.fail(
                    "The Session Manager plugin at " + unusable.path() + " does not run: " + unusable.why() + ".",
                    "Reinstall the Session Manager plugin: " + PLUGIN_GUIDE + ".");
            case InstalledTool.Found found -> judge(found);
        };
    }

    private static CheckResult judge(InstalledTool.Found found) {
        Optional<DottedVersion> version = DottedVersion.find(LocalTools.firstLine(found.output()));
        if (version.isEmpty()) {
            return DEFINITION.unknown("The Session Manager plugin at " + found.path() + " answered --version with \""
                            + LocalTools.firstLine(found.output()) + "\", which names no version.",
                    "Run session-manager-plugin --version; reinstall the plugin if it prints no version.");
        }
        if (version.get().isOlderThan(RECOMMENDED)) {
            return DEFINITION.warn("The Session Manager plugin at " + found.path() + " is version " + version.get()
                            + ", older than " + RECOMMENDED + ", below which the AWS CLI warns on every session.",
                    "Update the Session Manager plugin: " + PLUGIN_GUIDE + ".")
                    .withEvidence("version", version.get().toString());
        }
        return DEFINITION.pass("The Session Manager plugin at " + found.path() + " is version " + version.get() + ".")
                .withEvidence("version", version.get().toString());
    }
}
