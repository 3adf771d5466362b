package io.execready.functions;

import io.execready.aws.AwsClients;
import io.execready.aws.SdkEcsGateway;
import io.execready.aws.SdkIamGateway;
import io.execready.checks.CheckRegistry;
import io.execready.config.CheckerConfig;
import io.execready.engine.CheckEngine;
import io.execready.evaluation.TaskEvaluation;
import io.execready.evaluation.TaskSnapshotLoader;
import io.execready.logging.JsonLog;
import io.execready.publish.AlertComposer;
import io.execready.publish.AsffFindingMapper;
import io.execready.publish.ImportRetryPolicy;
import io.execready.publish.SecurityHubPublisher;
import io.execready.publish.Sleeper;
import io.execready.publish.SnsAlertPublisher;
import io.execready.publish.TokenBucket;
import io.execready.state.AlertChannels;
import io.execready.state.FindingLifecycle;
import io.execready.state.SubjectStore;
import io.execready.state.TaskEventVersions;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;

/**
 * Everything a handler needs, built once per Lambda execution environment from its environment
 * variables. SDK clients are created lazily, so a function only pays for the clients it uses.
 *
 * @param config     the parsed settings
 * @param evaluation the load, check and publish pipeline
 * @param log        the structured log, at the configured level
 */
public record FunctionComponents(CheckerConfig config, TaskEvaluation evaluation, JsonLog log) {

    public FunctionComponents {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(log, "log");
    }

    public static FunctionComponents fromEnvironment() {
        return create(System.getenv(), System.out, Clock.systemUTC());
    }

    static FunctionComponents create(Map<String, String> environment, PrintStream out, Clock clock) {
        CheckerConfig config = CheckerConfig.fromEnvironment(environment);
        String stateTable = config.requireStateTableName();
        AwsClients clients = new AwsClients(config.region());
        SdkEcsGateway ecs = new SdkEcsGateway(clients.ecs());
        TaskSnapshotLoader loader = new TaskSnapshotLoader(
                ecs,
                new SdkIamGateway(clients.iam()),
                // AWS reads block on I/O; virtual threads make the independent ones parallel for free.
                Executors.newVirtualThreadPerTaskExecutor());
        SubjectStore store = new SubjectStore(clients.dynamoDb(), stateTable);
        FindingLifecycle lifecycle = new FindingLifecycle(
                store,
                new AsffFindingMapper(),
                config.securityHubEnabled()
                        ? new SecurityHubPublisher(clients.securityHub(), ImportRetryPolicy.DEFAULT, Sleeper.system(),
                                TokenBucket.perSecond(config.securityHubImportsPerSecond()))
                        : null,
                alertChannels(config, clients),
                clock,
                config.findingHeartbeat(),
                Sleeper.system());
        TaskEvaluation evaluation = new TaskEvaluation(loader::load, new CheckEngine(CheckRegistry.all(), clock), lifecycle, ecs,
                new TaskEventVersions(store, clock));
        return new FunctionComponents(config, evaluation, JsonLog.create(out, config.logLevel(), clock));
    }

    private static AlertChannels alertChannels(CheckerConfig config, AwsClients clients) {
        if (config.alertTopicArn() == null && config.chatTopicArn() == null) {
            return null;
        }
        return new AlertChannels(
                new AlertComposer(),
                config.alertTopicArn() == null ? null : new SnsAlertPublisher(clients.sns(), config.alertTopicArn()),
                config.chatTopicArn() == null ? null : new SnsAlertPublisher(clients.sns(), config.chatTopicArn()),
                config.readyAgainAlerts());
    }
}
