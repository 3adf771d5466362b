package io.execready.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;
import software.amazon.awssdk.services.securityhub.model.Resource;

/**
 * Checks a finding against the ASFF rules Security Hub enforces on import. The local emulator
 * accepts almost anything, so this is where a broken finding is caught.
 */
final class AsffAssertions {

    private AsffAssertions() {
    }

    static void assertValidAsff(AwsSecurityFinding finding) {
        assertThat(finding.schemaVersion()).isEqualTo("2018-10-08");
        assertNonBlankWithin(finding.id(), 512, "Id");
        assertNonBlankWithin(finding.productArn(), Integer.MAX_VALUE, "ProductArn");
        assertNonBlankWithin(finding.generatorId(), 512, "GeneratorId");
        assertThat(finding.awsAccountId()).as("AwsAccountId").matches("\\d{12}");
        assertNonBlankWithin(finding.createdAt(), Integer.MAX_VALUE, "CreatedAt");
        assertNonBlankWithin(finding.updatedAt(), Integer.MAX_VALUE, "UpdatedAt");
        assertThat(finding.updatedAt()).as("UpdatedAt").isGreaterThanOrEqualTo(finding.createdAt());
        assertNonBlankWithin(finding.title(), 256, "Title");
        assertNonBlankWithin(finding.description(), 1024, "Description");
        // Severity and Types go only through the provider's fields, so a reviewer's own top-level changes survive re-imports.
        assertThat(finding.hasTypes()).as("top-level Types sent").isFalse();
        assertThat(finding.severity()).as("top-level Severity sent").isNull();
        assertThat(finding.findingProviderFields().severity().label()).as("FindingProviderFields.Severity.Label").isNotNull();
        assertThat(finding.findingProviderFields().types()).as("FindingProviderFields.Types").isNotEmpty();
        assertThat(finding.compliance().status()).as("Compliance.Status").isNotNull().isNotEqualTo(ComplianceStatus.WARNING);
        assertThat(finding.recordStateAsString()).isEqualTo("ACTIVE");
        assertNonBlankWithin(finding.remediation().recommendation().text(), 512, "Remediation.Recommendation.Text");
        assertThat(finding.productName()).hasSizeLessThanOrEqualTo(128);

        assertThat(finding.productFields()).as("ProductFields").hasSizeLessThanOrEqualTo(50);
        finding.productFields().forEach((key, value) -> {
            assertThat(key).as("ProductFields key").hasSizeLessThanOrEqualTo(128).doesNotStartWith("aws/");
            assertNonBlankWithin(value, 2048, "ProductFields[" + key + "]");
        });

        assertThat(finding.resources()).as("Resources").hasSizeBetween(1, 32);
        for (Resource resource : finding.resources()) {
            assertNonBlankWithin(resource.type(), Integer.MAX_VALUE, "Resource.Type");
            assertNonBlankWithin(resource.id(), 512, "Resource.Id");
            assertNonBlankWithin(resource.partitionAsString(), Integer.MAX_VALUE, "Resource.Partition");
            assertNonBlankWithin(resource.region(), Integer.MAX_VALUE, "Resource.Region");
            if (resource.details() != null && resource.details().hasOther()) {
                Map<String, String> other = resource.details().other();
                assertThat(other).as("Details.Other of " + resource.id()).hasSizeLessThanOrEqualTo(50);
                other.forEach((key, value) -> {
                    assertThat(key).as("Details.Other key").hasSizeLessThan(128);
                    assertThat(value).as("Details.Other[" + key + "]").isNotBlank().hasSizeLessThan(1024);
                });
            }
        }
        assertThat(AsffJsonSize.of(finding)).as("finding size in bytes").isLessThanOrEqualTo(240_000);
    }

    private static void assertNonBlankWithin(String value, int max, String field) {
        assertThat(value).as(field).isNotBlank().hasSizeLessThanOrEqualTo(max);
    }
}
