package io.execready.cli;

import io.execready.aws.EcsGateway;
import io.execready.aws.ReadCache;
import io.execready.aws.SdkEc2Gateway;
import io.execready.aws.SdkEcsGateway;
import io.execready.aws.SdkIamGateway;
import io.execready.aws.SdkReadSource;
import io.execready.aws.TaskListQuery;
import io.execready.checks.ServiceCheckRegistry;
import io.execready.cli.CheckOptions.Target;
import io.execready.cli.caller.CallerIdentity;
import io.execready.cli.machine.LocalTools;
import io.execready.cli.machine.MachineCheck;
import io.execready.engine.CheckEngine;
import io.execready.engine.CheckResult;
import io.execready.evaluation.ServiceEvaluation;
import io.execready.evaluation.ServiceOutcome;
import io.execready.evaluation.TaskBatchEvaluation;
import io.execready.evaluation.TaskEvaluation;
import io.execready.evaluation.TaskSnapshotLoader;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * One {@code execready check}: the engine's own evaluation, composed without anything that
 * publishes. What does not depend on anything else starts at once and in parallel: this machine's
 * programs, who the caller is, the listing of the tasks; the tasks are then evaluated with the
 * caller as the one principal whose execute-command is simulated (8 at a time, described 100 per
 * call, as the on-demand function does). SDK clients are built on first use, so a single task
 * never builds one it does not call.
 */
public final class TerminalCheck {

    private final TerminalClients clients;
    private final LocalTools tools;
    private final ExecutorService executor;
    private final Clock clock;

    public TerminalCheck(TerminalClients clients, LocalTools tools, ExecutorService executor, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.tools = Objects.requireNonNull(tools, "tools");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CheckOutcome run(CheckOptions options) {
        List<CompletableFuture<CheckResult>> machine = TerminalChecks.MACHINE.stream()
                .map(check -> CompletableFuture.supplyAsync(() -> evaluate(check), executor))
                .toList();
        // Building a client is CPU work the calls wait on: EC2's and IAM's are built while STS answers.
        CompletableFuture<Void> warm = CompletableFuture.allOf(
                CompletableFuture.runAsync(clients::ec2, executor), CompletableFuture.runAsync(clients::iam, executor));
        CompletableFuture<Fetched<String>> caller = CompletableFuture.supplyAsync(
                () -> new CallerIdentity(clients::sts, clients::iam).principalArn(), executor);

        ReadCache cache = new ReadCache();
        EcsGateway ecs = new SdkEcsGateway(clients.ecs(), cache);
        CompletableFuture<Fetched<List<String>>> listed = switch (options.target()) {
            case Target.OneTask one -> CompletableFuture.completedFuture(Fetched.present(List.of(one.task())));
            case Target.ServiceTasks service -> CompletableFuture.supplyAsync(
                    () -> ecs.listTasks(options.cluster(), TaskListQuery.service(service.service())), executor);
            case Target.WholeCluster all -> CompletableFuture.supplyAsync(() -> ecs.listTasks(options.cluster(), TaskListQuery.all()), executor);
        };

        Fetched<String> principal = caller.join();
        if (principal instanceof Fetched.Failed<String> failed && credentialsBroken(failed.failure().kind())) {
            return new CheckOutcome.NotStarted(options, "your AWS credentials could not be used: " + failed.failure().describe()
                    + ". Check them with aws sts get-caller-identity" + options.profile().map(p -> " --profile " + p).orElse(""));
        }

        warm.join();
        SdkEc2Gateway ec2 = new SdkEc2Gateway(clients.ec2(), cache);
        TaskSnapshotLoader loader = new TaskSnapshotLoader(ecs,
                new SdkIamGateway(clients.iam(), cache),
                ec2,
                // Builds a client on the first read that needs it: only a cluster with an exec key or session logging reads KMS, Logs or S3.
                new SdkReadSource(clients.engine(), cache),
                principal.asOptional().map(List::of).orElse(List.of()),
                executor);
        TaskEvaluation evaluation = new TaskEvaluation(loader::load, new CheckEngine(TerminalChecks.taskChecks(principal), clock),
                NeverPublished.INSTANCE, ecs, NeverPublished.INSTANCE);
        TaskBatchEvaluation batch = new TaskBatchEvaluation(ecs, evaluation, executor, ec2);

        CompletableFuture<Optional<ServiceOutcome>> service = options.target() instanceof Target.ServiceTasks asked
                ? CompletableFuture.supplyAsync(() -> Optional.of(new ServiceEvaluation(ecs, loader::load, ServiceCheckRegistry.all(),
                        NeverPublished.INSTANCE, clock).report(options.cluster(), asked.service())), executor)
                : CompletableFuture.completedFuture(Optional.empty());
        CheckOutcome.Tasks tasks = switch (listed.join()) {
            case Fetched.Present<List<String>> present -> new CheckOutcome.Tasks.Evaluated(present.value().isEmpty()
                    ? new TaskBatchEvaluation.BatchOutcome(List.of(), List.of())
                    : batch.evaluate(options.cluster(), present.value(), false));
            case Fetched.Absent<List<String>> absent -> new CheckOutcome.Tasks.NotListed(absent.description());
            case Fetched.Failed<List<String>> failed -> new CheckOutcome.Tasks.NotListed(failed.failure().describe());
        };
        return new CheckOutcome.Checked(options, principal, machine.stream().map(CompletableFuture::join).toList(), service.join(), tasks);
    }

    private CheckResult evaluate(MachineCheck check) {
        return check.evaluate(tools.version(check.program()));
    }

    /**
     * sts:GetCallerIdentity needs no permission: when it cannot be answered the credentials or the
     * network are at fault, and every other read would fail the same way.
     */
    private static boolean credentialsBroken(FailureKind kind) {
        return switch (kind) {
            case DENIED, UNREACHABLE, TIMED_OUT, UNEXPECTED, REJECTED -> true;
            case THROTTLED, NOT_FOUND, INVALID_RESPONSE -> false;
        };
    }
}
