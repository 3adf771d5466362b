package io.execready.functions.local;

import io.execready.harness.Invocation;
import io.execready.harness.LambdaFunction;
import io.execready.harness.LocalAws;
import io.execready.harness.SnsNotification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * The checker, run locally end to end: a local AWS emulator seeded with {@link DemoScenario}, and a
 * Lambda function process started through the AWS Lambda Java runtime interface client, exactly as
 * the java21 runtime starts it. Shared by the end-to-end tests and the Quick-start demo.
 */
public final class LocalCheckerRun implements AutoCloseable {

    public static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(90);

    private final LocalAws aws;
    private final DemoScenario.Seeded seeded;
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final String classpath;

    private LocalCheckerRun(LocalAws aws, DemoScenario.Seeded seeded, String classpath) {
        this.aws = aws;
        this.seeded = seeded;
        this.classpath = classpath;
    }

    /** Starts the emulator and seeds the demo account; functions start on first invocation. */
    public static LocalCheckerRun start(String classpath) {
        LocalAws aws = LocalAws.start();
        try {
            aws.applyToSystemProperties();
            return new LocalCheckerRun(aws, DemoScenario.seed(aws), classpath);
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    public LocalAws aws() {
        return aws;
    }

    public DemoScenario.Seeded seeded() {
        return seeded;
    }

    /** The environment the template gives the functions, pointed at the emulator. */
    public Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(aws.clientEnvironment());
        env.put("ALERT_TOPIC_ARN", seeded.alertTopicArn());
        env.put("SECURITY_HUB_ENABLED", "true");
        env.put("LOG_LEVEL", "INFO");
        return env;
    }

    /** Invokes {@code handler} with a file from {@code events/}, starting its process on first use. */
    public Invocation invoke(String handler, Path eventFile) {
        try {
            return invoke(handler, Files.readString(eventFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event file " + eventFile, e);
        }
    }

    public Invocation invoke(String handler, String eventJson) {
        LambdaFunction function = functions.computeIfAbsent(handler,
                h -> LambdaFunction.start(h, classpath, functionEnvironment()));
        return function.invoke(eventJson, INVOKE_TIMEOUT);
    }

    /** Every finding the emulator's Security Hub holds. */
    public List<AwsSecurityFinding> findings() {
        try (SecurityHubClient securityHub = SecurityHubClient.builder().region(Region.of(aws.region())).build()) {
            return securityHub.getFindingsPaginator(r -> r.maxResults(100)).findings().stream().toList();
        }
    }

    /** Every SNS message the emulator delivered. */
    public List<SnsNotification> alerts() {
        return aws.sentNotifications();
    }

    /** The repository's {@code events/} folder, from the module directory Maven runs in or the root. */
    public static Path eventsDirectory() {
        for (Path candidate : List.of(Path.of("events"), Path.of("..", "events"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("events/ not found from " + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() {
        functions.values().forEach(LambdaFunction::close);
        aws.close();
    }
}
