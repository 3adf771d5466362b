package io.execready.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.fixtures.SdkSystemProperties;
import io.execready.harness.LocalAws;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The batched network interface read through the SDK against the local emulator: many ids, one call. */
@Tag("emulator")
class SdkEc2GatewayLocalAwsTest {

    private static final List<String> callsMade = new CopyOnWriteArrayList<>();

    private static LocalAws aws;
    private static SdkSystemProperties saved;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        saved = SdkSystemProperties.save();
        aws = LocalAws.start();
        aws.applyToSystemProperties();
        ec2 = Ec2Client.builder().region(Region.US_EAST_1)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        callsMade.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                }))
                .build();
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) {
            ec2.close();
        }
        if (aws != null) {
            aws.close();
        }
        saved.restore();
    }

    @Test
    void describeNetworkInterfaces_readsEveryIdInOneCall_andAnIdNotReturnedIsAbsent() {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.20.1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        List<String> created = List.of(createInterface(subnet), createInterface(subnet), createInterface(subnet));
        String missing = "eni-0123456789abcdef0";
        callsMade.clear();

        Map<String, Fetched<NetworkInterface>> read = new SdkEc2Gateway(ec2).describeNetworkInterfaces(
                List.of(created.get(0), created.get(1), missing, created.get(2)));

        assertThat(callsMade).containsExactly("DescribeNetworkInterfaces");
        assertThat(read).containsOnlyKeys(created.get(0), created.get(1), missing, created.get(2));
        for (String id : created) {
            assertThat(read.get(id).asOptional()).hasValueSatisfying(eni -> {
                assertThat(eni.networkInterfaceId()).isEqualTo(id);
                assertThat(eni.subnetId()).isEqualTo(subnet);
                assertThat(eni.vpcId()).isEqualTo(vpc);
            });
        }
        assertThat(read.get(missing)).isEqualTo(Fetched.absent("network interface " + missing + " does not exist"));
    }

    @Test
    void networkAclsAndDnsSettings_areReadPerVpc() {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.30.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(a -> a.value(true)));
        callsMade.clear();
        ReadSource reads = new SdkReadSource(ServiceClients.of(ec2), new ReadCache());

        Fetched<List<io.execready.snapshot.NetworkAcl>> acls = reads.read(Ec2Reads.NETWORK_ACLS, vpc);
        Fetched<io.execready.snapshot.VpcDnsSettings> dns = reads.read(Ec2Reads.VPC_DNS_SETTINGS, vpc);
        reads.read(Ec2Reads.VPC_DNS_SETTINGS, vpc);

        assertThat(acls.asOptional()).hasValueSatisfying(list -> assertThat(list).singleElement().satisfies(acl -> {
            assertThat(acl.subnetIds()).contains(subnet);
            assertThat(acl.rules(true)).extracting(io.execready.snapshot.NetworkAcl.Entry::ruleNumber).containsExactly(100, 32767);
            assertThat(acl.rules(true).getFirst().allow()).isTrue();
        }));
        assertThat(dns).isEqualTo(Fetched.present(new io.execready.snapshot.VpcDnsSettings(vpc, true, true)));
        assertThat(callsMade).containsExactly("DescribeNetworkAcls", "DescribeVpcAttribute", "DescribeVpcAttribute");
    }

    private static String createInterface(String subnet) {
        return ec2.createNetworkInterface(r -> r.subnetId(subnet).description("task interface"))
                .networkInterface().networkInterfaceId();
    }
}
