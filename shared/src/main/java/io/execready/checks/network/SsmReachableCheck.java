package io.execready.checks.network;

import io.execready.checks.support.ShellWords;
import io.execready.checks.network.NetworkReach.Availability;
import io.execready.checks.network.NetworkReach.Egress;
import io.execready.checks.network.NetworkReach.EndpointUse;
import io.execready.checks.network.NetworkReach.Placement;
import io.execready.checks.network.NetworkReach.RouteOut;
import io.execready.checks.support.TaskPlatform;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.NetworkPlacement;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.TaskSnapshot;

/**
 * The exec agent opens its channels to ssmmessages over HTTPS: through a NAT gateway, through an
 * internet gateway when the traffic leaves with a public IP, or through the VPC's ssmmessages
 * interface endpoint (available, private DNS on, in the task's AZ). A VPC without any of them is
 * a FAIL, even one without endpoints at all (the reference assumes internet access there).
 *
 * <p>Only what is read decides: a route table or endpoint list that could not be read, that a
 * shared VPC's owner keeps out of sight, or a default route to a transit gateway whose way out lies
 * beyond the VPC make the answer UNKNOWN unless another way is proven.
 */
public final class SsmReachableCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "ssm-reachable",
            "Exec agent can reach Systems Manager from the task's subnet",
            "https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html")
            .failingWith(OperatorError.TARGET_NOT_CONNECTED);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return NetworkReach.withPlacement(DEFINITION, snapshot,
                "it reaches Systems Manager over its own host's network, which ExecReady cannot see", SsmReachableCheck::evaluate);
    }

    private static CheckResult evaluate(Placement p) {
        Egress egress = NetworkReach.egress(p);
        String where = Wording.capitalised(p.subnetOfTask());
        if (egress.leadsOut()) {
            return DEFINITION.pass(where + " " + egress.explanation() + ", so the exec agent can reach Systems Manager.")
                    .withEvidence("routeOut", egress.kind().name())
                    .withCause(p.routeCause());
        }
        EndpointUse endpoint = NetworkReach.interfaceEndpoint(p, NetworkReach.SSM_MESSAGES);
        String vpc = "VPC " + p.subnet().vpcId();
        if (endpoint.kind() == Availability.USABLE) {
            return DEFINITION.pass(where + " " + egress.explanation() + ", but " + vpc + " " + endpoint.explanation()
                            + ", so the exec agent reaches Systems Manager through it.")
                    .withEvidence("routeOut", egress.kind().name())
                    .withEvidence("vpcEndpointId", endpoint.endpointId())
                    .withCause(p.endpointCause(endpoint));
        }
        if (egress.kind() == RouteOut.UNDETERMINED) {
            return egress.gap().unknown(DEFINITION);
        }
        if (endpoint.kind() == Availability.UNDETERMINED) {
            return endpoint.gap().unknown(DEFINITION);
        }
        CheckResult result = DEFINITION.fail(
                where + " " + egress.explanation() + ", and " + vpc + " " + endpoint.explanation()
                        + ", so the exec agent cannot reach Systems Manager.",
                "Give the task a way out: a NAT route with " + NetworkReach.addNatRoute(p) + publicIpOption(p)
                        + ", or a usable ssmmessages endpoint with " + endpoint.fix() + ".")
                .withEvidence("routeOut", "NONE")
                .withCause(p.routeCause());
        return p.routeTable().map(RouteTable::routeTableId).map(id -> result.withEvidence("routeTableId", id)).orElse(result);
    }

    /** Only a Fargate task's own ENI can get a public IP; awsvpc ENIs on EC2 never do. */
    private static String publicIpOption(Placement p) {
        boolean fargate = p.path().placement() == NetworkPlacement.TASK_NETWORK_INTERFACE && TaskPlatform.isFargate(p.task());
        if (!fargate) {
            return "";
        }
        return p.task().serviceName()
                .map(service -> ", a public IP behind an internet gateway route with aws ecs update-service --cluster " + ShellWords.quote(p.task().clusterName())
                        + " --service " + ShellWords.quote(service) + " --network-configuration "
                        + ShellWords.quote("awsvpcConfiguration={subnets=[" + p.subnet().subnetId()
                                + "],securityGroups=[TASK_SECURITY_GROUP_ID],assignPublicIp=ENABLED}") + " --force-new-deployment")
                .orElse(", a public IP behind an internet gateway route with assignPublicIp=ENABLED in the awsvpcConfiguration of run-task");
    }
}
