package io.execready.checks.iam;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.Wording;
import io.execready.engine.CauseResource;
import io.execready.snapshot.ActionDecision;
import io.execready.snapshot.Arn;
import io.execready.snapshot.PermissionNeed;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.PolicyDecision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A principal's needs judged against its simulation: which are denied and how, which the
 * simulation has no decision for, and the IAM command that grants them.
 *
 * @param denied       decisions on needs that are not allowed, in the order of the needs
 * @param notSimulated needs the simulation has no decision for
 */
public record SimulatedPermissions(List<ActionDecision> denied, List<PermissionNeed> notSimulated) {

    public SimulatedPermissions {
        denied = List.copyOf(denied);
        notSimulated = List.copyOf(notSimulated);
    }

    public static SimulatedPermissions judge(List<PermissionNeed> needs, PermissionSimulation simulation) {
        List<ActionDecision> denied = new ArrayList<>();
        List<PermissionNeed> notSimulated = new ArrayList<>();
        for (PermissionNeed need : needs) {
            Optional<ActionDecision> decision = simulation.decisions().stream().filter(need::matches).findFirst();
            if (decision.isEmpty()) {
                notSimulated.add(need);
            } else if (!decision.get().allowed()) {
                denied.add(decision.get());
            }
        }
        return new SimulatedPermissions(denied, notSimulated);
    }

    public boolean allAllowed() {
        return denied.isEmpty() && notSimulated.isEmpty();
    }

    /** "kms:Decrypt on arn:... is implicitly denied (no statement allows it); ...". */
    public String describeDenied() {
        return denied.stream().map(d -> d.action() + " on " + d.resource() + " is " + d.describeDenial()).collect(Collectors.joining("; "));
    }

    /** "kms:Decrypt on arn:..." for each need without a decision. */
    public String describeNotSimulated() {
        return Wording.list(notSimulated.stream().map(PermissionNeed::describe).toList());
    }

    /** Denied actions that a statement denies outright, with what denied them when IAM said. */
    public List<String> explicitDenials() {
        return denied.stream()
                .filter(d -> d.decision() == PolicyDecision.EXPLICIT_DENY)
                .map(d -> d.deniedBy() == null ? d.action() + " on " + d.resource() : d.action() + " on " + d.resource() + " (denied by " + d.deniedBy() + ")")
                .toList();
    }

    /**
     * How to get the needs allowed: an inline policy that allows them, and, for any explicit deny,
     * the removal of the denying statement, since no allow overrides it.
     */
    public String remediation(String principalArn, String policyName, List<PermissionNeed> needs) {
        String allow = grantCommand(principalArn, policyName, "Allow", needs);
        String actions = Wording.list(needs.stream().map(PermissionNeed::action).distinct().toList());
        List<String> explicit = explicitDenials();
        if (explicit.isEmpty()) {
            return "Allow " + actions + " with " + allow;
        }
        return "Remove the statement that explicitly denies " + Wording.list(explicit)
                + ", since no added allow overrides an explicit deny, and make sure " + actions + " are allowed, as with " + allow;
    }

    /**
     * The AWS CLI command that puts an inline policy with one statement per resource on the
     * principal: put-role-policy for a role (an assumed-role session's role included), put-user-policy
     * for a user.
     */
    public static String grantCommand(String principalArn, String policyName, String effect, List<PermissionNeed> needs) {
        Map<String, List<String>> actionsByResource = new LinkedHashMap<>();
        for (PermissionNeed need : needs) {
            List<String> actions = actionsByResource.computeIfAbsent(need.resource(), r -> new ArrayList<>());
            if (!actions.contains(need.action())) {
                actions.add(need.action());
            }
        }
        String statements = actionsByResource.entrySet().stream()
                .map(e -> "{\"Effect\":\"" + effect + "\",\"Action\":["
                        + e.getValue().stream().map(ShellWords::jsonString).collect(Collectors.joining(","))
                        + "],\"Resource\":" + ShellWords.jsonString(e.getKey()) + "}")
                .collect(Collectors.joining(","));
        String document = ShellWords.quote("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
        String policy = " --policy-name " + ShellWords.quote(policyName) + " --policy-document " + document;
        return switch (principalKind(principalArn)) {
            case "user" -> "aws iam put-user-policy --user-name " + ShellWords.quote(Wording.roleName(principalArn)) + policy;
            case "assumed-role" -> "aws iam put-role-policy --role-name " + ShellWords.quote(assumedRoleName(principalArn)) + policy;
            default -> "aws iam put-role-policy --role-name " + ShellWords.quote(Wording.roleName(principalArn)) + policy;
        };
    }

    /** "Allow them ..." made fit to follow a comma. */
    public static String lowerFirst(String sentence) {
        return sentence.isEmpty() ? sentence : sentence.substring(0, 1).toLowerCase(Locale.ROOT) + sentence.substring(1);
    }

    /** The resource a finding blames for a principal's permissions: the role or user itself. */
    public static CauseResource cause(String principalArn) {
        return switch (principalKind(principalArn)) {
            case "role" -> CauseResource.iamRole(principalArn);
            case "user" -> new CauseResource.IamUser(principalArn);
            default -> CauseResource.other(principalArn);
        };
    }

    /** role, user, assumed-role, group..., from {@code arn:aws:iam::1:role/path/NAME} or {@code arn:aws:sts::1:assumed-role/NAME/SESSION}. */
    private static String principalKind(String principalArn) {
        return Arn.parse(principalArn).map(arn -> {
            int slash = arn.resource().indexOf('/');
            return slash < 0 ? arn.resource() : arn.resource().substring(0, slash);
        }).orElse("");
    }

    private static String assumedRoleName(String principalArn) {
        String[] parts = Arn.parse(principalArn).map(Arn::resource).orElse("").split("/");
        return parts.length > 1 ? parts[1] : principalArn;
    }
}
