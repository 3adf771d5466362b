package io.execready.publish;

import static io.execready.publish.ScriptedSecurityHubClient.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.InvalidAccessException;
import software.amazon.awssdk.services.securityhub.model.LimitExceededException;

class SecurityHubPublisherTest {

    private static final ImportRetryPolicy THREE_ATTEMPTS = new ImportRetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1));

    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper recordingSleeper = sleeps::add;

    @Test
    void publish_with250Findings_sendsThreeCallsOfAtMost100() {
        ScriptedSecurityHubClient client = ScriptedSecurityHubClient.acceptingAll();
        List<AwsSecurityFinding> findings = findings(250);

        PublishOutcome outcome = publisher(client).publish(findings);

        assertThat(client.requests).extracting(r -> r.findings().size()).containsExactly(100, 100, 50);
        assertThat(client.requests.stream().flatMap(r -> r.findings().stream()).toList()).isEqualTo(findings);
        assertThat(outcome).isEqualTo(new PublishOutcome(250, 250, 3, 0));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void publish_whenFindingsAreLarge_keepsEachCallUnderSixMegabytes() {
        ScriptedSecurityHubClient client = ScriptedSecurityHubClient.acceptingAll();
        List<AwsSecurityFinding> findings = IntStream.range(0, 100).mapToObj(i -> largeFinding("large-" + i)).toList();
        assertThat(AsffJsonSize.of(findings.getFirst())).isBetween(100_000L, 240_000L);

        PublishOutcome outcome = publisher(client).publish(findings);

        assertThat(client.requests).hasSizeGreaterThan(1);
        assertThat(client.requests).allSatisfy(request -> assertThat(AsffJsonSize.of(request)).isLessThanOrEqualTo(6_000_000L));
        assertThat(client.requests.stream().mapToInt(r -> r.findings().size()).sum()).isEqualTo(100);
        assertThat(outcome.imported()).isEqualTo(100);
    }

    @Test
    void publish_whenSomeFindingsAreThrottled_resendsOnlyThoseAfterBackoff() {
        ScriptedSecurityHubClient client = new ScriptedSecurityHubClient((call, request) -> call == 1
                ? ScriptedSecurityHubClient.accepted(request, List.of(
                        error("finding-3", "ThrottlingException", "Rate exceeded"),
                        error("finding-7", "InternalException", "Internal service error")))
                : ScriptedSecurityHubClient.accepted(request, List.of()));

        PublishOutcome outcome = publisher(client).publish(findings(10));

        assertThat(client.requests).hasSize(2);
        assertThat(client.sentIds(1)).containsExactly("finding-3", "finding-7");
        assertThat(outcome).isEqualTo(new PublishOutcome(10, 10, 2, 2));
        assertThat(sleeps).singleElement().satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(50), Duration.ofMillis(100)));
    }

    @Test
    void publish_whenAFindingKeepsFailing_throwsWithItsIdCodeAndMessageAfterBoundedAttempts() {
        ScriptedSecurityHubClient client = ScriptedSecurityHubClient.failing(request -> request.findings().stream()
                .filter(f -> f.id().equals("finding-4"))
                .map(f -> error(f.id(), "InternalException", "Internal service error"))
                .toList());

        FindingsImportException thrown = catchThrowableOfType(FindingsImportException.class, () -> publisher(client).publish(findings(5)));

        assertThat(client.requests).hasSize(3);
        assertThat(client.sentIds(1)).containsExactly("finding-4");
        assertThat(client.sentIds(2)).containsExactly("finding-4");
        assertThat(thrown.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.findingId()).isEqualTo("finding-4");
            assertThat(failure.errorCode()).isEqualTo("InternalException");
            assertThat(failure.errorMessage()).isEqualTo("Internal service error (still failing after 3 attempts)");
        });
        assertThat(thrown.outcome()).isEqualTo(new PublishOutcome(5, 4, 3, 2));
        assertThat(thrown).hasMessageStartingWith("1 of 5 findings were not imported into Security Hub: finding-4 (InternalException");
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void publish_whenFindingBreaksTheFormat_reportsItWithoutRetrying() {
        ScriptedSecurityHubClient client = ScriptedSecurityHubClient.failing(request -> List.of(
                error("finding-1", "InvalidInput", "Finding does not adhere to Amazon Finding Format. data.Title should NOT be longer than 256 characters.")));

        FindingsImportException thrown = catchThrowableOfType(FindingsImportException.class, () -> publisher(client).publish(findings(3)));

        assertThat(client.requests).hasSize(1);
        assertThat(sleeps).isEmpty();
        assertThat(thrown.failures()).containsExactly(new ImportFailure("finding-1", "InvalidInput",
                "Finding does not adhere to Amazon Finding Format. data.Title should NOT be longer than 256 characters."));
        assertThat(thrown.outcome().imported()).isEqualTo(2);
    }

    @Test
    void publish_whenWholeCallIsThrottled_resendsTheBatch() {
        ScriptedSecurityHubClient client = new ScriptedSecurityHubClient((call, request) -> {
            if (call == 1) {
                throw LimitExceededException.builder().statusCode(429)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("LimitExceededException").errorMessage("Rate exceeded").build())
                        .build();
            }
            return ScriptedSecurityHubClient.accepted(request, List.of());
        });

        PublishOutcome outcome = publisher(client).publish(findings(4));

        assertThat(client.requests).hasSize(2);
        assertThat(client.sentIds(1)).containsExactly("finding-0", "finding-1", "finding-2", "finding-3");
        assertThat(outcome).isEqualTo(new PublishOutcome(4, 4, 2, 4));
    }

    @Test
    void publish_whenSecurityHubStaysThrottled_resendsNoMoreThanTheInvocationsBudgetAcrossPublications() {
        ScriptedSecurityHubClient client = new ScriptedSecurityHubClient((call, request) -> {
            throw LimitExceededException.builder().statusCode(429)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("LimitExceededException").errorMessage("Rate exceeded").build())
                    .build();
        });
        ImportRetryBudget budget = new ImportRetryBudget(3);
        SecurityHubPublisher publisher = new SecurityHubPublisher(client, new ImportRetryPolicy(10, Duration.ZERO, Duration.ZERO),
                recordingSleeper, ImportRateLimiter.unlimited(), budget);

        FindingsImportException first = catchThrowableOfType(FindingsImportException.class, () -> publisher.publish(findings(2)));
        FindingsImportException second = catchThrowableOfType(FindingsImportException.class, () -> publisher.publish(findings(2)));

        assertThat(client.requests).as("two first sends, three re-sends in all").hasSize(5);
        assertThat(second.failures()).extracting(ImportFailure::errorCode).containsOnly(SecurityHubPublisher.RETRY_BUDGET_SPENT);
        assertThat(first.failures()).hasSize(2);

        budget.refill();
        catchThrowableOfType(FindingsImportException.class, () -> publisher.publish(findings(1)));
        assertThat(client.requests).as("a new invocation has its budget again").hasSize(5 + 1 + 3);
    }

    @Test
    void publish_whenAccessIsDenied_reportsEveryFindingWithoutRetrying() {
        ScriptedSecurityHubClient client = new ScriptedSecurityHubClient((call, request) -> {
            throw InvalidAccessException.builder().statusCode(401)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidAccessException")
                            .errorMessage("Account is not subscribed to AWS Security Hub").build())
                    .build();
        });

        FindingsImportException thrown = catchThrowableOfType(FindingsImportException.class, () -> publisher(client).publish(findings(2)));

        assertThat(client.requests).hasSize(1);
        assertThat(thrown.failures()).containsExactly(
                new ImportFailure("finding-0", "InvalidAccessException", "Account is not subscribed to AWS Security Hub"),
                new ImportFailure("finding-1", "InvalidAccessException", "Account is not subscribed to AWS Security Hub"));
        assertThat(thrown.outcome().imported()).isZero();
    }

    @Test
    void publish_whenSecurityHubCountsFailuresItDoesNotName_resendsTheUnnamed() {
        ScriptedSecurityHubClient client = new ScriptedSecurityHubClient((call, request) -> call == 1
                ? BatchImportFindingsResponse.builder()
                        .successCount(1).failedCount(2)
                        .failedFindings(error("finding-0", "InvalidInput", "bad"))
                        .build()
                : ScriptedSecurityHubClient.accepted(request, List.of()));

        FindingsImportException thrown = catchThrowableOfType(FindingsImportException.class, () -> publisher(client).publish(findings(3)));

        assertThat(client.sentIds(1)).containsExactly("finding-1", "finding-2");
        assertThat(thrown.failures()).extracting(ImportFailure::findingId).containsExactly("finding-0");
        assertThat(thrown.outcome().imported()).isEqualTo(2);
    }

    @Test
    void publish_whenAFindingIsOver240Kilobytes_reportsItWithoutSendingIt() {
        ScriptedSecurityHubClient client = ScriptedSecurityHubClient.acceptingAll();
        AwsSecurityFinding huge = finding("huge").toBuilder().productFields(padding(150, 2_000)).build();
        List<AwsSecurityFinding> findings = new ArrayList<>(findings(2));
        findings.add(huge);

        FindingsImportException thrown = catchThrowableOfType(FindingsImportException.class, () -> publisher(client).publish(findings));

        assertThat(client.sentIds(0)).containsExactly("finding-0", "finding-1");
        assertThat(thrown.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.findingId()).isEqualTo("huge");
            assertThat(failure.errorCode()).isEqualTo("FindingTooLarge");
        });
    }

    @Test
    void publish_whenInterruptedWhileBackingOff_reportsWhatWasPendingAndKeepsTheInterrupt() {
        ScriptedSecurityHubClient client = ScriptedSecurityHubClient.failing(request -> List.of(error("finding-0", "ThrottlingException", "Rate exceeded")));
        Sleeper interrupted = duration -> {
            throw new InterruptedException("shutting down");
        };

        try {
            FindingsImportException thrown = catchThrowableOfType(FindingsImportException.class,
                    () -> new SecurityHubPublisher(client, THREE_ATTEMPTS, interrupted).publish(findings(2)));

            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(client.requests).hasSize(1);
            assertThat(thrown.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.findingId()).isEqualTo("finding-0");
                assertThat(failure.errorCode()).isEqualTo("Interrupted");
            });
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void publish_withDuplicateIds_rejectsBeforeSending() {
        ScriptedSecurityHubClient client = ScriptedSecurityHubClient.acceptingAll();

        assertThatThrownBy(() -> publisher(client).publish(List.of(finding("same"), finding("same"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same");
        assertThat(client.requests).isEmpty();
    }

    @Test
    void publish_withNoFindings_makesNoCall() {
        ScriptedSecurityHubClient client = ScriptedSecurityHubClient.acceptingAll();

        PublishOutcome outcome = publisher(client).publish(List.of());

        assertThat(outcome).isEqualTo(new PublishOutcome(0, 0, 0, 0));
        assertThat(client.requests).isEmpty();
    }

    @Test
    void retryableErrorCode_separatesPassingFromPermanentFailures() {
        assertThat(List.of("ThrottlingException", "LimitExceededException", "TooManyRequestsException", "InternalException",
                "InternalFailure", "ServiceUnavailable", "RequestTimeout"))
                .allMatch(SecurityHubPublisher::retryableErrorCode);
        assertThat(List.of("InvalidInput", "InvalidInputException", "InvalidAccessException", "AccessDeniedException", ""))
                .noneMatch(SecurityHubPublisher::retryableErrorCode);
    }

    @Test
    void backoffCeiling_doublesUpToTheMaximum() {
        ImportRetryPolicy policy = new ImportRetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(1));

        assertThat(IntStream.rangeClosed(1, 5).mapToObj(policy::backoffCeiling).toList()).containsExactly(
                Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    private SecurityHubPublisher publisher(ScriptedSecurityHubClient client) {
        return new SecurityHubPublisher(client, THREE_ATTEMPTS, recordingSleeper);
    }

    private static List<AwsSecurityFinding> findings(int count) {
        return IntStream.range(0, count).mapToObj(i -> finding("finding-" + i)).toList();
    }

    private static AwsSecurityFinding finding(String id) {
        return AwsSecurityFinding.builder()
                .schemaVersion(AsffFindingMapper.SCHEMA_VERSION)
                .id(id)
                .generatorId("exec-enabled")
                .title("ECS Exec: " + id)
                .build();
    }

    /** About 100 KB: 50 product fields of 2,000 characters. */
    private static AwsSecurityFinding largeFinding(String id) {
        return finding(id).toBuilder().productFields(padding(50, 2_000)).build();
    }

    private static Map<String, String> padding(int entries, int valueLength) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            fields.put("execready/Padding" + i, "p".repeat(valueLength));
        }
        return fields;
    }
}
