package io.execready.functions;

import io.execready.aws.AwsClients;
import io.execready.aws.SdkEc2Gateway;
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
import io.execready.publish.SecurityHubPublisher;
import io.execready.publish.SnsAlertPublisher;
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
        AwsClients clients = new AwsClients(config.region());
        TaskSnapshotLoader loader = new TaskSnapshotLoader(
                new SdkEcsGateway(clients.ecs()),
                new SdkIamGateway(clients.iam()),
                new SdkEc2Gateway(clients.ec2()),
                // AWS reads block on I/O; virtual threads make the independent ones parallel for free.
                Executors.newVirtualThreadPerTaskExecutor());
        TaskEvaluation evaluation = new TaskEvaluation(
                loader,
                new CheckEngine(CheckRegistry.all(), clock),
                new AsffFindingMapper(),
                config.securityHubEnabled() ? new SecurityHubPublisher(clients.securityHub()) : null,
                new AlertComposer(),
                config.alertTopicArn() == null ? null : new SnsAlertPublisher(clients.sns(), config.alertTopicArn()));
        return new FunctionComponents(config, evaluation, JsonLog.create(out, config.logLevel(), clock));
    }
}
