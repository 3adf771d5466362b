package io.execready.checks.network;

import io.execready.checks.network.NetworkReach.Egress;
import io.execready.checks.network.NetworkReach.EndpointUse;
import io.execready.checks.network.NetworkReach.Placement;
import io.execready.checks.network.NetworkReach.RouteOut;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.CauseResource;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.ExecLogging;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A task with no route out reaches AWS only through VPC endpoints, and an ECS Exec session needs
 * more than ssmmessages (which ssm-reachable judges): kms when the cluster encrypts sessions with
 * a key, logs when sessions go to CloudWatch Logs, s3 (a gateway endpoint on the subnet's route
 * table, or an interface endpoint) when they go to S3. Each one missing fails the session.
 */
public final class PrivateEndpointsCompleteCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "private-endpoints-complete",
            "Private subnet has every endpoint an ECS Exec session needs",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-considerations")
            .failingWith(OperatorError.TARGET_NOT_CONNECTED);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return NetworkReach.withPlacement(DEFINITION, snapshot, "VPC endpoints do not apply",
                p -> UnreadableFact.withCluster(DEFINITION, snapshot, cluster -> evaluate(p, cluster)));
    }

    private static CheckResult evaluate(Placement p, EcsCluster cluster) {
        List<String> needed = neededServices(cluster);
        String clusterName = p.task().clusterName();
        if (needed.isEmpty()) {
            return DEFINITION.notApplicable("Cluster " + clusterName + " uses neither a KMS key nor a log destination for ECS Exec, so "
                    + Wording.task(p.target()) + " needs no endpoint beyond ssmmessages (which ssm-reachable judges).");
        }
        Egress egress = NetworkReach.egress(p);
        if (egress.leadsOut()) {
            return DEFINITION.notApplicable(Wording.capitalised(p.subnetOfTask()) + " " + egress.explanation()
                    + ", so the session reaches " + Wording.list(needed) + " without VPC endpoints.");
        }
        if (egress.kind() == RouteOut.UNDETERMINED) {
            return egress.gap().unknown(DEFINITION);
        }
        List<String> missing = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        List<String> present = new ArrayList<>();
        List<CauseResource> judged = new ArrayList<>();
        for (String service : needed) {
            EndpointUse use = "s3".equals(service) ? NetworkReach.s3Endpoint(p) : NetworkReach.interfaceEndpoint(p, service);
            switch (use.kind()) {
                case USABLE -> {
                    present.add(use.endpointId() + " (" + service + ")");
                    judged.add(p.endpointCause(use));
                }
                case UNDETERMINED -> {
                    return use.gap().unknown(DEFINITION);
                }
                case NONE, UNUSABLE -> {
                    missing.add(reason(service, cluster) + ", but VPC " + p.subnet().vpcId() + " " + use.explanation());
                    fixes.add(use.fix());
                    judged.addFirst(p.endpointCause(use));
                }
            }
        }
        CheckResult result;
        if (missing.isEmpty()) {
            result = DEFINITION.pass(Wording.capitalised(p.subnetOfTask()) + " " + egress.explanation() + ", and VPC " + p.subnet().vpcId()
                    + " has the endpoints ECS Exec needs besides ssmmessages: " + Wording.list(present) + ".");
        } else {
            result = DEFINITION.fail(
                    Wording.capitalised(p.subnetOfTask()) + " " + egress.explanation() + ", and " + String.join("; ", missing)
                            + ", so ECS Exec sessions fail there.",
                    "Create the missing " + (missing.size() == 1 ? "endpoint" : "endpoints") + " with " + String.join(" and ", fixes) + ".");
        }
        result = judged.isEmpty() ? result : result.withCause(judged.getFirst());
        return result.withEvidence("neededEndpoints", String.join(",", needed));
    }

    /** The services the cluster's exec configuration calls from inside the task, in a stable order. */
    static List<String> neededServices(EcsCluster cluster) {
        List<String> needed = new ArrayList<>();
        ExecLogging logging = cluster.logging();
        boolean loggingOff = logging.mode() != null && "NONE".equals(logging.mode().strip().toUpperCase(Locale.ROOT));
        if (cluster.kmsKeyId() != null && !cluster.kmsKeyId().isBlank()) {
            needed.add("kms");
        }
        if (!loggingOff && logging.cloudWatchLogGroupName() != null && !logging.cloudWatchLogGroupName().isBlank()) {
            needed.add("logs");
        }
        if (!loggingOff && logging.s3BucketName() != null && !logging.s3BucketName().isBlank()) {
            needed.add("s3");
        }
        return needed;
    }

    private static String reason(String service, EcsCluster cluster) {
        return switch (service) {
            case "kms" -> "sessions are encrypted with KMS key " + cluster.kmsKeyId();
            case "logs" -> "sessions are logged to CloudWatch Logs group " + cluster.logging().cloudWatchLogGroupName();
            default -> "sessions are logged to S3 bucket " + cluster.logging().s3BucketName();
        };
    }
}
