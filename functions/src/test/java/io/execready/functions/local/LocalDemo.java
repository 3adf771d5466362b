package io.execready.functions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.engine.CheckStatus;
import io.execready.harness.Invocation;
import io.execready.harness.SnsNotification;
import io.execready.publish.AsffFindingMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;

/**
 * The Quick-start demo: runs the checker end to end on this machine and prints the report a person
 * reads: per subject every check's verdict, why and how to fix what is not passing, the command that
 * opens a shell where ECS Exec is ready, then what reached Security Hub and the alert sent. Started
 * by {@code scripts/run-local}; {@code --verbose} also prints the functions' own JSON log lines.
 *
 * <p>It ends with an explicit exit code once everything is closed (0: every event was evaluated), and
 * a shutdown hook closes the emulators and the function processes when the JVM is interrupted.
 */
public final class LocalDemo {

    private static final String HANDLER = "io.execready.functions.TaskStateChangeFunction::handleRequest";
    private static final List<String> EVENTS = List.of("task-running-exec-ready.json", "task-running-not-ready.json",
            "task-running-ec2-bridge.json", "task-running-ecs-anywhere.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDENT = "   ";
    private static final int DEFAULT_WIDTH = 110;
    private static final List<String> STATUS_ORDER =
            Arrays.stream(CheckStatus.values()).map(Enum::name).toList();
    // Problems first, then what passed, then what does not apply.
    private static final List<String> REPORT_ORDER = List.of("FAIL", "WARN", "UNKNOWN", "PASS", "NOT_APPLICABLE");
    private static final Set<String> PROBLEMS = Set.of("FAIL", "WARN", "UNKNOWN");
    private static final int EXIT_OK = 0;
    private static final int EXIT_EVENT_FAILED = 1;
    private static final int EXIT_BROKEN = 2;
    private static final int EXIT_INTERRUPTED = 130;

    private final PrintStream out;
    private final boolean verbose;
    private final int width;

    private LocalDemo(PrintStream out, boolean verbose, int width) {
        this.out = out;
        this.verbose = verbose;
        this.width = width;
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        AtomicReference<LocalCheckerRun> running = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            interrupted.set(true);
            closeOnInterrupt(running);
        }, "demo-cleanup"));
        int exitCode;
        try {
            exitCode = new LocalDemo(System.out, arguments.contains("--verbose"), terminalWidth()).run(running);
        } catch (Exception e) {
            if (interrupted.get()) {
                // The hook is closing what the run used: this failure is its consequence, not news.
                exitCode = EXIT_INTERRUPTED;
            } else {
                System.err.println("[execready] ERROR: the demo stopped: " + e);
                e.printStackTrace(System.err);
                exitCode = EXIT_BROKEN;
            }
        }
        System.exit(exitCode);
    }

    private int run(AtomicReference<LocalCheckerRun> running) throws IOException {
        Progress progress = Progress.printingTo(System.err);
        boolean failed = false;
        List<JsonNode> reports = new ArrayList<>();
        List<AwsSecurityFinding> findings;
        List<SnsNotification> alerts;
        try (LocalCheckerRun run = LocalCheckerRun.start(System.getProperty("java.class.path"), progress)) {
            running.set(run);
            for (String event : EVENTS) {
                Path file = LocalCheckerRun.eventsDirectory().resolve(event);
                Invocation invocation = progress.step("replaying events/" + event + " through TaskStateChangeFunction",
                        () -> run.invoke(HANDLER, file));
                if (invocation.isColdStart()) {
                    progress.note("  (first invocation: the function's JVM started, init " + invocation.initDuration().toMillis() + " ms)");
                }
                if (verbose) {
                    invocation.logLines().forEach(line -> out.println("log: " + line));
                }
                if (!invocation.succeeded()) {
                    out.printf("%nevents/%s: the function FAILED: %s %s%n", event, invocation.errorType(), invocation.errorMessage());
                    failed = true;
                    continue;
                }
                JsonNode report = JSON.readTree(invocation.payload()).path("report");
                reports.add(report);
            }
            findings = progress.step("reading the findings Security Hub holds", run::findings);
            alerts = run.alerts();
            out.printf("%nThe local AWS emulator's account %s: cluster %s with Fargate services %s and %s, EC2 service %s and"
                            + " ECS Anywhere task family %s. One ECS task state-change event each, as EventBridge delivers it.%n",
                    run.aws().accountId(), DemoScenario.CLUSTER, DemoScenario.READY_SERVICE, DemoScenario.BROKEN_SERVICE,
                    DemoScenario.EC2_SERVICE, DemoScenario.EXTERNAL_FAMILY);
        } finally {
            running.set(null);
        }
        reports.forEach(this::printReport);
        printFindings(findings);
        printLegend(reports);
        printAlerts(alerts);
        return failed ? EXIT_EVENT_FAILED : EXIT_OK;
    }

    private void printReport(JsonNode report) {
        boolean ready = report.path("execReady").asBoolean();
        out.printf("%n== %s: ECS Exec %s%n", report.path("subject").asText(), ready ? "READY" : "NOT READY");
        out.printf("%stask %s%n%n", INDENT, report.path("taskArn").asText());
        List<JsonNode> checks = new ArrayList<>();
        report.path("checks").forEach(checks::add);
        checks.sort(Comparator.comparingInt(check -> REPORT_ORDER.indexOf(check.path("status").asText())));
        TextTable table = new TextTable(List.of("CHECK", "STATUS", "RESULT"));
        List<String> notApplicable = new ArrayList<>();
        for (JsonNode check : checks) {
            String status = check.path("status").asText();
            if (status.equals("NOT_APPLICABLE") && !verbose) {
                notApplicable.add(check.path("checkId").asText());
            } else if (PROBLEMS.contains(status)) {
                List<String> notes = new ArrayList<>();
                notes.add("fix: " + (check.hasNonNull("remediation") ? check.path("remediation").asText() : "none needed"));
                if (check.hasNonNull("documentationUrl")) {
                    notes.add("docs: " + check.path("documentationUrl").asText());
                }
                table.row(List.of(check.path("checkId").asText(), status, "why: " + check.path("message").asText()), notes);
            } else {
                table.row(List.of(check.path("checkId").asText(), status, check.path("message").asText()), List.of());
            }
        }
        table.render(INDENT, width).forEach(out::println);
        if (!notApplicable.isEmpty()) {
            TextTable.wrap("Not applicable to this task (each says why with --verbose): " + String.join(", ", notApplicable),
                    width - INDENT.length()).forEach(line -> out.println(INDENT + line));
        }
        JsonNode commands = report.path("connectCommands");
        if (!commands.isEmpty()) {
            out.printf("%n%sOpen a shell (AWS CLI v2 with the Session Manager plugin):%n", INDENT);
            commands.forEach(command -> out.println(INDENT + "  " + command.asText()));
        }
    }

    /**
     * The findings per subject, counted by our status as the finding's {@code execready/Status} carries
     * it: Security Hub's Compliance.Status puts a WARN and a FAIL both under FAILED (its WARNING means
     * something else), so counting by it would show no warning at all.
     */
    private void printFindings(List<AwsSecurityFinding> findings) {
        out.printf("%n== Security Hub: %d findings, one per subject and check (by execready/Status, imported as Compliance.Status)%n%n",
                findings.size());
        List<CheckStatus> columns = Arrays.stream(CheckStatus.values())
                .filter(status -> AsffFindingMapper.complianceStatus(status).isPresent())
                .toList();
        Map<String, Map<String, Long>> bySubject = findings.stream().collect(Collectors.groupingBy(
                LocalDemo::subjectName, TreeMap::new,
                Collectors.groupingBy(LocalDemo::ourStatus, Collectors.counting())));
        List<String> headers = new ArrayList<>(List.of("SUBJECT"));
        columns.forEach(status -> headers.add(status.name() + " (" + AsffFindingMapper.complianceStatus(status).orElseThrow() + ")"));
        headers.add("FAILED CHECKS");
        TextTable table = new TextTable(headers);
        bySubject.forEach((subject, counts) -> {
            List<String> cells = new ArrayList<>(List.of(subject));
            columns.forEach(column -> cells.add(Long.toString(counts.getOrDefault(column.name(), 0L))));
            String failedChecks = findings.stream()
                    .filter(f -> subjectName(f).equals(subject) && CheckStatus.FAIL.name().equals(ourStatus(f)))
                    .map(AwsSecurityFinding::generatorId)
                    .sorted()
                    .collect(Collectors.joining(", "));
            cells.add(failedChecks.isEmpty() ? "-" : failedChecks);
            table.row(cells, List.of());
        });
        table.render(INDENT, width).forEach(out::println);
    }

    /** Our status of the finding, as the product field the mapper writes carries it. */
    private static String ourStatus(AwsSecurityFinding finding) {
        return finding.productFields().getOrDefault(AsffFindingMapper.PRODUCT_FIELD_STATUS, "?");
    }

    /**
     * How each of our statuses reaches Security Hub, read from the mapper the functions use, with the
     * severities this run's results carried.
     */
    private void printLegend(List<JsonNode> reports) {
        Map<String, Set<String>> severities = new TreeMap<>(Comparator.comparingInt(STATUS_ORDER::indexOf));
        for (JsonNode report : reports) {
            for (JsonNode check : report.path("checks")) {
                severities.computeIfAbsent(check.path("status").asText(), status -> new TreeSet<>()).add(check.path("severity").asText());
            }
        }
        Map<CheckStatus, String> compliance = new EnumMap<>(CheckStatus.class);
        for (CheckStatus status : CheckStatus.values()) {
            compliance.put(status, AsffFindingMapper.complianceStatus(status).map(ComplianceStatus::toString)
                    .orElse("not imported (an earlier finding of the check is archived)"));
        }
        out.printf("%nLegend: check status -> Security Hub Compliance.Status (severity label seen in this run)%n");
        compliance.forEach((status, complianceStatus) -> {
            Set<String> seen = severities.getOrDefault(status.name(), Set.of());
            out.printf("%s%-15s -> %s%s%n", INDENT, status.name(), complianceStatus,
                    seen.isEmpty() ? "" : " (" + String.join(", ", seen) + ")");
        });
        out.printf("%sFAILED with LOW or MEDIUM severity is a WARN (Exec works, a recommendation is unmet); with HIGH a FAIL%n", INDENT);
        out.printf("%sNOT_AVAILABLE: the check could not read what it needed (UNKNOWN)%n", INDENT);
    }

    private void printAlerts(List<SnsNotification> alerts) {
        out.printf("%n== SNS alerts delivered: %d%n", alerts.size());
        for (SnsNotification alert : alerts) {
            out.printf("%n%sSubject: %s%n", INDENT, alert.subject());
            out.printf("%sMessage attributes (for subscription filter policies): %s%n", INDENT, alert.messageAttributes());
            alert.message().lines().forEach(line -> out.println(INDENT + "| " + line));
        }
    }

    private static String subjectName(AwsSecurityFinding finding) {
        String subject = finding.productFields().getOrDefault("execready/Subject", "?");
        return subject.substring(subject.indexOf('|') + 1);
    }

    private static int terminalWidth() {
        try {
            return Math.max(80, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", Integer.toString(DEFAULT_WIDTH))));
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    /** Closes what an interrupted run left open; after a normal end it finds nothing to do. */
    private static void closeOnInterrupt(AtomicReference<LocalCheckerRun> running) {
        LocalCheckerRun run = running.getAndSet(null);
        if (run != null) {
            System.err.println("[execready] interrupted: stopping the emulators and the function processes");
            run.close();
        }
        // A process started before the run was handed over (moto while it starts) must not outlive us either.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
    }
}
