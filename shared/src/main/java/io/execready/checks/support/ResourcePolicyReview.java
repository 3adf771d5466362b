package io.execready.checks.support;

import io.execready.policy.PolicyDocument;
import io.execready.policy.PolicyEvaluator;
import io.execready.policy.PolicyRequest;
import io.execready.policy.PolicyVerdict;
import io.execready.snapshot.PermissionNeed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A resource policy asked about each need of one principal: which needs it refuses (an explicit
 * Deny, or no statement that allows or delegates to the account), which it cannot decide, and which
 * it lets through. A need on {@code *} names no resource, so only statements on every resource
 * decide it.
 *
 * @param refused   "kms:Decrypt (denied by statement DenyAll)", in need order
 * @param undecided "kms:Decrypt (statement S: its condition ...)", in need order
 */
public record ResourcePolicyReview(List<String> refused, List<String> undecided) {

    public ResourcePolicyReview {
        refused = List.copyOf(refused);
        undecided = List.copyOf(undecided);
    }

    /**
     * @param refuseUnlessAllowed whether a policy that neither allows nor delegates refuses (a key or
     *                            endpoint policy), or leaves the decision to IAM (a same-account bucket policy)
     * @param context             adds what the request carries beyond the caller's keys
     */
    public static ResourcePolicyReview of(PolicyDocument policy, String principalArn, List<PermissionNeed> needs, String region,
                                          boolean refuseUnlessAllowed, UnaryOperator<PolicyRequest> context) {
        List<String> refused = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        for (PermissionNeed need : needs) {
            String resource = "*".equals(need.resource()) ? null : need.resource();
            PolicyRequest request = context.apply(PolicyRequest.of(principalArn, need.action(), resource, region));
            String what = need.action() + ("*".equals(need.resource()) ? "" : " on " + need.resource());
            switch (PolicyEvaluator.evaluate(policy, request)) {
                case PolicyVerdict.Denied denied -> refused.add(what + " (denied by statement " + denied.statement() + ")");
                case PolicyVerdict.NotAllowed notAllowed -> {
                    if (refuseUnlessAllowed) {
                        refused.add(what + " (no statement allows it or delegates to the account)");
                    }
                }
                case PolicyVerdict.Undecidable u -> undecided.add(what + " (statement " + u.statement() + ": " + u.reason() + ")");
                case PolicyVerdict.Allowed allowed -> {
                }
                case PolicyVerdict.DelegatedToAccount delegated -> {
                }
            }
        }
        return new ResourcePolicyReview(refused, undecided);
    }
}
