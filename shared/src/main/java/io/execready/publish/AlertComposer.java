package io.execready.publish;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.engine.SubjectReport;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Subject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the SNS alert for a subject that is not ready, and the optional "ready again" message.
 * Pure: the text comes from the report alone, whose results never carry an environment value.
 *
 * <p>Deciding when to send (once per transition, not once per task) belongs to the caller and its
 * state store; this class only says what the message is.
 */
public final class AlertComposer {

    public static final String ATTRIBUTE_SEVERITY = "severity";
    public static final String ATTRIBUTE_STATUS = "status";
    public static final String ATTRIBUTE_CLUSTER = "cluster";
    public static final String ATTRIBUTE_SERVICE = "service";
    public static final String ATTRIBUTE_GROUP = "group";
    public static final String ATTRIBUTE_CHECK_IDS = "checkIds";
    public static final String ATTRIBUTE_ACCOUNT = "account";
    public static final String ATTRIBUTE_REGION = "region";

    public static final String STATUS_NOT_READY = "NOT_READY";
    public static final String STATUS_READY = "READY";

    /** SNS takes 256 KiB, attributes included; the body keeps well below it. */
    static final int MAX_MESSAGE_BYTES = 240_000;

    /** The alert for a report with at least one FAIL; empty when ECS Exec works. */
    public Optional<Alert> compose(SubjectReport report, FindingScope scope) {
        List<CheckResult> failures = report.failures();
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        Subject subject = report.subject();
        StringBuilder text = new StringBuilder();
        text.append("ECS Exec is not ready on ").append(subject.describe()).append(".\n");
        appendWhere(text, report, scope);

        text.append('\n').append(failures.size() == 1 ? "1 check fails" : failures.size() + " checks fail")
                .append("; ECS Exec will not work until each is fixed:\n");
        for (int i = 0; i < failures.size(); i++) {
            CheckResult failure = failures.get(i);
            text.append('\n').append(i + 1).append(". ").append(failure.title())
                    .append(" [").append(failure.checkId()).append(", ").append(failure.severity()).append("]\n");
            text.append("   Problem: ").append(failure.message()).append('\n');
            failure.operatorError().ifPresent(error -> text.append("   What you see: ").append(error).append('\n'));
            if (!failure.remediation().isBlank()) {
                text.append("   Fix: ").append(failure.remediation()).append('\n');
            }
            failure.causeResource().ifPresent(cause -> text.append("   Resource at fault: ").append(cause.id()).append('\n'));
            if (!failure.documentationUrl().isBlank()) {
                text.append("   Docs: ").append(failure.documentationUrl()).append('\n');
            }
        }

        text.append("\nSecurity Hub findings (compliance FAILED):\n");
        failures.forEach(failure -> text.append("- ").append(FindingIds.of(scope, subject, failure.checkId())).append('\n'));

        appendOthers(text, "Recommendations not met (ECS Exec works without them):", report.withStatus(CheckStatus.WARN));
        appendOthers(text, "Could not be evaluated (this says nothing about ECS Exec either way):", report.withStatus(CheckStatus.UNKNOWN));

        Severity highest = failures.stream().map(CheckResult::severity).max(Comparator.naturalOrder()).orElseThrow();
        Map<String, String> attributes = attributes(report, scope, highest, STATUS_NOT_READY);
        List<String> nextSteps = failures.stream()
                .filter(failure -> !failure.remediation().isBlank())
                .map(failure -> failure.title() + ": " + failure.remediation())
                .toList();
        Alert.ChatContext chat = new Alert.ChatContext(threadId(subject), nextSteps, relatedResources(report, failures));
        return Optional.of(new Alert(subjectLine("ECS Exec not ready: ", subject), limitBytes(text.toString()), attributes,
                failures.stream().map(CheckResult::checkId).toList(), chat));
    }

    /**
     * The message for a subject that is ready again; empty while a check still fails.
     *
     * @param recoveredCheckIds the checks that failed before, as the caller's store remembers them
     */
    public Optional<Alert> composeRecovered(SubjectReport report, FindingScope scope, Collection<String> recoveredCheckIds) {
        if (!report.execReady()) {
            return Optional.empty();
        }
        Subject subject = report.subject();
        List<String> checkIds = List.copyOf(recoveredCheckIds);
        StringBuilder text = new StringBuilder();
        text.append("ECS Exec works again on ").append(subject.describe()).append(".\n");
        appendWhere(text, report, scope);

        if (!checkIds.isEmpty()) {
            text.append("\nFixed since the last alert:\n");
            for (String checkId : checkIds) {
                String now = report.results().stream().filter(r -> r.checkId().equals(checkId)).findFirst()
                        .map(r -> r.title() + " [" + checkId + "]: now " + r.status())
                        .orElse("[" + checkId + "]: no longer evaluated");
                text.append("- ").append(now).append('\n');
            }
            text.append("\nSecurity Hub findings:\n");
            checkIds.forEach(checkId -> text.append("- ").append(FindingIds.of(scope, subject, checkId)).append('\n'));
        }

        List<String> commands = report.connectCommands();
        if (!commands.isEmpty()) {
            text.append("\nOpen a shell in the latest task:\n");
            commands.forEach(command -> text.append("  ").append(command).append('\n'));
        }

        Map<String, String> attributes = attributes(report, scope, Severity.INFORMATIONAL, STATUS_READY);
        Alert.ChatContext chat = new Alert.ChatContext(threadId(subject), commands, relatedResources(report, List.of()));
        return Optional.of(new Alert(subjectLine("ECS Exec ready again: ", subject), limitBytes(text.toString()), attributes, checkIds, chat));
    }

