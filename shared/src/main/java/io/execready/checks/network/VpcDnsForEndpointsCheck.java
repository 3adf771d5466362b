package io.execready.checks.network;

import io.execready.checks.support.ShellWords;
import io.execready.checks.network.NetworkReach.Placement;
import io.execready.checks.network.NetworkReach.Reliance;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.TaskSnapshot;
import io.execready.snapshot.VpcDnsSettings;

/**
 * An interface endpoint's private DNS name resolves only in a VPC with both enableDnsSupport and
 * enableDnsHostnames on. With either off, the agent resolves ssmmessages' public name and, with
 * no route out, never connects, though the endpoint itself looks healthy.
 */
public final class VpcDnsForEndpointsCheck implements Check {

    private static final UnreadableFact VPC_DNS = new UnreadableFact("the VPC's DNS attributes");

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "vpc-dns-for-endpoints",
            "The VPC resolves the private DNS names of the endpoints the agent relies on",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns")
            .failingWith(OperatorError.TARGET_NOT_CONNECTED);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return NetworkReach.withPlacement(DEFINITION, snapshot, "no VPC endpoint is involved", VpcDnsForEndpointsCheck::evaluate);
    }

    private static CheckResult evaluate(Placement p) {
        Reliance reliance = NetworkReach.reliance(p);
        return switch (reliance.way()) {
            case ROUTE_OUT, NEITHER -> DEFINITION.notApplicable("The exec agent of " + Wording.task(p.target())
                    + " does not rely on an interface endpoint's private DNS name.");
            case UNDETERMINED -> reliance.gap().unknown(DEFINITION);
            case ENDPOINT -> switch (p.path().vpcDns()) {
                case Fetched.Failed<VpcDnsSettings> failed -> VPC_DNS.unknown(DEFINITION, p.target(), failed);
                case Fetched.Absent<VpcDnsSettings> absent -> VPC_DNS.missing(DEFINITION, p.target(), absent,
                        "aws ec2 describe-vpc-attribute --vpc-id " + ShellWords.quote(p.subnet().vpcId()) + " --attribute enableDnsSupport");
                case Fetched.Present<VpcDnsSettings> dns -> judge(p, reliance.ssmEndpoint().vpcEndpointId(), dns.value());
            };
        };
    }

    private static CheckResult judge(Placement p, String endpointId, VpcDnsSettings dns) {
        String vpc = "VPC " + dns.vpcId();
        CheckResult result;
        if (dns.dnsSupport() && dns.dnsHostnames()) {
            result = DEFINITION.pass(vpc + " of " + Wording.task(p.target()) + " has enableDnsSupport and enableDnsHostnames on, so the private DNS name of "
                    + endpointId + " resolves to it.");
        } else {
            String off = !dns.dnsSupport() && !dns.dnsHostnames() ? "enableDnsSupport and enableDnsHostnames"
                    : !dns.dnsSupport() ? "enableDnsSupport" : "enableDnsHostnames";
            result = DEFINITION.fail(vpc + " of " + Wording.task(p.target()) + " has " + off + " off, so the private DNS name of the ssmmessages endpoint "
                            + endpointId + " does not resolve and the exec agent, with no route out, never connects.",
                    (dns.dnsSupport() ? "" : "aws ec2 modify-vpc-attribute --vpc-id " + ShellWords.quote(dns.vpcId()) + " --enable-dns-support \"{\\\"Value\\\":true}\"")
                            + (!dns.dnsSupport() && !dns.dnsHostnames() ? ", then " : "")
                            + (dns.dnsHostnames() ? "" : "aws ec2 modify-vpc-attribute --vpc-id " + ShellWords.quote(dns.vpcId()) + " --enable-dns-hostnames \"{\\\"Value\\\":true}\"")
                            + ".");
        }
        return result.withEvidence("enableDnsSupport", Boolean.toString(dns.dnsSupport()))
                .withEvidence("enableDnsHostnames", Boolean.toString(dns.dnsHostnames()));
    }
}
