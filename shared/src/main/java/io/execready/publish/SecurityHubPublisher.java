package io.execready.publish;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;

/**
 * Imports findings with {@code BatchImportFindings}: as few calls as the limits allow (100
 * findings, 6 MB), every per-finding failure read from the response (they arrive inside HTTP 200),
 * passing failures sent again with backoff, and whatever still failed reported by
 * {@link FindingsImportException}. Nothing is dropped silently. Every call, retries included,
 * waits its turn at an {@link ImportRateLimiter}: Security Hub's 10 calls per second are shared by
 * every function of the account and region.
 */
public final class SecurityHubPublisher {

    public static final int MAX_FINDINGS_PER_CALL = 100;
    /** 6 MB per call, counted in decimal megabytes to stay on the safe side. */
    public static final long MAX_BYTES_PER_CALL = 6_000_000;
    /** {"Findings":[ ... ]} around the findings. */
    private static final long REQUEST_ENVELOPE_BYTES = 16;

    static final String FINDING_TOO_LARGE = "FindingTooLarge";
    static final String UNNAMED_FAILURE = "UnnamedFailure";
    static final String INTERRUPTED = "Interrupted";
    static final String RETRY_BUDGET_SPENT = "RetryBudgetSpent";

    private final SecurityHubClient client;
    private final ImportRetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final ImportRateLimiter rateLimiter;
    private final ImportRetryBudget budget;

    public SecurityHubPublisher(SecurityHubClient client) {
        this(client, ImportRetryPolicy.DEFAULT, Sleeper.system());
    }

    public SecurityHubPublisher(SecurityHubClient client, ImportRetryPolicy retryPolicy, Sleeper sleeper) {
        this(client, retryPolicy, sleeper, ImportRateLimiter.unlimited());
    }

    /** @param rateLimiter paces every call, retries included */
    public SecurityHubPublisher(SecurityHubClient client, ImportRetryPolicy retryPolicy, Sleeper sleeper, ImportRateLimiter rateLimiter) {
        this(client, retryPolicy, sleeper, rateLimiter, ImportRetryBudget.unlimited());
    }

    /** @param budget the re-sends the current invocation has left, shared by all its publications */
    public SecurityHubPublisher(SecurityHubClient client, ImportRetryPolicy retryPolicy, Sleeper sleeper, ImportRateLimiter rateLimiter,
                                ImportRetryBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.client = Objects.requireNonNull(client, "client");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    }

