package io.execready.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.execready.publish.AsffFindingMapper;
import io.execready.snapshot.Arn;
import io.execready.snapshot.Subject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the event Security Hub sends when a reviewer picks the custom action "Re-check ECS Exec"
 * on findings ({@code detail-type} {@code Security Hub Findings - Custom Action}): the subjects of
 * the selected findings, each once, taken from the subject key ExecReady writes in the findings'
 * product fields. Findings of other products, and subjects in another region, are left out with
 * the reason.
 */
public final class CustomActionEvents {

    public static final String DETAIL_TYPE = "Security Hub Findings - Custom Action";
    public static final String SOURCE = "aws.securityhub";
    /** Security Hub sends at most 100 findings per custom action event; more is not an event of ours. */
    static final int MAX_FINDINGS = 100;

    private CustomActionEvents() {
    }

    /** What a custom action asks for. */
    public record Recheck(String actionName, List<Subject> subjects, List<String> skipped) {
        public Recheck {
            Objects.requireNonNull(actionName, "actionName");
            subjects = List.copyOf(subjects);
            skipped = List.copyOf(skipped);
        }
    }

    /** Whether {@code event} is a Security Hub custom action event. */
    public static boolean isCustomAction(JsonNode event) {
        return event != null && event.isObject() && SOURCE.equals(event.path("source").asText())
                && DETAIL_TYPE.equals(event.path("detail-type").asText());
    }

    /**
     * The subjects to evaluate again.
     *
     * @param region the function's region: findings aggregated from another region are not ours to re-check here
     */
    public static Recheck read(JsonNode event, String region) {
        JsonNode detail = event.path("detail");
        String action = detail.path("actionName").asText("");
        Set<Subject> subjects = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        JsonNode findings = detail.path("findings");
        int count = 0;
        for (JsonNode finding : findings) {
            if (++count > MAX_FINDINGS) {
                skipped.add("more than " + MAX_FINDINGS + " findings in one event; the rest are left out");
                break;
            }
            String id = finding.path("Id").asText("(no Id)");
            JsonNode key = finding.path("ProductFields").path(AsffFindingMapper.PRODUCT_FIELD_SUBJECT);
            if (!key.isTextual()) {
                skipped.add(id + ": not an ExecReady finding (no " + AsffFindingMapper.PRODUCT_FIELD_SUBJECT + ")");
                continue;
            }
            Subject subject = subject(key.asText());
            if (subject == null) {
                skipped.add(id + ": the subject " + key.asText() + " is not a cluster ARN and a group");
            } else if (!Arn.parse(subject.clusterArn()).map(Arn::region).orElse("").equals(region)) {
                skipped.add(id + ": cluster " + subject.clusterArn() + " is not in " + region + ", where this function runs");
            } else {
                subjects.add(subject);
            }
        }
        if (!findings.isArray() || findings.isEmpty()) {
            skipped.add("the event selects no findings");
        }
        return new Recheck(action, List.copyOf(subjects), skipped);
    }

    /** The subject {@link Subject#key()} names: {@code CLUSTER_ARN|service:NAME} or {@code CLUSTER_ARN|GROUP}; null when it is not one. */
    static Subject subject(String key) {
        int bar = key.indexOf('|');
        if (bar <= 0 || bar == key.length() - 1) {
            return null;
        }
        String cluster = key.substring(0, bar);
        String group = key.substring(bar + 1);
        if (Arn.parse(cluster).filter(arn -> "ecs".equals(arn.service()) && arn.resource().startsWith("cluster/")).isEmpty()) {
            return null;
        }
        return group.startsWith("service:") && group.length() > "service:".length()
                ? Subject.service(cluster, group.substring("service:".length()))
                : new Subject(cluster, Subject.Kind.GROUP, group);
    }
}
