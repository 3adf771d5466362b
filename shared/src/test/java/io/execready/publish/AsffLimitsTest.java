package io.execready.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.snapshot.Subject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;
import software.amazon.awssdk.services.securityhub.model.Severity;

class AsffLimitsTest {

    @Test
    void truncate_keepsTextThatFitsAndCutsTheRestWithAnEllipsis() {
        assertThat(AsffLimits.truncate("exactly ten", 11)).isEqualTo("exactly ten");
        assertThat(AsffLimits.truncate("one too long", 11)).isEqualTo("one too ...").hasSize(11);
    }

    @Test
    void truncate_neverSplitsASurrogatePair() {
        String text = "abcd\uD83D\uDE00efgh"; // an emoji at positions 4 and 5

        String cut = AsffLimits.truncate(text, 8);

        assertThat(cut).isEqualTo("abcd...").hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void otherDetails_dropsBlankValuesCutsKeysAndValuesAndCountsWhatItLeavesOut() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Blank", " ");
        details.put("k".repeat(200) + "-first", "kept");
        details.put("k".repeat(200) + "-second", "dropped: its cut key is taken");
        for (int i = 0; i < 60; i++) {
            details.put("Entry" + i, "v".repeat(1_500));
        }

        Map<String, String> bounded = AsffLimits.otherDetails(details);

        assertThat(bounded).hasSize(50).doesNotContainKey("Blank");
        assertThat(bounded.keySet()).allSatisfy(key -> assertThat(key).hasSizeLessThan(128));
        assertThat(bounded.values()).allSatisfy(value -> assertThat(value).hasSizeLessThan(1024));
        assertThat(bounded).containsEntry("k".repeat(124) + "...", "kept");
        assertThat(bounded).containsEntry("OmittedEntries", "12 more entries left out (limit of 50)");
    }

    @Test
    void productFields_reportLeftOutEntriesUnderOurPrefix() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            fields.put("execready/Field" + i, "value");
        }

        assertThat(AsffLimits.productFields(fields)).hasSize(50).containsEntry("execready/OmittedEntries", "2 more entries left out (limit of 50)");
    }

    @Test
    void findingIds_withAnAbsurdlyLongCheckId_stillFitAndStayDeterministic() {
        FindingScope scope = new FindingScope("aws", "eu-west-1", "123456789012");
        Subject subject = Subject.service("arn:aws:ecs:eu-west-1:123456789012:cluster/prod", "payments-api");

        String id = FindingIds.of(scope, subject, "x".repeat(600));

        assertThat(id).hasSizeLessThanOrEqualTo(512).startsWith("execready/sha256-").isEqualTo(FindingIds.of(scope, subject, "x".repeat(600)));
    }

    @Test
    void jsonSize_matchesTheJsonTheSdkSends() {
        ImportFindingsError error = ImportFindingsError.builder().id("a\"b").errorCode("InvalidInput").errorMessage("é").build();
        Severity severity = Severity.builder().label("HIGH").build();

        assertThat(AsffJsonSize.of(error)).isEqualTo("{\"Id\":\"a\\\"b\",\"ErrorCode\":\"InvalidInput\",\"ErrorMessage\":\"é\"}".length() + 1L);
        assertThat(AsffJsonSize.of(severity)).isEqualTo("{\"Label\":\"HIGH\"}".length());
    }
}
