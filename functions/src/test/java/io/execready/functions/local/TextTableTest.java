package io.execready.functions.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void render_whenACheckIdIsLongerThanTheRest_widensItsColumnForEveryRow() {
        List<String> lines = new TextTable(List.of("CHECK", "STATUS", "RESULT"))
                .row(List.of("operator-start-session-restricted", "WARN", "short"), List.of())
                .row(List.of("pid-mode", "PASS", "also short"), List.of())
                .render("", 100);

        assertThat(lines).hasSize(3);
        int resultColumn = lines.get(0).indexOf("RESULT");
        assertThat(lines.get(1).indexOf("short")).isEqualTo(resultColumn);
        assertThat(lines.get(2).indexOf("also short")).isEqualTo(resultColumn);
        assertThat(lines.get(1).indexOf("WARN")).isEqualTo(lines.get(2).indexOf("PASS"));
    }

    @Test
    void render_wrapsLongTextAndNotesUnderTheLastColumn_cuttingNothing() {
        String message = "why: " + "word ".repeat(40).strip();
        String fix = "fix: aws iam put-role-policy --role-name r --policy-name p --policy-document '{\"Version\":\"2012-10-17\"}'";

        List<String> lines = new TextTable(List.of("CHECK", "STATUS", "RESULT"))
                .row(List.of("task-role-ssmmessages", "FAIL", message), List.of(fix))
                .render("   ", 60);

        int resultColumn = lines.get(0).indexOf("RESULT");
        assertThat(lines).hasSizeGreaterThan(4);
        assertThat(lines.subList(2, lines.size())).allSatisfy(line -> assertThat(line.substring(0, resultColumn)).isBlank());
        String rejoined = String.join(" ", lines.subList(1, lines.size()).stream().map(line -> line.substring(resultColumn)).toList());
        assertThat(rejoined).isEqualTo(message + " " + fix).doesNotContain("...");
    }

    @Test
    void wrap_keepsAWordLongerThanTheWidthWhole() {
        assertThat(TextTable.wrap("docs: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html", 20))
                .containsExactly("docs:", "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html");
    }
}
