package io.execready.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.execready.aws.AwsCallRecorder;
import io.execready.aws.AwsClients;
import io.execready.aws.ClusterDirectory;
import io.execready.config.CheckerConfig;
import io.execready.config.ConfigurationException;
import io.execready.engine.ExecReadyException;
import io.execready.engine.ReadFailedException;
import io.execready.functions.events.SweepEvents;
import io.execready.functions.events.SweepEvents.ScheduleAccepted;
import io.execready.functions.events.SweepEvents.ScheduleRejected;
import io.execready.logging.JsonLog;
import io.execready.snapshot.Fetched;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Invoked by the sweep schedule (an EventBridge Scheduled Event). Lists every cluster of the account
 * in this region and puts one message per cluster on the sweep queue, where
 * {@link SweepClusterFunction} sweeps each cluster in an invocation of its own: the sweep of an
 * account of any size is many short invocations, each far inside the Lambda time limit.
 *
 * <p>A payload that is not a Scheduled Event ends normally with one WARN line. Failing to list the
 * clusters or to queue them fails the invocation, so Lambda retries it (queueing a cluster twice
 * only sweeps it twice) and finally records it on the invocation failure queue.
 */
public final class SweepFunction implements RequestStreamHandler {

    static final String QUEUE_URL_VARIABLE = "SWEEP_QUEUE_URL";
    /** SendMessageBatch takes at most 10 entries. */
    static final int SEND_BATCH = 10;

    private final ClusterDirectory clusters;
    private final SqsClient sqs;
    private final String queueUrl;
    private final JsonLog log;
    private final AwsCallRecorder awsCalls;

    /** Used by the Lambda runtime: builds the clients once per execution environment. */
    public SweepFunction() {
        this(System.getenv(), System.out, Clock.systemUTC());
    }

    SweepFunction(Map<String, String> environment, PrintStream out, Clock clock) {
        this(CheckerConfig.fromEnvironment(environment), queueUrl(environment), out, clock);
    }

    private SweepFunction(CheckerConfig config, String queueUrl, PrintStream out, Clock clock) {
        this(new AwsClients(config.region(), config.awsCallLimits()), queueUrl, JsonLog.create(out, config.logLevel(), clock));
    }

    private SweepFunction(AwsClients clients, String queueUrl, JsonLog log) {
        this(new ClusterDirectory(clients.ecs()), clients.sqs(), queueUrl, log, clients.callRecorder());
    }

    /** For tests: the cluster directory and queue client to use. */
    SweepFunction(ClusterDirectory clusters, SqsClient sqs, String queueUrl, JsonLog log, AwsCallRecorder awsCalls) {
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.log = Objects.requireNonNull(log, "log");
        this.awsCalls = Objects.requireNonNull(awsCalls, "awsCalls");
    }

    private static String queueUrl(Map<String, String> environment) {
        String url = environment.get(QUEUE_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new ConfigurationException(QUEUE_URL_VARIABLE + " must name the sweep queue's URL");
        }
        return url.trim();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog requestLog = log.with("requestId", context.getAwsRequestId()).with("handler", "Sweep");
        awsCalls.drain();
        FunctionOutcome outcome = switch (SweepEvents.schedule(input.readNBytes(SweepEvents.MAX_EVENT_BYTES + 1))) {
            case ScheduleRejected rejected -> new FunctionOutcome.Ignored(rejected.reason(), rejected.eventId(), null);
            case ScheduleAccepted accepted -> dispatch(accepted);
        };
        OutcomeRenderer.render(outcome).writeTo(requestLog, output);
    }

    private FunctionOutcome dispatch(ScheduleAccepted accepted) {
        List<String> arns = switch (clusters.clusterArns()) {
            case Fetched.Present<List<String>> present -> present.value();
            case Fetched.Absent<List<String>> absent -> List.of();
            case Fetched.Failed<List<String>> failed -> throw new ReadFailedException("Cannot list the clusters to sweep", failed.failure());
        };
        for (int from = 0; from < arns.size(); from += SEND_BATCH) {
            send(arns.subList(from, Math.min(arns.size(), from + SEND_BATCH)));
        }
        return new FunctionOutcome.SweepDispatched(accepted.envelope().getId(), accepted.envelope().getResources(), arns.size(),
                AwsCallCount.drain(awsCalls));
    }

    private void send(List<String> clusterArns) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < clusterArns.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(SweepEvents.clusterMessageBody(clusterArns.get(i)))
                    .build());
        }
        SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        if (response.hasFailed() && !response.failed().isEmpty()) {
            throw new ExecReadyException("The sweep queue refused " + response.failed().size() + " of " + entries.size()
                    + " cluster messages: " + response.failed().getFirst().code() + " " + response.failed().getFirst().message());
        }
    }
}
