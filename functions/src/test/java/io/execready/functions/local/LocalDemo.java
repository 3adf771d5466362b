package io.execready.functions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.harness.Invocation;
import io.execready.harness.SnsNotification;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * The Quick-start demo: runs the checker end to end on this machine and prints what a team would
 * see in Security Hub and in their inbox. Started by {@code scripts/run-local}.
 */
public final class LocalDemo {

    private static final String HANDLER = "io.execready.functions.TaskStateChangeFunction::handleRequest";
    private static final List<String> EVENTS = List.of("task-running-exec-ready.json", "task-running-not-ready.json",
            "task-running-ec2-bridge.json", "task-running-ecs-anywhere.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalDemo() {
    }

    public static void main(String[] args) throws Exception {
        String classpath = System.getProperty("java.class.path");
        try (LocalCheckerRun run = LocalCheckerRun.start(classpath)) {
            System.out.printf("%nLocal AWS emulator (moto) at %s, account %s: cluster %s with Fargate services %s (Exec-ready) and %s (not ready),"
                            + " EC2 service %s and ECS Anywhere task family %s.%n",
                    run.aws().endpoint(), run.aws().accountId(), DemoScenario.CLUSTER, DemoScenario.READY_SERVICE, DemoScenario.BROKEN_SERVICE,
                    DemoScenario.EC2_SERVICE, DemoScenario.EXTERNAL_FAMILY);

            boolean failed = false;
            for (String event : EVENTS) {
                Path file = LocalCheckerRun.eventsDirectory().resolve(event);
                Invocation invocation = run.invoke(HANDLER, file);
                System.out.printf("%n== ECS Task State Change from events/%s -> TaskStateChangeFunction (Lambda runtime interface client%s, %d ms)%n",
                        event, invocation.isColdStart() ? ", cold start " + invocation.initDuration().toMillis() + " ms init" : "",
                        invocation.duration().toMillis());
                invocation.logLines().stream().filter(line -> line.startsWith("{")).forEach(line -> System.out.println("   log: " + line));
                if (!invocation.succeeded()) {
                    System.out.printf("   FAILED: %s %s%n", invocation.errorType(), invocation.errorMessage());
                    failed = true;
                    continue;
                }
                printReport(JSON.readTree(invocation.payload()).get("report"));
            }

            printFindings(run.findings());
            printAlerts(run.alerts());
            if (failed) {
                System.exit(1);
            }
        }
    }

    private static void printReport(JsonNode report) {
        System.out.printf("   %s: ECS Exec %s%n", report.get("subject").asText(), report.get("execReady").asBoolean() ? "READY" : "NOT READY");
        report.get("connectCommands").forEach(command -> System.out.println("   connect: " + command.asText()));
        for (JsonNode check : report.get("checks")) {
            String status = check.get("status").asText();
            if (status.equals("FAIL") || status.equals("WARN") || status.equals("UNKNOWN")) {
                System.out.printf("   %-7s %s: %s%n", status, check.get("checkId").asText(), check.get("message").asText());
            }
        }
    }

    private static void printFindings(List<AwsSecurityFinding> findings) {
        System.out.printf("%n== Security Hub findings (%d)%n", findings.size());
        System.out.printf("   %-34s %-28s %s%n", "SUBJECT", "CHECK", "COMPLIANCE");
        findings.stream()
                .sorted(Comparator.comparing((AwsSecurityFinding f) -> f.productFields().get("execready/Subject")).thenComparing(AwsSecurityFinding::generatorId))
                .forEach(f -> {
                    String subject = f.productFields().get("execready/Subject");
                    System.out.printf("   %-34s %-28s %s%n", subject.substring(subject.indexOf('|') + 1), f.generatorId(), f.compliance().statusAsString());
                    if ("FAILED".equals(f.compliance().statusAsString())) {
                        System.out.println("      why: " + f.description());
                        System.out.println("      fix: " + f.remediation().recommendation().text());
                    }
                });
    }

    private static void printAlerts(List<SnsNotification> alerts) {
        System.out.printf("%n== SNS alerts delivered (%d)%n", alerts.size());
        for (SnsNotification alert : alerts) {
            System.out.println("   Subject: " + alert.subject());
            System.out.println("   Attributes: " + alert.messageAttributes());
            alert.message().lines().forEach(line -> System.out.println("   | " + line));
        }
    }
}
