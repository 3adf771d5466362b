package io.execready.functions;

import io.execready.aws.ReadThreads;
import io.execready.aws.AwsCallRecorder;
import io.execready.aws.AwsClients;
import io.execready.aws.EcsGateway;
import io.execready.aws.ReadCache;
import io.execready.aws.SdkEc2Gateway;
import io.execready.aws.SdkEcsGateway;
import io.execready.aws.SdkIamGateway;
import io.execready.aws.SdkReadSource;
import io.execready.checks.CheckRegistry;
import io.execready.checks.ServiceCheckRegistry;
import io.execready.config.CheckerConfig;
import io.execready.engine.CheckEngine;
import io.execready.evaluation.ServiceEvaluation;
import io.execready.evaluation.ClusterSweep;
import io.execready.evaluation.TaskBatchEvaluation;
import io.execready.evaluation.TaskEvaluation;
import io.execready.evaluation.TaskSnapshotLoader;
import io.execready.logging.JsonLog;
import io.execready.publish.AlertChannels;
import io.execready.publish.AlertComposer;
import io.execready.publish.AsffFindingMapper;
import io.execready.publish.ClaimOwner;
import io.execready.publish.FindingsPort;
import io.execready.publish.ImportRetryBudget;
import io.execready.publish.ImportRetryPolicy;
import io.execready.publish.SecurityHubFindingsPort;
import io.execready.publish.SecurityHubPublisher;
import io.execready.publish.Sleeper;
import io.execready.publish.SnsAlertPublisher;
import io.execready.publish.TokenBucket;
import io.execready.state.ServiceEvaluationClaims;
import io.execready.state.SubjectStore;
import io.execready.state.TaskEventVersions;
import io.execready.config.ExecProbeSettings;
import io.execready.evaluation.ExecProbeStage;
import io.execready.probe.EcsExecSessionStarter;
import io.execready.probe.ExecSessionProbe;
import io.execready.probe.KmsDataKeySource;
import io.execready.probe.ProbeTimeouts;
import io.execready.probe.SignedSsmSessionTerminator;
import io.execready.state.StoredExecProbeLedger;
import java.io.OutputStream;
import java.io.PrintStream;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Everything a handler needs, built once per Lambda execution environment from its environment
 * variables. SDK clients are created lazily, so a function only pays for the clients it uses.
 *
 * <p>What leaves the engine goes through one {@link FindingsPort}; the state table behind it (and
 * behind the task-version dedupe and the service debounce) is required at start by the functions
 * that always publish, and only on first use by the on-demand check, whose report-only requests
 * need no table at all.
 *
 * @param config          the parsed settings
 * @param ecs             ECS reads, sharing configuration reads through the read cache
 * @param evaluation      the load, check and publish pipeline
 * @param batchEvaluation the same for many tasks of a cluster at once
 * @param serviceEvaluation the service checks and preflight of one service
 * @param serviceClaims   the debounce of repeated service events
 * @param readCache       reads shared within one invocation; handlers clear it as each starts
 * @param log        the structured log, at the configured level
 * @param awsCalls   counts the AWS calls made, for each invocation's log line
 * @param clusterSweep    the periodic sweep of one cluster
 * @param clock           the time the functions read, for log lines and metrics
 * @param claimOwner      the attempt claiming alert transitions; handlers begin one per event
 * @param importRetries   the Security Hub re-sends each invocation may make
 */
