package io.execready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.cli.CheckOptions.OutputFormat;
import io.execready.cli.CheckOptions.Target;
import io.execready.cli.CommandLine.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static Request parse(String... args) {
        return CommandLine.parse(List.of(args));
    }

    private static CheckOptions options(String... args) {
        return ((Request.Check) parse(args)).options();
    }

    private static List<String> problems(String... args) {
        return ((Request.Invalid) parse(args)).problems();
    }

    @Test
    void parse_withOneTask_checksThatTaskAsATable() {
        CheckOptions options = options("check", "--cluster", "prod", "--task", "abc123");

        assertThat(options.cluster()).isEqualTo("prod");
        assertThat(options.target()).isEqualTo(new Target.OneTask("abc123"));
        assertThat(options.format()).isEqualTo(OutputFormat.TABLE);
        assertThat(options.color()).isTrue();
        assertThat(options.profile()).isEmpty();
        assertThat(options.region()).isEmpty();
    }

    @Test
    void parse_withEveryOption_readsEachInBothSpellings() {
        CheckOptions options = options("check", "--cluster=prod", "--service", "web", "--output=json", "--no-color",
                "--profile", "dev", "--region=eu-west-1");

        assertThat(options.target()).isEqualTo(new Target.ServiceTasks("web"));
        assertThat(options.format()).isEqualTo(OutputFormat.JSON);
        assertThat(options.color()).isFalse();
        assertThat(options.profile()).contains("dev");
        assertThat(options.region()).contains("eu-west-1");
        assertThat(options("check", "--cluster", "c", "--all", "--output", "markdown").format()).isEqualTo(OutputFormat.MARKDOWN);
        assertThat(options("check", "--cluster", "c", "--all").target()).isEqualTo(new Target.WholeCluster());
    }

    @Test
    void parse_withoutArgumentsOrWithHelp_asksForHelp() {
        assertThat(parse()).isInstanceOf(Request.Help.class);
        assertThat(parse("--help")).isInstanceOf(Request.Help.class);
        assertThat(parse("check", "-h")).isInstanceOf(Request.Help.class);
    }

    @Test
    void parse_withUsageErrors_reportsEveryProblem() {
        assertThat(problems("status")).containsExactly("unknown command 'status': the command is 'check'");
        assertThat(problems("check", "--task", "t")).containsExactly("--cluster is required");
        assertThat(problems("check", "--cluster", "c")).containsExactly("give exactly one of --task, --service or --all");
        assertThat(problems("check", "--cluster", "c", "--task", "t", "--all")).containsExactly("give exactly one of --task, --service or --all");
        assertThat(problems("check", "--cluster", "c", "--all", "--output", "yaml"))
                .containsExactly("--output must be table, json or markdown, not 'yaml'");
        assertThat(problems("check", "--cluster", "--all")).contains("--cluster needs a value", "--cluster is required");
        assertThat(problems("check", "--cluster", "c", "--all", "--verbose")).containsExactly("unknown argument '--verbose'");
    }
}
