package io.execready.snapshot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one iam:SimulatePrincipalPolicy call: one principal, a set of actions and
 * resources, evaluated with the context a real request would carry.
 */
public record PermissionSimulation(String principalArn, List<ActionDecision> decisions) {

    public PermissionSimulation {
        Objects.requireNonNull(principalArn, "principalArn");
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    public Optional<ActionDecision> decision(String action) {
        return decisions.stream().filter(d -> d.action().equalsIgnoreCase(action)).findFirst();
    }

    public List<ActionDecision> denied() {
        return decisions.stream().filter(d -> !d.allowed()).toList();
    }
}
