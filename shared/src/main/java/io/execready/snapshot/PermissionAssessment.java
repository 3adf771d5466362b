package io.execready.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * What one principal needs for one purpose (decrypting with the exec key, writing the audit log,
 * running execute-command) and how iam:SimulatePrincipalPolicy judged those needs. The simulation
 * is Failed when any of the calls behind it failed, or when a fact its context needed (the task's
 * tags) could not be read.
 *
 * @param principalArn the role or user simulated
 * @param needs        every action on every resource the purpose needs
 * @param simulation   the decisions, one per need when all went well
 */
public record PermissionAssessment(String principalArn, List<PermissionNeed> needs, Fetched<PermissionSimulation> simulation) {

    public PermissionAssessment {
        Objects.requireNonNull(principalArn, "principalArn");
        needs = List.copyOf(needs);
        Objects.requireNonNull(simulation, "simulation");
    }
}
