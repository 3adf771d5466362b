package io.execready.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;

/**
 * A Security Hub client that records every BatchImportFindings request and answers with what the
 * test scripted for that call (by call number, starting at 1). Every other operation keeps the
 * SDK interface's default: UnsupportedOperationException.
 */
final class ScriptedSecurityHubClient implements SecurityHubClient {

    /** Answers one call; may throw to simulate a failed call. */
    @FunctionalInterface
    interface Script {
        BatchImportFindingsResponse answer(int callNumber, BatchImportFindingsRequest request);
    }

    final List<BatchImportFindingsRequest> requests = new ArrayList<>();
    private final Script script;

    ScriptedSecurityHubClient(Script script) {
        this.script = script;
    }

    /** Imports everything it is sent. */
    static ScriptedSecurityHubClient acceptingAll() {
        return new ScriptedSecurityHubClient((call, request) -> accepted(request, List.of()));
    }

    /** Fails the findings {@code failures} names for a call, imports the rest. */
    static ScriptedSecurityHubClient failing(Function<BatchImportFindingsRequest, List<ImportFindingsError>> failures) {
        return new ScriptedSecurityHubClient((call, request) -> accepted(request, failures.apply(request)));
    }

    static BatchImportFindingsResponse accepted(BatchImportFindingsRequest request, List<ImportFindingsError> failures) {
        return BatchImportFindingsResponse.builder()
                .successCount(request.findings().size() - failures.size())
                .failedCount(failures.size())
                .failedFindings(failures)
                .build();
    }

    static ImportFindingsError error(String id, String code, String message) {
        return ImportFindingsError.builder().id(id).errorCode(code).errorMessage(message).build();
    }

    List<String> sentIds(int callIndex) {
        return requests.get(callIndex).findings().stream().map(AwsSecurityFinding::id).toList();
    }

    @Override
    public BatchImportFindingsResponse batchImportFindings(BatchImportFindingsRequest request) {
        requests.add(request);
        return script.answer(requests.size(), request);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
