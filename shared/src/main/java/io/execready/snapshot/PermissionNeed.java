package io.execready.snapshot;

import java.util.Objects;

/**
 * One action a principal must be allowed on one resource for ECS Exec to work.
 *
 * @param action   for example {@code kms:Decrypt}
 * @param resource the resource ARN, or {@code *} for actions that take no resource
 */
public record PermissionNeed(String action, String resource) {

    public PermissionNeed {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
    }

    /** Whether a simulated decision is about this action on this resource. */
    public boolean matches(ActionDecision decision) {
        return decision.action().equalsIgnoreCase(action) && decision.resource().equals(resource);
    }

    /** "kms:Decrypt on arn:aws:kms:...". */
    public String describe() {
        return action + " on " + resource;
    }
}
