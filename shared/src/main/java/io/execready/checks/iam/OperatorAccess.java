package io.execready.checks.iam;

import io.execready.checks.support.ReadFailureAdvice;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionAssessment;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.ReadFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configured operators' assessments for one purpose, sorted into those whose simulation was
 * read (and judged) and those whose was not.
 *
 * @param judged     each readable operator's judgement, by principal ARN, in configuration order
 * @param unreadable why each unreadable operator's permissions could not be read, by principal ARN
 */
public record OperatorAccess(Map<String, SimulatedPermissions> judged, Map<String, ReadFailure> unreadable) {


    public static OperatorAccess of(List<PermissionAssessment> assessments) {
        Map<String, SimulatedPermissions> judged = new LinkedHashMap<>();
        Map<String, ReadFailure> unreadable = new LinkedHashMap<>();
        for (PermissionAssessment assessment : assessments) {
            switch (assessment.simulation()) {
                case Fetched.Present<PermissionSimulation> present ->
                        judged.put(assessment.principalArn(), SimulatedPermissions.judge(assessment.needs(), present.value()));
                case Fetched.Absent<PermissionSimulation> absent -> unreadable.put(assessment.principalArn(),
                        ReadFailureAdvice.simulationWithoutDecision(absent.description()));
                case Fetched.Failed<PermissionSimulation> failed -> unreadable.put(assessment.principalArn(), failed.failure());
            }
        }
        return new OperatorAccess(judged, unreadable);
    }

    /** Operators the simulation had no decision for on some need, with those needs, added to the unreadable ones. */
    public Map<String, ReadFailure> unreadableOrIncomplete() {
        Map<String, ReadFailure> all = new LinkedHashMap<>(unreadable);
        judged.forEach((principal, judgement) -> {
            if (judgement.denied().isEmpty() && !judgement.notSimulated().isEmpty()) {
                all.put(principal, ReadFailureAdvice.simulationWithoutDecision("the simulation has no decision for " + judgement.describeNotSimulated()));
            }
        });
        return all;
    }

    /**
     * The one reason to report when some operators could not be read: a shared reason once
     * ("ecs:ListTagsForResource was denied ..."), else each operator's own.
     */
    public static String describeUnreadable(Map<String, ReadFailure> unreadable) {
        List<ReadFailure> failures = unreadable.values().stream().distinct().toList();
        if (failures.size() == 1) {
            return failures.getFirst().describe();
        }
        List<String> each = new ArrayList<>();
        unreadable.forEach((principal, failure) -> each.add(principal + ": " + failure.describe()));
        return each.stream().collect(Collectors.joining("; "));
    }
}
