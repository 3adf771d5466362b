package io.execready.checks.iam;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.ResourcePolicyReview;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.policy.PolicyDocument;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.ExecAccess;
import io.execready.snapshot.ExecPermissions;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.KmsKey;
import io.execready.snapshot.PermissionAssessment;
import io.execready.snapshot.PermissionNeed;
import io.execready.snapshot.TaskRole;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A KMS key is usable only by principals its key policy lets in: IAM allows are not enough unless
 * the policy delegates to the account (principal {@code arn:PARTITION:iam::ACCOUNT:root}), the
 * default. iam:SimulatePrincipalPolicy cannot take a key policy for a role caller, so the engine
 * reads the policy (kms:GetKeyPolicy) and evaluates it for the task role's kms:Decrypt and each
 * operator's kms:GenerateDataKey. The agent calls KMS directly: kms:ViaService is not in the request.
 */
public final class KmsKeyPolicyAllowsCheck implements Check {

    private static final UnreadableFact KEY_POLICY = new UnreadableFact("the exec KMS key's policy");

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "kms-key-policy-allows",
            "The exec KMS key's policy lets the task role and the operators use the key",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html")
            .failingWith(OperatorError.KMS_HANDSHAKE);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return UnreadableFact.withCluster(DEFINITION, snapshot, cluster -> evaluate(snapshot, cluster));
    }

    private static CheckResult evaluate(TaskSnapshot snapshot, EcsCluster cluster) {
        if (cluster.kmsKeyId() == null || cluster.kmsKeyId().isBlank()) {
            return DEFINITION.notApplicable("Cluster " + snapshot.task().clusterName() + " sets no ECS Exec KMS key, so no key policy applies to "
                    + Wording.taskName(snapshot.target()) + ".");
        }
        ExecAccess access = snapshot.execAccess();
        return switch (access.execKeyPolicy()) {
            case Fetched.Failed<PolicyDocument> failed -> KEY_POLICY.unknown(DEFINITION, snapshot.target(), failed);
            case Fetched.Absent<PolicyDocument> absent -> KEY_POLICY.missing(DEFINITION, snapshot.target(), absent,
                    "aws kms get-key-policy --key-id " + ShellWords.quote(cluster.kmsKeyId()) + " --policy-name default");
            case Fetched.Present<PolicyDocument> policy -> switch (snapshot.taskRole()) {
                case Fetched.Failed<TaskRole> failed -> UnreadableFact.TASK_ROLE.unknown(DEFINITION, snapshot.target(), failed);
                case Fetched.Absent<TaskRole> absent -> judge(snapshot, cluster, policy.value(), null);
                case Fetched.Present<TaskRole> role -> judge(snapshot, cluster, policy.value(), role.value().roleArn());
            };
        };
    }

    private static CheckResult judge(TaskSnapshot snapshot, EcsCluster cluster, PolicyDocument policy, String taskRoleArn) {
        String region = snapshot.task().arn().region();
        String keyArn = snapshot.execAccess().execKmsKey().asOptional().map(KmsKey::keyArn).orElse(null);
        List<String> refused = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        List<String> principals = new ArrayList<>();
        if (taskRoleArn != null) {
            review(policy, taskRoleArn, "task role", ExecPermissions.KMS_DECRYPT, keyArn, region, refused, undecided);
            principals.add("task role " + taskRoleArn);
        }
        for (PermissionAssessment operator : snapshot.execAccess().operatorExecuteCommand()) {
            review(policy, operator.principalArn(), "operator", ExecPermissions.KMS_GENERATE_DATA_KEY, keyArn, region, refused, undecided);
            principals.add("operator " + operator.principalArn());
        }
        String key = "KMS key " + (keyArn == null ? cluster.kmsKeyId() : keyArn);
        if (principals.isEmpty()) {
            return DEFINITION.notApplicable(Wording.capitalised(Wording.task(snapshot.target()))
                    + " has no task role and no operator is configured, so no principal needs " + key + " (see task-role-present).");
        }
        if (!refused.isEmpty()) {
            return DEFINITION.fail("The policy of " + key + " refuses " + Wording.list(refused) + ": no resource-based policy allows the "
                                    + "kms action, so ECS Exec sessions of " + Wording.task(snapshot.target()) + " fail at the KMS handshake.",
                            "Add a statement to the key policy that allows these principals the action, or one that allows "
                                    + "arn:" + snapshot.task().arn().partition() + ":iam::" + snapshot.task().arn().accountId()
                                    + ":root kms:* so that IAM decides (aws kms put-key-policy --key-id " + ShellWords.quote(cluster.kmsKeyId())
                                    + " --policy-name default --policy file://key-policy.json), and remove a Deny that matches.")
                    .withEvidence("refused", String.join("; ", refused));
        }
        if (!undecided.isEmpty()) {
            return DEFINITION.unknown("Could not decide whether the policy of " + key + " lets " + Wording.list(undecided)
                            + " through, because a statement depends on what ExecReady cannot know.",
                            "Review those statements with aws kms get-key-policy --key-id " + ShellWords.quote(cluster.kmsKeyId())
                                    + " --policy-name default, then evaluate the task again.")
                    .withEvidence("undecided", String.join("; ", undecided));
        }
        return DEFINITION.pass("The policy of " + key + " lets " + Wording.list(principals)
                + " use the key, itself or by leaving the decision to IAM.");
    }

    private static void review(PolicyDocument policy, String principal, String role, String action, String keyArn, String region,
                               List<String> refused, List<String> undecided) {
        ResourcePolicyReview review = ResourcePolicyReview.of(policy, principal,
                List.of(new PermissionNeed(action, keyArn == null ? "*" : keyArn)), region, true,
                request -> request.with("kms:CallerAccount", request.principalAccount()).without("kms:ViaService"));
        review.refused().forEach(r -> refused.add(role + " " + principal + ": " + r));
        review.undecided().forEach(u -> undecided.add(role + " " + principal + ": " + u));
    }
}
