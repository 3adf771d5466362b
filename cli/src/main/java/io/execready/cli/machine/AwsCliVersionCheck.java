package io.execready.cli.machine;

import io.execready.engine.CheckDefinition;
import io.execready.engine.OperatorError;
import io.execready.engine.CheckResult;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * execute-command needs an AWS CLI that knows it and its current session handshake: 1.22.3 or newer
 * for v1, 2.3.6 or newer for v2. The version is read from {@code aws --version}
 * ("aws-cli/2.15.30 Python/3.11.8 ..."), never guessed from another program.
 */
public final class AwsCliVersionCheck implements MachineCheck {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "aws-cli-version",
            "The AWS CLI supports execute-command",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html")
            .failingWith(new OperatorError("aws: error: argument operation: Invalid choice, valid choices are: ..."
                    + " (a CLI that predates execute-command)"));
    public static final String PROGRAM = "aws";
    static final DottedVersion MINIMUM_V1 = DottedVersion.of("1.22.3");
    static final DottedVersion MINIMUM_V2 = DottedVersion.of("2.3.6");
    private static final Pattern AWS_CLI = Pattern.compile("aws-cli/(\\d+(?:\\.\\d+)*)");
    private static final String INSTALL_V2 = "Install or update the AWS CLI v2: "
            + "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html.";

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
                    "The AWS CLI (aws) is not on this machine's PATH, and aws ecs execute-command is how a shell is opened.", INSTALL_V2);
            case InstalledTool.Unusable unusable -> DEFINITION.fail(
                    "The AWS CLI at " + unusable.path() + " does not run: " + unusable.why() + ".", INSTALL_V2);
            case InstalledTool.Found found -> judge(found);
        };
    }

    private static CheckResult judge(InstalledTool.Found found) {
        Matcher matcher = AWS_CLI.matcher(found.output());
        Optional<DottedVersion> version = matcher.find() ? DottedVersion.find(matcher.group(1)) : Optional.empty();
        if (version.isEmpty()) {
            return DEFINITION.unknown("The program at " + found.path() + " answered aws --version with \""
                            + LocalTools.firstLine(found.output()) + "\", which is not an AWS CLI version.",
                    "Run aws --version; it prints aws-cli/VERSION. " + INSTALL_V2);
        }
        DottedVersion minimum = version.get().major() >= 2 ? MINIMUM_V2 : MINIMUM_V1;
        if (version.get().isOlderThan(minimum)) {
            return DEFINITION.fail("The AWS CLI at " + found.path() + " is version " + version.get() + ", older than " + minimum
                            + ", the first v" + minimum.major() + " release whose execute-command works with ECS Exec today.",
                    INSTALL_V2).withEvidence("version", version.get().toString());
        }
        return DEFINITION.pass("The AWS CLI at " + found.path() + " is version " + version.get() + ".")
                .withEvidence("version", version.get().toString());
    }
}
