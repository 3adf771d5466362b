package io.execready.checks.network;

import io.execready.checks.support.ShellWords;
import io.execready.checks.network.NetworkReach.Placement;
import io.execready.checks.network.NetworkReach.Reliance;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.Severity;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.TaskSnapshot;
import io.execready.snapshot.VpcEndpoint;
import java.util.List;

/**
 * When the agent reaches Systems Manager only through the ssmmessages endpoint, an endpoint without
 * a subnet in the task's zone still works (private DNS answers in every zone it has) but every
 * session crosses zones: cross-zone data charges, and an outage of the endpoint's zone cuts ECS Exec
 * off for tasks that are themselves healthy. Worth a WARN, never a FAIL.
 */
public final class SsmEndpointInTaskAzCheck implements Check {

    public static final CheckDefinition DEFINITION = new CheckDefinition(
            "ssm-endpoint-in-task-az",
            "The ssmmessages endpoint the agent relies on has a subnet in the task's Availability Zone",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html",
            Severity.LOW);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return NetworkReach.withPlacement(DEFINITION, snapshot, "no VPC endpoint is involved", SsmEndpointInTaskAzCheck::evaluate);
    }

    private static CheckResult evaluate(Placement p) {
        Reliance reliance = NetworkReach.reliance(p);
        return switch (reliance.way()) {
            case ROUTE_OUT, NEITHER -> DEFINITION.notApplicable("The exec agent of " + Wording.task(p.target())
                    + " does not rely on an ssmmessages VPC endpoint, so the endpoint's zones do not matter.");
            case UNDETERMINED -> reliance.gap().unknown(DEFINITION);
            case ENDPOINT -> judge(p, reliance.ssmEndpoint());
        };
    }

    private static CheckResult judge(Placement p, VpcEndpoint endpoint) {
        String zone = p.availabilityZone();
        return switch (p.path().endpointSubnets()) {
            case Fetched.Failed<List<Subnet>> failed -> UnreadableFact.ENDPOINT_SUBNETS.unknown(DEFINITION, p.target(), failed);
            case Fetched.Absent<List<Subnet>> absent -> UnreadableFact.ENDPOINT_SUBNETS.missing(DEFINITION, p.target(), absent,
                    "aws ec2 describe-subnets --subnet-ids " + ShellWords.words(endpoint.subnetIds()));
            case Fetched.Present<List<Subnet>> subnets -> {
                List<String> zones = subnets.value().stream().filter(s -> endpoint.subnetIds().contains(s.subnetId()))
                        .map(Subnet::availabilityZone).distinct().toList();
                CheckResult result = NetworkReach.inTaskZone(p, endpoint, subnets.value())
                        ? DEFINITION.pass("The ssmmessages endpoint " + endpoint.vpcEndpointId() + " that " + Wording.task(p.target())
                                + " relies on has a subnet in its availability zone " + zone + ".")
                        : DEFINITION.warn("The ssmmessages endpoint " + endpoint.vpcEndpointId() + " that " + Wording.task(p.target())
                                        + " relies on has subnets only in " + Wording.list(zones) + ", not in the task's zone " + zone
                                        + ": sessions work across zones, at cross-zone data charges, and stop when that zone fails.",
                                "Add a subnet of " + zone + " to the endpoint with aws ec2 modify-vpc-endpoint --vpc-endpoint-id "
                                        + ShellWords.quote(endpoint.vpcEndpointId()) + " --add-subnet-ids " + ShellWords.quote(p.subnet().subnetId()) + ".");
                yield result.withEvidence("vpcEndpointId", endpoint.vpcEndpointId()).withEvidence("endpointZones", String.join(",", zones));
            }
        };
    }
}