public record FunctionComponents(
        CheckerConfig config,
        EcsGateway ecs,
        TaskEvaluation evaluation,
        TaskBatchEvaluation batchEvaluation,
        ServiceEvaluation serviceEvaluation,
        ServiceEvaluationClaims serviceClaims,
        ReadCache readCache,
        JsonLog log,
        AwsCallRecorder awsCalls,
        ClusterSweep clusterSweep,
        Clock clock,
        ClaimOwner claimOwner,
        ImportRetryBudget importRetries) {

    public FunctionComponents {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(ecs, "ecs");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(batchEvaluation, "batchEvaluation");
        Objects.requireNonNull(serviceEvaluation, "serviceEvaluation");
        Objects.requireNonNull(serviceClaims, "serviceClaims");
        Objects.requireNonNull(readCache, "readCache");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(awsCalls, "awsCalls");
        Objects.requireNonNull(clusterSweep, "clusterSweep");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(claimOwner, "claimOwner");
        Objects.requireNonNull(importRetries, "importRetries");
    }

    /** Starts handling one event: the per-invocation read cache and call count start empty, claims carry its key. */
    void beginInvocation(String idempotencyKey) {
        readCache.clear();
        awsCalls.drain();
        claimOwner.begin(idempotencyKey, clock.instant());
        importRetries.refill();
    }

    /** When the state table must be configured. */
    public enum StateTableNeed {
        /** The function publishes on every invocation: a missing table fails the cold start, naming the variable. */
        AT_START,
        /** The function may never publish: a missing table fails only the first request that needs it. */
        ON_FIRST_USE
    }

    /** The runtime's components; registers the SnapStart hooks and primes now when init should (see {@link Priming}). */
    public static FunctionComponents fromEnvironment(StateTableNeed need) {
        Map<String, String> environment = System.getenv();
        Primed built = createPrimed(environment, System.out, Clock.systemUTC(), need);
        built.priming().onInit(environment);
        return built.components();
    }

    static FunctionComponents create(Map<String, String> environment, PrintStream out, Clock clock, StateTableNeed need) {
        return createPrimed(environment, out, clock, need).components();
    }

    /** The components and the priming that warms them, built from the same clients. */
    record Primed(FunctionComponents components, Priming priming) {
    }

    static Primed createPrimed(Map<String, String> environment, PrintStream out, Clock clock, StateTableNeed need) {
        CheckerConfig config = CheckerConfig.fromEnvironment(environment);
        if (need == StateTableNeed.AT_START) {
            config.requireStateTableName();
        }
        AwsClients clients = new AwsClients(config.region(), config.awsCallLimits());
        FunctionComponents components = assemble(environment, config, clients, out, clock);
        return new Primed(components, new Priming(environment, config, clients, components.readCache(), components.log(), clock));
    }

    /**
     * Components over SDK clients answered in-process ({@link OfflineSdkCalls}), logging nowhere:
     * what priming rehearses an event with. Built apart from the runtime's, so nothing they hold
     * (read state, rate limiter, claims) ever serves a real event.
     */
    static FunctionComponents offline(Map<String, String> environment, Clock clock) {
        CheckerConfig config = CheckerConfig.fromEnvironment(environment);
        return assemble(environment, config, OfflineSdkCalls.offline(config.region()), new PrintStream(OutputStream.nullOutputStream()), clock);
    }

    private static FunctionComponents assemble(Map<String, String> environment, CheckerConfig config, AwsClients clients, PrintStream out,
                                               Clock clock) {
        // AWS reads block on I/O; a pool of threads makes the independent ones parallel (ReadThreads says why not virtual ones).
        ExecutorService executor = ReadThreads.pool();
        ReadCache readCache = new ReadCache();
        // Each client is built on its gateway's first read (or by priming), not here: the gateways take
        // the clients' memoizing suppliers.
        EcsGateway ecs = new SdkEcsGateway(clients::ecs, readCache);
        SdkEc2Gateway ec2 = new SdkEc2Gateway(clients::ec2, readCache);
        TaskSnapshotLoader loader = new TaskSnapshotLoader(
                ecs,
                new SdkIamGateway(clients::iam, readCache),
                ec2,
                new SdkReadSource(clients, readCache),
                config.operatorPrincipalArns(),
                executor);
        Supplier<SubjectStore> store = once(() -> new SubjectStore(clients.dynamoDb(), config.requireStateTableName()));
        ClaimOwner claimOwner = new ClaimOwner();
        ImportRetryBudget importRetries = new ImportRetryBudget(ImportRetryBudget.DEFAULT_RESENDS);
        FindingsPort findings = new DeferredFindingsPort(once(() -> new SecurityHubFindingsPort(
                store.get(),
                new AsffFindingMapper(),
                config.securityHubEnabled()
                        ? new SecurityHubPublisher(clients.securityHub(), ImportRetryPolicy.DEFAULT, Sleeper.system(),
                                TokenBucket.perSecond(config.securityHubImportsPerSecond()), importRetries)
                        : null,
                alertChannels(config, clients),
                clock,
                config.findingHeartbeat(),
                Sleeper.system(),
                claimOwner)));
        CheckEngine engine = new CheckEngine(CheckRegistry.all(), clock);
        TaskEvaluation evaluation = new TaskEvaluation(loader::load, engine, findings, ecs,
                TaskEventVersions.stored(store, clock), execProbes(ExecProbeSettings.fromEnvironment(environment), config, clients, clock));
        ServiceEvaluation serviceEvaluation = new ServiceEvaluation(ecs, loader::load, ServiceCheckRegistry.all(), findings, clock);
        TaskBatchEvaluation batchEvaluation = new TaskBatchEvaluation(ecs, evaluation, executor, ec2);
        JsonLog log = JsonLog.create(out, config.logLevel(), clock);
        return new FunctionComponents(config, ecs, evaluation, batchEvaluation, serviceEvaluation,
                ServiceEvaluationClaims.stored(store, clock), readCache,
                log, clients.callRecorder(),
                new ClusterSweep(ecs, batchEvaluation, findings), clock, claimOwner, importRetries);
    }

    /** The opt-in ECS Exec probe: off unless EXEC_PROBE_CLUSTERS names clusters. */
    private static ExecProbeStage execProbes(ExecProbeSettings settings, CheckerConfig config, AwsClients clients, Clock clock) {
        if (!settings.enabled()) {
            return ExecProbeStage.off();
        }
        ExecSessionProbe probe = ExecSessionProbe.create(
                new EcsExecSessionStarter(clients.ecs()),
                new KmsDataKeySource(clients.kms()),
                new SignedSsmSessionTerminator(clients.httpClient(), DefaultCredentialsProvider.builder().build(), config.region(),
                        SignedSsmSessionTerminator.endpointFor(config.region())),
                ProbeTimeouts.standard());
        return new ExecProbeStage(settings.clusterNames(), new StoredExecProbeLedger(clients.dynamoDb(), config.requireStateTableName()),
                probe::probe, clock);
    }

    /** Built on the first call, once, however many threads ask. */
    private static <T> Supplier<T> once(Supplier<T> build) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = build.get();
                }
                return value;
            }
        };
    }

    private static AlertChannels alertChannels(CheckerConfig config, AwsClients clients) {
        if (config.alertTopicArn() == null && config.chatTopicArn() == null && config.centralAlertTopicArn() == null) {
            return null;
        }
        return new AlertChannels(
                new AlertComposer(),
                config.alertTopicArn() == null ? null : new SnsAlertPublisher(clients.sns(), config.alertTopicArn()),
                config.chatTopicArn() == null ? null : new SnsAlertPublisher(clients.sns(), config.chatTopicArn()),
                config.centralAlertTopicRegion()
                        .map(topicRegion -> new SnsAlertPublisher(clients.sns(topicRegion), config.centralAlertTopicArn()))
                        .orElse(null),
                config.readyAgainAlerts());
    }
}
