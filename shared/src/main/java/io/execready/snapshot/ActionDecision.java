package io.execready.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * The simulated decision for one action on one resource.
 *
 * @param action                 for example {@code ssmmessages:CreateControlChannel}
 * @param resource               the resource ARN simulated, or {@code *}
 * @param decision               allowed, explicitly denied or implicitly denied
 * @param deniedBy               what denied it when IAM says so ("an SCP", "the permissions
 *                               boundary"), else null
 * @param missingContextValues   condition keys the policies needed but the simulation did not carry
 */
public record ActionDecision(String action, String resource, PolicyDecision decision, String deniedBy, List<String> missingContextValues) {

    public ActionDecision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(decision, "decision");
        missingContextValues = missingContextValues == null ? List.of() : List.copyOf(missingContextValues);
    }

    public boolean allowed() {
        return decision == PolicyDecision.ALLOWED;
    }

    /** "explicitly denied by the permissions boundary", "implicitly denied (no statement allows it)". */
    public String describeDenial() {
        String how = switch (decision) {
            case ALLOWED -> "allowed";
            case EXPLICIT_DENY -> deniedBy == null ? "explicitly denied" : "explicitly denied by " + deniedBy;
            case IMPLICIT_DENY -> deniedBy == null ? "implicitly denied (no statement allows it)" : "implicitly denied by " + deniedBy;
        };
        return missingContextValues.isEmpty() ? how : how + "; the policies need context values " + String.join(", ", missingContextValues);
    }
}
