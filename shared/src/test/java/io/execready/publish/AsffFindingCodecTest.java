package io.execready.publish;

import static io.execready.publish.ReportFixture.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CauseResource;
import io.execready.engine.CheckStatus;
import io.execready.engine.TaskReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.RecordState;

class AsffFindingCodecTest {

    private final List<AwsSecurityFinding> findings = findings();

    @Test
    void decode_ofEncode_givesTheSameFindingBack() {
        for (AwsSecurityFinding finding : findings) {
            assertThat(AsffFindingCodec.decode(AsffFindingCodec.encode(finding))).isEqualTo(finding);
        }
    }

    @Test
    void encode_isSmallerThanTheJsonSecurityHubReceives() {
        AwsSecurityFinding finding = findings.getFirst();

        assertThat((long) AsffFindingCodec.encode(finding).length).isLessThan(AsffJsonSize.of(finding) / 2);
    }

    @Test
    void archived_changesOnlyRecordStateAndUpdatedAt() {
        AwsSecurityFinding active = findings.getFirst();

        AwsSecurityFinding archived = AsffFindingMapper.archived(active, Instant.parse("2026-11-02T10:00:00.123Z"));

        assertThat(archived.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(archived.updatedAt()).isEqualTo("2026-11-02T10:00:00.123Z");
        assertThat(archived.toBuilder().recordState(active.recordState()).updatedAt(active.updatedAt()).build()).isEqualTo(active);
    }

    private static List<AwsSecurityFinding> findings() {
        TaskReport report = ReportFixture.serviceTask()
                .result(result("task-role-present", CheckStatus.FAIL).withCause(CauseResource.iamRole("arn:aws:iam::123456789012:role/app"))
                        .withEvidence("containers", "app, sidecar"))
                .result(result("task-running", CheckStatus.PASS))
                .result(result("init-process-enabled", CheckStatus.WARN))
                .build();
        return new AsffFindingMapper().map(report, FindingContext.evaluatedAt(report));
    }
}