    /**
     * Imports every finding, or throws {@link FindingsImportException} naming each one that was not
     * imported, with Security Hub's error code and message.
     *
     * @param findings findings with distinct ids: two with the same id in one publish would race
     *                 each other, and the later one may be dropped as "not newer"
     */
    public PublishOutcome publish(List<AwsSecurityFinding> findings) {
        requireDistinctIds(findings);
        List<ImportFailure> failures = new ArrayList<>();
        List<SizedFinding> pending = new ArrayList<>();
        for (AwsSecurityFinding finding : findings) {
            long bytes = AsffJsonSize.of(finding);
            if (bytes > AsffLimits.FINDING_BYTES) {
                failures.add(new ImportFailure(finding.id(), FINDING_TOO_LARGE,
                        "about " + bytes + " bytes, over Security Hub's limit of " + AsffLimits.FINDING_BYTES + "; not sent"));
            } else {
                pending.add(new SizedFinding(finding, bytes));
            }
        }

        int imported = 0;
        int calls = 0;
        int resent = 0;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                if (!backOff(attempt - 1)) {
                    pending.forEach(f -> failures.add(new ImportFailure(f.id(), INTERRUPTED, "retry abandoned: the thread was interrupted")));
                    break;
                }
                resent += pending.size();
            }
            AttemptResult result = new AttemptResult();
            for (List<SizedFinding> batch : batches(pending)) {
                if (attempt > 1 && !budget.tryResend()) {
                    batch.forEach(f -> failures.add(new ImportFailure(f.id(), RETRY_BUDGET_SPENT, "not sent again: this invocation's "
                            + budget.resends() + " re-sent import calls are spent; Lambda's retry sends it")));
                    continue;
                }
                calls++;
                importBatch(batch, result);
            }
            imported += result.imported;
            failures.addAll(result.permanent);
            if (result.retryable.isEmpty()) {
                break;
            }
            if (attempt == retryPolicy.maxAttempts()) {
                int attempts = attempt;
                result.retryable.values().forEach(f -> failures.add(new ImportFailure(f.findingId(), f.errorCode(),
                        f.errorMessage() + " (still failing after " + attempts + " attempts)")));
                break;
            }
            Set<String> retryIds = result.retryable.keySet();
            pending = pending.stream().filter(f -> retryIds.contains(f.id())).toList();
        }

        PublishOutcome outcome = new PublishOutcome(findings.size(), imported, calls, resent);
        if (!failures.isEmpty()) {
            throw new FindingsImportException(outcome, failures);
        }
        return outcome;
    }

    /**
     * Error codes of findings worth sending again. The API reference does not enumerate the codes
     * of {@code FailedFindings}; the ones seen for a finding that breaks the format
     * ({@code InvalidInput}) are permanent, while throttling and internal errors are named after
     * the service's own exceptions ({@code LimitExceededException}, {@code InternalException}).
     */
    static boolean retryableErrorCode(String errorCode) {
        String code = errorCode == null ? "" : errorCode.toLowerCase(Locale.ROOT);
        return code.contains("throttl")
                || code.contains("limitexceeded")
                || code.contains("toomanyrequests")
                || code.contains("internal")
                || code.contains("serviceunavailable")
                || code.contains("timeout")
                || code.contains("timedout");
    }

    /** A whole call failed even after the SDK's own retries: worth another round only if it was passing. */
    static boolean retryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return e.retryable() || e.getCause() instanceof IOException;
    }

    private void importBatch(List<SizedFinding> batch, AttemptResult result) {
        List<AwsSecurityFinding> findings = batch.stream().map(SizedFinding::finding).toList();
        try {
            rateLimiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            batch.forEach(f -> result.fail(new ImportFailure(f.id(), INTERRUPTED, "not sent: the thread was interrupted while waiting its turn"), false));
            return;
        }
        BatchImportFindingsResponse response;
        try {
            response = client.batchImportFindings(BatchImportFindingsRequest.builder().findings(findings).build());
        } catch (SdkException e) {
            CallError error = CallError.of(e);
            boolean retry = retryable(e);
            for (SizedFinding finding : batch) {
                result.fail(new ImportFailure(finding.id(), error.code(), error.message()), retry);
            }
            return;
        }

        Set<String> batchIds = new HashSet<>();
        batch.forEach(f -> batchIds.add(f.id()));
        Map<String, ImportFindingsError> named = new LinkedHashMap<>();
        for (ImportFindingsError error : response.failedFindings()) {
            if (error.id() != null && batchIds.contains(error.id())) {
                named.putIfAbsent(error.id(), error);
            }
        }
        int failedCount = response.failedCount() == null ? named.size() : response.failedCount();
        for (ImportFindingsError error : named.values()) {
            result.fail(new ImportFailure(error.id(), error.errorCode(), error.errorMessage()), retryableErrorCode(error.errorCode()));
        }
        if (failedCount > named.size()) {
            // Security Hub counted failures it did not name, so which ones is unknown. Send the rest
            // again: a finding that was in fact imported is then ignored as not newer, and counted
            // as a success.
            String message = "Security Hub reported " + failedCount + " failed findings in the call but named " + named.size();
            batch.stream().filter(f -> !named.containsKey(f.id()))
                    .forEach(f -> result.fail(new ImportFailure(f.id(), UNNAMED_FAILURE, message), true));
            return;
        }
        result.imported += batch.size() - named.size();
    }

    /** Greedy batches in the given order: at most 100 findings and 6 MB each. */
    private static List<List<SizedFinding>> batches(List<SizedFinding> findings) {
        List<List<SizedFinding>> batches = new ArrayList<>();
        List<SizedFinding> current = new ArrayList<>();
        long currentBytes = REQUEST_ENVELOPE_BYTES;
        for (SizedFinding finding : findings) {
            long added = finding.bytes() + (current.isEmpty() ? 0 : 1);
            if (!current.isEmpty() && (current.size() == MAX_FINDINGS_PER_CALL || currentBytes + added > MAX_BYTES_PER_CALL)) {
                batches.add(current);
                current = new ArrayList<>();
                currentBytes = REQUEST_ENVELOPE_BYTES;
                added = finding.bytes();
            }
            current.add(finding);
            currentBytes += added;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** Waits before retry number {@code retry}, with jitter so concurrent functions spread out. */
    private boolean backOff(int retry) {
        long ceilingNanos = retryPolicy.backoffCeiling(retry).toNanos();
        long half = ceilingNanos / 2;
        Duration wait = Duration.ofNanos(half + (half > 0 ? ThreadLocalRandom.current().nextLong(ceilingNanos - half + 1) : 0));
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void requireDistinctIds(List<AwsSecurityFinding> findings) {
        Set<String> ids = new HashSet<>();
        for (AwsSecurityFinding finding : findings) {
            Objects.requireNonNull(finding.id(), "finding id");
            if (!ids.add(finding.id())) {
                throw new IllegalArgumentException("Finding id " + finding.id() + " appears more than once in one publish");
            }
        }
    }

    /** Why a whole call failed: the service's error code when it gave one, else the exception's kind. */
    private record CallError(String code, String message) {
        static CallError of(SdkException e) {
            if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                    && service.awsErrorDetails().errorCode() != null) {
                String message = service.awsErrorDetails().errorMessage();
                return new CallError(service.awsErrorDetails().errorCode(), message == null ? service.getMessage() : message);
            }
            return new CallError(e.getClass().getSimpleName(), e.getMessage());
        }
    }

    private record SizedFinding(AwsSecurityFinding finding, long bytes) {
        String id() {
            return finding.id();
        }
    }

    /** One round over the pending findings. */
    private static final class AttemptResult {
        int imported;
        final List<ImportFailure> permanent = new ArrayList<>();
        final Map<String, ImportFailure> retryable = new LinkedHashMap<>();

        void fail(ImportFailure failure, boolean retry) {
            if (retry) {
                retryable.put(failure.findingId(), failure);
            } else {
                permanent.add(failure);
            }
        }
    }
}
