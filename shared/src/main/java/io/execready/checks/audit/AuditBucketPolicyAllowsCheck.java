package io.execready.checks.audit;

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
import io.execready.snapshot.ExecPermissions;
import io.execready.snapshot.ExecResourceArns;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionNeed;
import io.execready.snapshot.TaskRole;
import io.execready.snapshot.TaskSnapshot;
import java.util.List;

/**
 * A bucket policy can refuse what the task role's IAM policies allow: a Deny on the session log
 * prefix, or one that requires what the agent does not send (a server-side encryption header, an
 * ACL). The agent's upload is judged as a PutObject of a session log under the prefix, over TLS,
 * with no encryption or ACL header (it relies on the bucket's default encryption). A same-account
 * bucket needs no Allow in its policy, so only a matching Deny FAILs.
 */
public final class AuditBucketPolicyAllowsCheck implements Check {

    private static final UnreadableFact BUCKET_POLICY = new UnreadableFact("the session log bucket's policy");
    /** What the agent does not put on its upload: a Deny that requires one of them matches. */
    static final List<String> HEADERS_NOT_SENT = List.of(
            "s3:x-amz-server-side-encryption", "s3:x-amz-server-side-encryption-aws-kms-key-id", "s3:x-amz-acl");

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "audit-bucket-policy-allows",
            "The session log bucket's policy lets the task role upload session logs",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html")
            .failingWith(OperatorError.SESSION_CLOSES_AT_ONCE);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return UnreadableFact.withCluster(DEFINITION, snapshot, cluster -> evaluate(snapshot, cluster));
    }

    private static CheckResult evaluate(TaskSnapshot snapshot, EcsCluster cluster) {
        if (!AuditDestinations.logsToS3(cluster)) {
            return DEFINITION.notApplicable("Cluster " + snapshot.task().clusterName() + " sends no ECS Exec session logs to S3, so no bucket policy applies to "
                    + Wording.taskName(snapshot.target()) + ".");
        }
        String bucket = cluster.logging().s3BucketName();
        return switch (snapshot.execAccess().auditBucketPolicy()) {
            case Fetched.Failed<PolicyDocument> failed -> BUCKET_POLICY.unknown(DEFINITION, snapshot.target(), failed);
            case Fetched.Absent<PolicyDocument> absent -> DEFINITION.pass("Session log bucket " + bucket + " of " + Wording.task(snapshot.target())
                    + " has no bucket policy to refuse the upload (" + Wording.clause(absent.description()) + ").");
            case Fetched.Present<PolicyDocument> policy -> switch (snapshot.taskRole()) {
                case Fetched.Failed<TaskRole> failed -> UnreadableFact.TASK_ROLE.unknown(DEFINITION, snapshot.target(), failed);
                case Fetched.Absent<TaskRole> absent -> DEFINITION.notApplicable(Wording.capitalised(Wording.task(snapshot.target()))
                        + " has no task role to upload session logs (see task-role-present).");
                case Fetched.Present<TaskRole> role -> judge(snapshot, cluster, policy.value(), role.value().roleArn());
            };
        };
    }

    private static CheckResult judge(TaskSnapshot snapshot, EcsCluster cluster, PolicyDocument policy, String roleArn) {
        String bucket = cluster.logging().s3BucketName();
        // The session's object: a concrete key under the prefix, as the agent names it per session.
        String objects = ExecResourceArns.bucketObjects(snapshot.task().arn(), bucket, cluster.logging().s3KeyPrefix());
        String sessionLog = objects.endsWith("*") ? objects.substring(0, objects.length() - 1) + "SESSION_ID.log" : objects;
        ResourcePolicyReview review = ResourcePolicyReview.of(policy, roleArn,
                List.of(new PermissionNeed(ExecPermissions.S3_PUT_OBJECT, sessionLog)), snapshot.task().arn().region(), false,
                request -> request.without(HEADERS_NOT_SENT.toArray(String[]::new)));
        if (!review.refused().isEmpty()) {
            return DEFINITION.fail("The policy of session log bucket " + bucket + " refuses the task role " + roleArn + " "
                                    + Wording.list(review.refused()) + ", so the agent cannot upload the session log of "
                                    + Wording.task(snapshot.target()) + " and ends each session at once.",
                            "Change the bucket policy (aws s3api get-bucket-policy --bucket " + ShellWords.quote(bucket)
                                    + ", then aws s3api put-bucket-policy --bucket " + ShellWords.quote(bucket)
                                    + " --policy file://policy.json) so that no Deny matches the task role's uploads under the prefix.")
                    .withEvidence("refused", String.join("; ", review.refused()));
        }
        if (!review.undecided().isEmpty()) {
            return DEFINITION.unknown("Could not decide whether the policy of session log bucket " + bucket + " lets the task role " + roleArn
                            + " upload session logs: " + Wording.list(review.undecided()) + ".",
                            "Review those statements with aws s3api get-bucket-policy --bucket " + ShellWords.quote(bucket) + ", then evaluate the task again.")
                    .withEvidence("undecided", String.join("; ", review.undecided()));
        }
        return DEFINITION.pass("The policy of session log bucket " + bucket + " denies no upload of the task role " + roleArn
                + " under the session log prefix, so IAM decides.");
    }
}
