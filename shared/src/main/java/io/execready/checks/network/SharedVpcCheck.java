package io.execready.checks.network;

import io.execready.checks.support.ShellWords;
import io.execready.checks.network.NetworkReach.Availability;
import io.execready.checks.network.NetworkReach.Egress;
import io.execready.checks.network.NetworkReach.EndpointUse;
import io.execready.checks.network.NetworkReach.Placement;
import io.execready.checks.network.NetworkReach.RouteOut;
import io.execready.checks.support.Wording;
import io.execready.engine.CauseResource;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A task in a subnet shared through AWS RAM lives in another account's VPC: its route tables and
 * endpoints belong to the owner and may be out of the task account's sight. This check says which
 * of the facts ssm-reachable needs could be seen. It never fails: what is readable is judged by
 * the other network checks (a shared subnet behind a NAT passes ssm-reachable), and what is not is
 * UNKNOWN here, naming the owner account to ask (the reference reports a shared VPC as failed even
 * behind a NAT).
 */
public final class SharedVpcCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "shared-vpc",
            "Network path of a task in a shared VPC is visible",
            "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-sharing.html");

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return NetworkReach.withPlacement(DEFINITION, snapshot, "no VPC is shared with it", SharedVpcCheck::evaluate);
    }

    private static CheckResult evaluate(Placement p) {
        String where = Wording.capitalised(p.subnetOfTask());
        if (!p.sharedVpc()) {
            return DEFINITION.notApplicable(where + " belongs to the task's own account " + p.account() + ", so no VPC is shared.");
        }
        String owner = p.subnet().ownerId();
        Egress egress = NetworkReach.egress(p);
        List<String> unseen = new ArrayList<>();
        if (egress.kind() == RouteOut.UNDETERMINED) {
            unseen.add("it " + egress.explanation());
        }
        if (!egress.leadsOut()) {
            EndpointUse endpoint = NetworkReach.interfaceEndpoint(p, NetworkReach.SSM_MESSAGES);
            if (endpoint.kind() == Availability.UNDETERMINED) {
                unseen.add("VPC " + p.subnet().vpcId() + " " + endpoint.explanation());
            }
        }
        CheckResult result;
        if (unseen.isEmpty()) {
            result = DEFINITION.pass(where + " is shared by VPC owner account " + owner + ", and account " + p.account()
                    + " can see what ssm-reachable needs: it " + egress.explanation() + ".");
        } else {
            result = DEFINITION.unknown(
                    where + " is shared by VPC owner account " + owner + ", and from account " + p.account() + " " + String.join("; ", unseen)
                            + ", so whether the exec agent reaches Systems Manager is decided where ExecReady cannot look.",
                    "In VPC owner account " + owner + ", confirm that subnet " + p.subnet().subnetId()
                            + " routes 0.0.0.0/0 through a NAT gateway or that VPC " + p.subnet().vpcId() + " has a "
                            + p.serviceName(NetworkReach.SSM_MESSAGES) + " endpoint with private DNS, using aws ec2 describe-route-tables --filters Name=association.subnet-id,Values="
                            + ShellWords.quote(p.subnet().subnetId()) + " and aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=" + ShellWords.quote(p.subnet().vpcId()) + ".");
        }
        return result.withEvidence("vpcOwnerId", owner).withCause(CauseResource.subnet(p.subnet()));
    }
}