    private static void appendWhere(StringBuilder text, SubjectReport report, FindingScope scope) {
        EcsTask task = report.task();
        text.append("Account ").append(scope.awsAccountId()).append(", region ").append(scope.region()).append(".\n");
        text.append("\nLatest task evaluated: ").append(task.taskArn()).append('\n');
        if (task.taskDefinitionArn() != null) {
            text.append("  Task definition: ").append(task.taskDefinitionArn()).append('\n');
        }
        List<String> facts = new ArrayList<>();
        if (task.launchType() != null) {
            facts.add("launch type " + task.launchType());
        }
        if (task.platformVersion() != null) {
            facts.add("platform version " + task.platformVersion());
        }
        if (task.lastStatus() != null) {
            facts.add("status " + task.lastStatus());
        }
        if (!facts.isEmpty()) {
            text.append("  ").append(String.join(", ", facts)).append('\n');
        }
        text.append("  Evaluated at: ").append(AsffFindingMapper.timestamp(report.evaluatedAt())).append('\n');
    }

    private static void appendOthers(StringBuilder text, String heading, List<CheckResult> results) {
        if (results.isEmpty()) {
            return;
        }
        text.append('\n').append(heading).append('\n');
        results.forEach(r -> text.append("- ").append(r.title()).append(" [").append(r.checkId()).append("]: ").append(r.message()).append('\n'));
    }

    /** Six string attributes and the check ids, within SNS's ten: what a filter policy needs to route the alert. */
    private static Map<String, String> attributes(SubjectReport report, FindingScope scope, Severity severity, String status) {
        Subject subject = report.subject();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(ATTRIBUTE_SEVERITY, severity.name());
        attributes.put(ATTRIBUTE_STATUS, status);
        attributes.put(ATTRIBUTE_CLUSTER, subject.clusterName());
        attributes.put(subject.kind() == Subject.Kind.SERVICE ? ATTRIBUTE_SERVICE : ATTRIBUTE_GROUP, subject.name());
        attributes.put(ATTRIBUTE_ACCOUNT, scope.awsAccountId());
        attributes.put(ATTRIBUTE_REGION, scope.region());
        return attributes;
    }

    /** One chat thread per subject: the same id for every alert about it, whatever its text. */
    static String threadId(Subject subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.key().getBytes(StandardCharsets.UTF_8));
            return "execready-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** The subject's own ARN (the service, else the cluster), the task, and what the failures blame. */
    private static List<String> relatedResources(SubjectReport report, List<CheckResult> failures) {
        Subject subject = report.subject();
        List<String> related = new ArrayList<>();
        related.add(subject.kind() == Subject.Kind.SERVICE ? subject.serviceArn() : subject.clusterArn());
        related.add(report.task().taskArn());
        failures.forEach(failure -> failure.causeResource().map(cause -> cause.id()).filter(id -> !related.contains(id)).ifPresent(related::add));
        return related;
    }

    /**
     * "ECS Exec not ready: service NAME in CLUSTER", under 100 characters: a long service name
     * keeps two thirds of the room, the cluster name the rest.
     */
    static String subjectLine(String prefix, Subject subject) {
        String kind = subject.kind() == Subject.Kind.SERVICE ? "service " : "group ";
        String separator = " in ";
        int room = Alert.MAX_SUBJECT - prefix.length() - kind.length() - separator.length();
        String cluster = subject.clusterName();
        int clusterRoom = Math.min(cluster.length(), Math.max(room / 3, room - subject.name().length()));
        int nameRoom = room - clusterRoom;
        String line = prefix + kind + AsffLimits.truncate(subject.name(), nameRoom) + separator + AsffLimits.truncate(cluster, clusterRoom);
        return AsffLimits.truncate(line.replaceAll("\\p{Cntrl}", " "), Alert.MAX_SUBJECT);
    }

    /** Cuts the body to SNS's size, by UTF-8 bytes, at a character boundary. */
    static String limitBytes(String text) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES) {
            return text;
        }
        String marker = "\n[message cut to fit SNS's size limit]\n";
        int budget = MAX_MESSAGE_BYTES - marker.length();
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end) + marker;
    }
}
