package io.execready.checks.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.EcsTask;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void quote_leavesPlainNamesAsAwsDocumentsThem() {
        assertThat(ShellWords.quote("payments-api")).isEqualTo("payments-api");
        assertThat(ShellWords.quote("web:12")).isEqualTo("web:12");
        assertThat(ShellWords.quote("arn:aws:ecs:eu-west-1:123456789012:cluster/prod")).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:cluster/prod");
    }

    @Test
    void quote_singleQuotesAnythingElse_soItStaysOneWord() {
        assertThat(ShellWords.quote("prod; rm -rf ~")).isEqualTo("'prod; rm -rf ~'");
        assertThat(ShellWords.quote("$(curl evil)")).isEqualTo("'$(curl evil)'");
        assertThat(ShellWords.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellWords.quote("")).isEqualTo("''");
        assertThat(ShellWords.quote("a`b`")).isEqualTo("'a`b`'");
    }

    @Test
    void remediationCommands_quoteEveryNameTheyTakeFromTheAccount() {
        assertThat(RemediationCommands.enableExecAndRedeploy("prod|x", "svc$(id)"))
                .isEqualTo("aws ecs update-service --cluster 'prod|x' --service 'svc$(id)' --enable-execute-command --force-new-deployment");
        EcsTask task = TaskSnapshotFixture.runningFargateTask().build().task();
        assertThat(RemediationCommands.runTask(task)).contains("--cluster " + task.clusterName());
    }

    @Test
    void words_quotesEachNameOnItsOwn() {
        assertThat(ShellWords.words(java.util.List.of("subnet-1", "subnet 2"))).isEqualTo("subnet-1 'subnet 2'");
    }

    @Test
    void jsonString_escapesQuotesBackslashesAndControlCharacters() {
        assertThat(ShellWords.jsonString("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
