package io.execready.cli;

import io.execready.aws.ReadThreads;
import io.execready.cli.machine.LocalTools;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@code execready check}: the engine's checks on one task, a service or a whole cluster, from a
 * terminal, with this machine's Session Manager plugin and AWS CLI and the caller's own access.
 * Prints a table, JSON or Markdown and exits 0 (ready), 1 (not ready), 2 (could not tell) or 64
 * (usage); see {@link CommandLine#USAGE}.
 */
public final class ExecReadyCli {

    private ExecReadyCli() {
    }

    public static void main(String[] args) {
        Terminal terminal = Terminal.system();
        int code;
        try {
            code = run(List.of(args), terminal);
        } catch (RuntimeException e) {
            // A crash decides nothing about the tasks: "could not tell", never the JVM's own status 1 ("not ready").
            terminal.err().println("execready: the check stopped unexpectedly: " + e);
            code = ExitStatus.UNDETERMINED.code();
        }
        System.out.flush();
        System.exit(code);
    }

    static int run(List<String> args, Terminal terminal) {
        return switch (CommandLine.parse(args)) {
            case CommandLine.Request.Help help -> {
                terminal.out().print(CommandLine.USAGE);
                yield 0;
            }
            case CommandLine.Request.Invalid invalid -> {
                invalid.problems().forEach(problem -> terminal.err().println("execready: " + problem));
                terminal.err().println("Run 'execready --help' for usage.");
                yield ExitStatus.USAGE.code();
            }
            case CommandLine.Request.Check check -> check(check.options(), terminal);
        };
    }

    private static int check(CheckOptions options, Terminal terminal) {
        // The SDK's profile setting: credentials and region then come from that profile, as with the AWS CLI's --profile.
        options.profile().ifPresent(profile -> System.setProperty("aws.profile", profile));
        Region region;
        try {
            region = options.region().map(Region::of).orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
        } catch (SdkClientException e) {
            terminal.err().println("execready: no AWS region is configured: pass --region, set AWS_REGION, or give the profile a region.");
            return ExitStatus.USAGE.code();
        }
        try (ExecutorService executor = ReadThreads.pool()) {
            TerminalCheck check = new TerminalCheck(new TerminalClients(region),
                    new LocalTools(terminal.environment(), LocalTools.DEFAULT_TIMEOUT, terminal.toolVersionCache()), executor, Clock.systemUTC());
            CheckOutcome outcome = check.run(options);
            ExitStatus status = ExitStatus.of(outcome);
            switch (options.format()) {
                case TABLE -> new TableOutput(new Palette(options.color() && terminal.wantsColor()), terminal.out()).print(outcome, status);
                case JSON -> new JsonOutput(terminal.out()).print(outcome, status);
                case MARKDOWN -> new MarkdownOutput(terminal.out()).print(outcome, status);
            }
            return status.code();
        }
    }
}
