package io.execready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void quote_leavesPlainNamesAsTheyAre() {
        assertThat(ShellWords.quote("execready-demo")).isEqualTo("execready-demo");
        assertThat(ShellWords.quote("arn:aws:ecs:us-east-1:123456789012:cluster/prod")).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/prod");
    }

    @Test
    void quote_singleQuotesNamesTheShellWouldSplitOrExpand() {
        assertThat(ShellWords.quote("my app")).isEqualTo("'my app'");
        assertThat(ShellWords.quote("$HOME")).isEqualTo("'$HOME'");
        assertThat(ShellWords.quote("it's")).isEqualTo("'it'\\''s'");
    }
}
