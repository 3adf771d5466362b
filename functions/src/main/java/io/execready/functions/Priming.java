package io.execready.functions;

import io.execready.aws.AwsCallRecorder;
import io.execready.aws.AwsClients;
import io.execready.aws.ReadCache;
import io.execready.checks.ServiceCheckRegistry;
import io.execready.config.CheckerConfig;
import io.execready.config.ExecProbeSettings;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.SubjectReport;
import io.execready.evaluation.EvaluationOutcome;
import io.execready.evaluation.TaskEventOutcome;
import io.execready.logging.JsonLog;
import io.execready.publish.PublishResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Warms what an execution environment would otherwise load on its first event, without calling
 * AWS: the SDK clients the functions use (built for real, and one offline request per operation
 * through {@link OfflineSdkCalls}), then a rehearsal of a first event end to end: the bundled
 * sample task event handled by the task-event handler over components whose SDK clients are
 * answered in-process ({@link FunctionComponents#offline}), so that the event parsing, the snapshot
 * loading, every check, the state table's read and transactions, the Security Hub import, the SNS
 * alert, the event's mark and the rendering of the response, log line and metrics all run once.
 * The rehearsal's components (placeholder table and topic) are thrown away afterwards; the
 * runtime's own findings port is still built on its first publish.
 *
 * <p>Under Lambda SnapStart the runtime calls {@link #beforeCheckpoint} once the function is
 * initialised, so the snapshot holds the warmed environment, and {@link #afterRestore} in every
 * environment restored from it. Without SnapStart priming runs during init only when asked
 * ({@code PRIME_ON_INIT=true}) or when Lambda initialises for provisioned concurrency, where init
 * happens ahead of any event; an on-demand cold start otherwise only pays for what its event needs.
 */
public final class Priming implements Resource {

    /** Set to true to prime during init also without SnapStart. */
    static final String PRIME_ON_INIT_VARIABLE = "PRIME_ON_INIT";
    private static final String INITIALIZATION_TYPE_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    private static final String SAMPLE_EVENT = "priming-task-event.json";
    /** The sample event's region: the rehearsal runs there, so the handler accepts the event and the bundled answers match it. */
    private static final String SAMPLE_REGION = "us-east-1";
    private static final String PLACEHOLDER_NAME = "execready-priming-placeholder";
    /** The runtime's context keeps resources weakly: these hold them for the environment's life. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final Map<String, String> environment;
    private final CheckerConfig config;
    private final AwsClients clients;
    private final ReadCache readCache;
    private final AwsCallRecorder awsCalls;
    private final JsonLog log;
    private final Clock clock;

    Priming(Map<String, String> environment, CheckerConfig config, AwsClients clients, ReadCache readCache, JsonLog log, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.config = Objects.requireNonNull(config, "config");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.readCache = Objects.requireNonNull(readCache, "readCache");
        this.awsCalls = clients.callRecorder();
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** When priming runs in this environment. */
    enum When {
        /** SnapStart: the runtime's checkpoint hook primes before the snapshot is taken. */
        BEFORE_CHECKPOINT,
        /** During init, before the first poll for an event. */
        DURING_INIT,
        /** Not at all: an on-demand cold start builds what its first event needs. */
        NEVER
    }

    static When when(Map<String, String> environment) {
        String initialization = environment.getOrDefault(INITIALIZATION_TYPE_VARIABLE, "on-demand");
        if (initialization.equals("snap-start")) {
            return When.BEFORE_CHECKPOINT;
        }
        if (initialization.equals("provisioned-concurrency")
                || Boolean.parseBoolean(environment.getOrDefault(PRIME_ON_INIT_VARIABLE, "false").trim())) {
            return When.DURING_INIT;
        }
        return When.NEVER;
    }

    /** Registers the checkpoint hooks and primes now when this environment asks for it at init. */
    void onInit(Map<String, String> environment) {
        REGISTERED.add(this);
        Core.getGlobalContext().register(this);
        if (when(environment) == When.DURING_INIT) {
            prime();
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    /**
     * A restored environment drops what priming may have left: the read cache and the call count.
     * Nothing time- or credential-bound was made before the snapshot: priming resolves no
     * credentials (the offline requests carry placeholders), opens no connection, and the findings
     * port with its import rate limiter (a clock reading) is built on the first publish after restore
     * (the rehearsal's own port, over offline clients, was dropped with its components).
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        readCache.clear();
        awsCalls.drain();
        log.info("restored from snapshot", Map.of("outcome", "RESTORED"));
    }

    /** Primes, and logs one line saying what was warmed and how long it took. */
    PrimingReport prime() {
        long started = System.nanoTime();
        buildClients();
        prepareAnUnsentRequest();
        OfflineSdkCalls.Outcome offline = OfflineSdkCalls.run(config.region());
        EvaluationOutcome rehearsed = rehearseSampleEvent();
        SubjectReport report = rehearsed.report();
        readCache.clear();
        awsCalls.drain();
        Map<CheckStatus, Long> verdicts = report.results().stream()
                .collect(Collectors.groupingBy(CheckResult::status, () -> new EnumMap<>(CheckStatus.class), Collectors.counting()));
        PrimingReport primed = new PrimingReport(report.results().size(), verdicts, ServiceCheckRegistry.all().size(),
                rehearsed.published(), offline.answered(), offline.refused(), Duration.ofNanos(System.nanoTime() - started));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("outcome", "PRIMED");
        fields.put("checksEvaluated", primed.checksEvaluated());
        fields.put("verdicts", primed.verdicts());
        fields.put("findingsImported", primed.published().findingsImported());
        fields.put("alertSent", primed.published().alertMessageId().isPresent());
        fields.put("sdkOperationsPrimed", primed.sdkOperationsAnswered().size());
        fields.put("sdkOperationsRefused", primed.sdkOperationsRefused());
        fields.put("durationMillis", primed.duration().toMillis());
        log.info("primed without calling AWS", fields);
        return primed;
    }

    /** The clients an invocation may use, built for real (no request is sent), so the snapshot holds them. */
    private void buildClients() {
        clients.ecs();
        clients.ec2();
        clients.iam();
        clients.kms();
        clients.logs();
        clients.s3();
        clients.dynamoDb();
        if (config.securityHubEnabled()) {
            clients.securityHub();
        }
        clients.sns();
    }

    /**
     * A request of the real HTTP client set up and dropped before it is sent: the client opens a
     * connection object, which connects nothing, so its request path and the JDK's HTTP (and, for
     * https, TLS socket factory) classes load without a socket or a DNS lookup.
     */
    private void prepareAnUnsentRequest() {
        clients.httpClient().prepareRequest(HttpExecuteRequest.builder()
                .request(SdkHttpRequest.builder().uri(URI.create("https://ecs." + config.region().id() + ".amazonaws.com/"))
                        .method(SdkHttpMethod.POST).build())
                .build()).abort();
    }

    /**
     * The bundled sample event handled as a first event is, by the task-event handler over offline
     * components built for it alone, its response and log written nowhere: evaluated, published
     * (placeholder table and topic, every request answered in-process) and rendered.
     */
    private EvaluationOutcome rehearseSampleEvent() {
        byte[] event;
        try (InputStream in = Objects.requireNonNull(Priming.class.getResourceAsStream(SAMPLE_EVENT), SAMPLE_EVENT)) {
            event = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + SAMPLE_EVENT, e);
        }
        FunctionOutcome outcome;
        try {
            outcome = new TaskStateChangeFunction(FunctionComponents.offline(rehearsalEnvironment(environment), clock))
                    .handle(event, OutputStream.nullOutputStream(), "priming");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (outcome instanceof FunctionOutcome.TaskEventHandled handled && handled.outcome() instanceof TaskEventOutcome.Evaluated evaluated) {
            return evaluated.outcome();
        }
        throw new IllegalStateException("the rehearsal of the bundled " + SAMPLE_EVENT + " was not evaluated: " + outcome);
    }

    /**
     * This function's settings with what would reach out replaced: the sample's region, a
     * placeholder state table and alert topic (a chat topic only when one is configured), no
     * central topic and no ECS Exec probe (it opens sessions and resolves credentials of its own).
     */
    static Map<String, String> rehearsalEnvironment(Map<String, String> environment) {
        Map<String, String> rehearsal = new HashMap<>(environment);
        rehearsal.keySet().removeAll(Set.of("AWS_DEFAULT_REGION", "CENTRAL_ALERT_TOPIC_ARN", ExecProbeSettings.VARIABLE));
        rehearsal.put("AWS_REGION", SAMPLE_REGION);
        rehearsal.put("STATE_TABLE_NAME", PLACEHOLDER_NAME);
        String topics = "arn:aws:sns:" + SAMPLE_REGION + ":" + OfflineSdkCalls.ACCOUNT + ":" + PLACEHOLDER_NAME;
        rehearsal.put("ALERT_TOPIC_ARN", topics);
        rehearsal.computeIfPresent("CHAT_TOPIC_ARN", (name, configured) -> topics + "-chat");
        return rehearsal;
    }

    /**
     * What priming warmed.
     *
     * @param checksEvaluated       task checks run on the rehearsed event's offline snapshot
     * @param verdicts              how many of them came to each status
     * @param serviceChecks         service checks registered (loaded, not run: they need a service snapshot)
     * @param published             what the rehearsal's offline publication did: findings imported, alert sent, event marked
     * @param sdkOperationsAnswered offline requests the SDK sent and unmarshalled
     * @param sdkOperationsRefused  offline requests whose canned answer the SDK refused (their way out is warmed all the same)
     */
    record PrimingReport(int checksEvaluated, Map<CheckStatus, Long> verdicts, int serviceChecks, PublishResult published,
                         List<String> sdkOperationsAnswered, List<String> sdkOperationsRefused, Duration duration) {
        PrimingReport {
            verdicts = Map.copyOf(verdicts);
            sdkOperationsAnswered = List.copyOf(sdkOperationsAnswered);
            sdkOperationsRefused = List.copyOf(sdkOperationsRefused);
        }
    }
}
