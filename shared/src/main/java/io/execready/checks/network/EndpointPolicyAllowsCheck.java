package io.execready.checks.network;

import io.execready.checks.support.ShellWords;
import io.execready.checks.audit.AuditDestinations;
import io.execready.checks.network.NetworkReach.Placement;
import io.execready.checks.network.NetworkReach.Reliance;
import io.execready.checks.support.ResourcePolicyReview;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.policy.PolicyDocument;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.ExecPermissions;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.KmsKey;
import io.execready.snapshot.PermissionNeed;
import io.execready.snapshot.TaskRole;
import io.execready.snapshot.TaskSnapshot;
import io.execready.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An endpoint policy filters every request through the endpoint: when the agent has no route out
 * and goes through interface endpoints, the ssmmessages endpoint (and the kms, logs and s3 ones the
 * cluster's settings use) must allow the task role's actions there. No policy is the default full
 * access. The request carries {@code aws:SourceVpce} and {@code aws:SourceVpc}, which are known here.
 */
public final class EndpointPolicyAllowsCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "endpoint-policy-allows",
            "The policies of the VPC endpoints the agent relies on allow the task role's calls",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html")
            .failingWith(OperatorError.TARGET_NOT_CONNECTED);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return NetworkReach.withPlacement(DEFINITION, snapshot, "no VPC endpoint is involved",
                p -> UnreadableFact.withCluster(DEFINITION, snapshot, cluster -> evaluate(snapshot, p, cluster)));
    }

    private static CheckResult evaluate(TaskSnapshot snapshot, Placement p, EcsCluster cluster) {
        Reliance reliance = NetworkReach.reliance(p);
        return switch (reliance.way()) {
            case ROUTE_OUT, NEITHER -> DEFINITION.notApplicable("The exec agent of " + Wording.task(p.target())
                    + " does not go through VPC endpoints, so no endpoint policy filters its calls.");
            case UNDETERMINED -> reliance.gap().unknown(DEFINITION);
            case ENDPOINT -> switch (snapshot.taskRole()) {
                case Fetched.Failed<TaskRole> failed -> UnreadableFact.TASK_ROLE.unknown(DEFINITION, p.target(), failed);
                case Fetched.Absent<TaskRole> absent -> DEFINITION.notApplicable(Wording.capitalised(Wording.task(p.target()))
                        + " has no task role whose calls an endpoint policy could filter (see task-role-present).");
                case Fetched.Present<TaskRole> role -> judge(snapshot, p, cluster, reliance.ssmEndpoint(), role.value().roleArn());
            };
        };
    }

    private static CheckResult judge(TaskSnapshot snapshot, Placement p, EcsCluster cluster, VpcEndpoint ssm, String roleArn) {
        Map<VpcEndpoint, List<PermissionNeed>> used = new LinkedHashMap<>();
        used.put(ssm, ExecPermissions.TASK_ROLE_SSM_MESSAGES.stream().map(action -> new PermissionNeed(action, "*")).toList());
        Optional<String> keyArn = snapshot.execAccess().execKmsKey().asOptional().map(KmsKey::keyArn);
        keyArn.flatMap(arn -> NetworkReach.usedEndpoint(p, "kms")).ifPresent(e -> used.put(e, ExecPermissions.taskRoleKmsDecrypt(keyArn.get())));
        if (AuditDestinations.logsToCloudWatch(cluster)) {
            NetworkReach.usedEndpoint(p, "logs").ifPresent(e -> used.put(e,
                    ExecPermissions.taskRoleCloudWatchAuditLog(p.task().arn(), cluster.logging().cloudWatchLogGroupName())));
        }
        if (AuditDestinations.logsToS3(cluster)) {
            NetworkReach.usedEndpoint(p, "s3").ifPresent(e -> used.put(e, ExecPermissions.taskRoleS3AuditLog(p.task().arn(), cluster.logging())));
        }
        List<String> refused = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        for (Map.Entry<VpcEndpoint, List<PermissionNeed>> entry : used.entrySet()) {
            VpcEndpoint endpoint = entry.getKey();
            PolicyDocument policy;
            try {
                policy = endpoint.policy().map(PolicyDocument::parse).orElseGet(PolicyDocument::fullAccess);
            } catch (IllegalArgumentException e) {
                undecided.add("endpoint " + endpoint.vpcEndpointId() + " (its policy cannot be read as a policy: " + e.getMessage() + ")");
                continue;
            }
            ResourcePolicyReview review = ResourcePolicyReview.of(policy, roleArn, entry.getValue(), p.region(), true,
                    request -> request.with("aws:SourceVpce", endpoint.vpcEndpointId()).with("aws:SourceVpc", p.subnet().vpcId()));
            review.refused().forEach(r -> refused.add("endpoint " + endpoint.vpcEndpointId() + " refuses " + r));
            review.undecided().forEach(u -> undecided.add("endpoint " + endpoint.vpcEndpointId() + ": " + u));
        }
        List<String> ids = used.keySet().stream().map(VpcEndpoint::vpcEndpointId).toList();
        if (!refused.isEmpty()) {
            return DEFINITION.fail("For task role " + roleArn + " of " + Wording.task(p.target()) + ", " + Wording.list(refused)
                                    + ", so the exec agent's calls through it are refused.",
                            "Allow the task role's actions in the endpoint policy with aws ec2 modify-vpc-endpoint --vpc-endpoint-id ENDPOINT_ID "
                                    + "--policy-document file://endpoint-policy.json (or --reset-policy for full access), and remove a Deny that matches.")
                    .withEvidence("refused", String.join("; ", refused))
                    .withEvidence("vpcEndpointIds", String.join(",", ids));
        }
        if (!undecided.isEmpty()) {
            return DEFINITION.unknown("Could not decide whether the endpoint policies let task role " + roleArn + " of " + Wording.task(p.target())
                            + " through: " + Wording.list(undecided) + ".",
                            "Review them with aws ec2 describe-vpc-endpoints --vpc-endpoint-ids " + ShellWords.words(ids)
                                    + " --query VpcEndpoints[].PolicyDocument, then evaluate the task again.")
                    .withEvidence("undecided", String.join("; ", undecided));
        }
        return DEFINITION.pass("The policies of endpoint" + (ids.size() == 1 ? " " : "s ") + Wording.list(ids) + " allow task role " + roleArn
                        + " of " + Wording.task(p.target()) + " every call the exec agent makes through them.")
                .withEvidence("vpcEndpointIds", String.join(",", ids));
    }
}
