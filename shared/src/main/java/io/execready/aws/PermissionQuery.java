package io.execready.aws;

import java.util.List;
import java.util.Objects;

/**
 * One iam:SimulatePrincipalPolicy call: a principal, every action to ask about, the resources they
 * target and the request context. All actions for one principal and resource set go in one query.
 */
public record PermissionQuery(String principalArn, List<String> actions, List<String> resourceArns, List<ContextEntry> context) {

    public PermissionQuery {
        Objects.requireNonNull(principalArn, "principalArn");
        actions = List.copyOf(actions);
        resourceArns = List.copyOf(resourceArns);
        context = List.copyOf(context);
        if (actions.isEmpty() || resourceArns.isEmpty()) {
            throw new IllegalArgumentException("a permission query needs at least one action and one resource");
        }
    }
}
