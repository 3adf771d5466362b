package io.execready.cli;

import io.execready.cli.CheckOptions.OutputFormat;
import io.execready.cli.CheckOptions.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parses the arguments into one request, reporting every problem at once rather than the first. */
public final class CommandLine {

    static final String USAGE = """
            Usage: execready check --cluster CLUSTER (--task TASK | --service SERVICE | --all) [options]

            Checks whether ECS Exec (aws ecs execute-command) will work on ECS tasks, from this machine:
            every check ExecReady runs in Lambda, plus this machine's Session Manager plugin and AWS CLI,
            and whether you yourself may run execute-command on each task. Nothing is published.

              --cluster CLUSTER      cluster name or ARN (required)
              --task TASK            one task, by id or ARN
              --service SERVICE      the service's own verdict and each of its running tasks
              --all                  every running task of the cluster, and which containers are exec-ready now
              --output FORMAT        table (default), json (the on-demand report's shape) or markdown
              --no-color             no colour (also off when output is not a terminal, or NO_COLOR is set)
              --profile NAME         credentials and region from this named profile
              --region REGION        the region (default: AWS_REGION, the profile's, then the SDK's chain)
              -h, --help             this help

            Exit codes (the readiness of everything checked, the least ready winning):
              0   ready: every subject is Exec-ready, and so is this machine
              1   not ready: a check FAILed (including this machine's plugin or CLI)
              2   undetermined: nothing FAILed, but a check that decides readiness is UNKNOWN (a read
                  failed), or a task could not be read or found; an UNKNOWN of a check that can only
                  WARN leaves readiness decided
              64  usage error: the arguments are not a request

            Credentials come from the AWS SDK's default chain (environment, profile, SSO, container,
            instance), as the AWS CLI's do.
            """;

    private CommandLine() {
    }

    /** What the arguments ask. */
    public sealed interface Request {
        /** {@code --help}, or no arguments. */
        record Help() implements Request {
        }

        /** A check to run. */
        record Check(CheckOptions options) implements Request {
        }

        /** Arguments that are not a request, with every problem found. */
        record Invalid(List<String> problems) implements Request {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }
    }

    public static Request parse(List<String> args) {
        if (args.isEmpty() || args.contains("-h") || args.contains("--help") || args.equals(List.of("help"))) {
            return new Request.Help();
        }
        List<String> problems = new ArrayList<>();
        if (!args.getFirst().equals("check")) {
            return new Request.Invalid(List.of("unknown command '" + args.getFirst() + "': the command is 'check'"));
        }
        String cluster = null;
        List<Target> targets = new ArrayList<>();
        OutputFormat format = OutputFormat.TABLE;
        boolean color = true;
        String profile = null;
        String region = null;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean inline = !option.equals(arg);
            switch (option) {
                case "--all" -> targets.add(new Target.WholeCluster());
                case "--no-color", "--no-colour" -> color = false;
                case "--cluster", "--task", "--service", "--output", "--profile", "--region" -> {
                    String value;
                    if (inline) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        value = args.get(++i);
                    } else {
                        problems.add(option + " needs a value");
                        continue;
                    }
                    if (value.isBlank()) {
                        problems.add(option + " needs a value");
                        continue;
                    }
                    switch (option) {
                        case "--cluster" -> cluster = value;
                        case "--task" -> targets.add(new Target.OneTask(value));
                        case "--service" -> targets.add(new Target.ServiceTasks(value));
                        case "--profile" -> profile = value;
                        case "--region" -> region = value;
                        default -> {
                            Optional<OutputFormat> parsed = format(value);
                            if (parsed.isPresent()) {
                                format = parsed.get();
                            } else {
                                problems.add("--output must be table, json or markdown, not '" + value + "'");
                            }
                        }
                    }
                }
                default -> problems.add("unknown argument '" + arg + "'");
            }
        }
        if (cluster == null) {
            problems.add("--cluster is required");
        }
        if (targets.size() != 1) {
            problems.add("give exactly one of --task, --service or --all");
        }
        if (!problems.isEmpty()) {
            return new Request.Invalid(problems);
        }
        return new Request.Check(new CheckOptions(cluster, targets.getFirst(), format, color, Optional.ofNullable(profile),
                Optional.ofNullable(region)));
    }

    private static Optional<OutputFormat> format(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "table", "text" -> Optional.of(OutputFormat.TABLE);
            case "json" -> Optional.of(OutputFormat.JSON);
            case "markdown", "md" -> Optional.of(OutputFormat.MARKDOWN);
            default -> Optional.empty();
        };
    }
}
