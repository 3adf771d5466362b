package io.execready.aws;

import io.execready.snapshot.ActionDecision;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.PolicyDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;

/** {@link IamGateway} over iam:SimulatePrincipalPolicy, all pages read. */
public final class SdkIamGateway implements IamGateway {

    private final Supplier<IamClient> iam;
    private final ReadCache cache;

    /** A gateway that remembers nothing: every call reads. */
    public SdkIamGateway(IamClient iam) {
        this(iam, ReadCache.none());
    }

    /**
     * Shares simulations through {@code cache}: tasks of one service run as one role, and
     * iam:SimulatePrincipalPolicy throttles early, so a query is asked once per invocation.
     */
    public SdkIamGateway(IamClient iam, ReadCache cache) {
        this(() -> iam, cache);
        Objects.requireNonNull(iam, "iam");
    }

    /**
     * A gateway over a client built by {@code iam} on the first read that needs it (the
     * {@link AwsClients} supplier memoizes it): building a client loads and verifies its whole service
     * class, which a cold start should pay only when an event needs it.
     */
    public SdkIamGateway(Supplier<IamClient> iam, ReadCache cache) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Fetched<PermissionSimulation> simulate(PermissionQuery query) {
        SimulatePrincipalPolicyRequest request = SimulatePrincipalPolicyRequest.builder()
                .policySourceArn(query.principalArn())
                .actionNames(query.actions())
                .resourceArns(query.resourceArns())
                .contextEntries(query.context().stream()
                        .map(c -> software.amazon.awssdk.services.iam.model.ContextEntry.builder()
                                .contextKeyName(c.key())
                                .contextKeyType(ContextKeyTypeEnum.fromValue(c.type()))
                                .contextKeyValues(c.values())
                                .build())
                        .toList())
                .build();
        return cache.read("iam:SimulatePrincipalPolicy", query, () -> {
            List<ActionDecision> decisions = new ArrayList<>();
            iam.get().simulatePrincipalPolicyPaginator(request).evaluationResults()
                    .forEach(result -> decisions.addAll(decisions(result)));
            return Fetched.present(new PermissionSimulation(query.principalArn(), decisions));
        });
    }

    @Override
    public Fetched<String> instanceProfileRole(String instanceProfileArn) {
        // GetInstanceProfile takes the name: the last segment of instance-profile/PATH/NAME.
        String name = instanceProfileArn.substring(instanceProfileArn.lastIndexOf('/') + 1);
        return cache.read("iam:GetInstanceProfile", instanceProfileArn, () -> {
            InstanceProfile profile;
            try {
                profile = iam.get().getInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile();
            } catch (NoSuchEntityException e) {
                return Fetched.absent("instance profile " + instanceProfileArn + " does not exist");
            }
            return profile.roles().isEmpty()
                    ? Fetched.absent("instance profile " + instanceProfileArn + " holds no role")
                    : Fetched.present(profile.roles().getFirst().arn());
        });
    }

    /** One decision per resource: per-resource results when IAM gives them, else the action's own. */
    private static List<ActionDecision> decisions(EvaluationResult result) {
        String deniedBy = deniedBy(result);
        if (!result.hasResourceSpecificResults() || result.resourceSpecificResults().isEmpty()) {
            return List.of(new ActionDecision(result.evalActionName(),
                    result.evalResourceName() == null ? "*" : result.evalResourceName(),
                    decision(result.evalDecisionAsString()), deniedBy, result.missingContextValues()));
        }
        List<ActionDecision> perResource = new ArrayList<>();
        for (ResourceSpecificResult specific : result.resourceSpecificResults()) {
            String specificDeniedBy = specific.permissionsBoundaryDecisionDetail() != null
                    && Boolean.FALSE.equals(specific.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary())
                    ? "the permissions boundary" : deniedBy;
            perResource.add(new ActionDecision(result.evalActionName(), specific.evalResourceName(),
                    decision(specific.evalResourceDecisionAsString()), specificDeniedBy, specific.missingContextValues()));
        }
        return perResource;
    }

    private static String deniedBy(EvaluationResult result) {
        if (result.organizationsDecisionDetail() != null
                && Boolean.FALSE.equals(result.organizationsDecisionDetail().allowedByOrganizations())) {
            return "a service control policy (SCP)";
        }
        if (result.permissionsBoundaryDecisionDetail() != null
                && Boolean.FALSE.equals(result.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary())) {
            return "the permissions boundary";
        }
        return null;
    }

    private static PolicyDecision decision(String evalDecision) {
        return switch (evalDecision == null ? "" : evalDecision) {
            case "allowed" -> PolicyDecision.ALLOWED;
            case "explicitDeny" -> PolicyDecision.EXPLICIT_DENY;
            default -> PolicyDecision.IMPLICIT_DENY;
        };
    }
}
