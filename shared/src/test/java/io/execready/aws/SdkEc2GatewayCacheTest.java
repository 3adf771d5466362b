package io.execready.aws;

import java.util.LinkedHashSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;

/** The gateway's use of its {@link ReadCache}: which EC2 calls a series of reads makes, counted at the client. */
class SdkEc2GatewayCacheTest {

    /** Records each call as "Operation filter-values" and answers with nothing found, except interfaces. */
    private static final class CountingEc2 implements Ec2Client {
        final List<String> calls = new ArrayList<>();

        private void record(String operation, List<Filter> filters) {
            calls.add(operation + " " + filters.stream().map(f -> String.join(",", f.values())).toList());
        }

        @Override
        public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest request) {
            record("subnets", request.filters());
            return DescribeSubnetsResponse.builder().build();
        }

        @Override
        public DescribeRouteTablesResponse describeRouteTables(DescribeRouteTablesRequest request) {
            record("route tables", request.filters());
            return DescribeRouteTablesResponse.builder().build();
        }

        @Override
        public DescribeVpcEndpointsResponse describeVpcEndpoints(DescribeVpcEndpointsRequest request) {
            record("endpoints", request.filters());
            return DescribeVpcEndpointsResponse.builder().build();
        }

        @Override
        public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest request) {
            record("groups", request.filters());
            return DescribeSecurityGroupsResponse.builder().build();
        }

        @Override
        public DescribeInstancesResponse describeInstances(DescribeInstancesRequest request) {
            record("instances", request.filters());
            return DescribeInstancesResponse.builder().build();
        }

        /** Every requested interface exists except eni-gone; a call naming eni-unreadable is throttled. */
        @Override
        public DescribeNetworkInterfacesResponse describeNetworkInterfaces(DescribeNetworkInterfacesRequest request) {
            record("enis", request.filters());
            List<String> ids = request.filters().getFirst().values();
            if (ids.contains("eni-unreadable")) {
                throw (Ec2Exception) Ec2Exception.builder().statusCode(503)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("RequestLimitExceeded").errorMessage("Request limit exceeded.").build())
                        .build();
            }
            return DescribeNetworkInterfacesResponse.builder().networkInterfaces(ids.stream()
                    .filter(id -> !id.equals("eni-gone"))
                    .map(id -> software.amazon.awssdk.services.ec2.model.NetworkInterface.builder().networkInterfaceId(id)
                            .subnetId("subnet-1").vpcId("vpc-1").build())
                    .toList()).build();
        }

        @Override
        public String serviceName() {
            return "ec2";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void sharedNetworkReads_areMadeOncePerCache_butEachTasksInterfaceIsReadEveryTime() {
        CountingEc2 client = new CountingEc2();
        ReadCache cache = new ReadCache();
        Ec2Gateway gateway = new SdkEc2Gateway(client, cache);
        ReadSource reads = new SdkReadSource(ServiceClients.of(client), cache);

        for (int task = 0; task < 3; task++) {
            reads.read(Ec2Reads.SUBNET, "subnet-1");
            reads.read(Ec2Reads.SUBNET_ROUTE_TABLE, "subnet-1");
            reads.read(Ec2Reads.MAIN_ROUTE_TABLE, "vpc-1");
            reads.read(Ec2Reads.VPC_ENDPOINTS, "vpc-1");
            reads.read(Ec2Reads.SECURITY_GROUPS, new LinkedHashSet<>(task % 2 == 0 ? List.of("sg-1", "sg-2") : List.of("sg-2", "sg-1")));
            reads.read(Ec2Reads.INSTANCE, "i-1");
            gateway.describeNetworkInterface("eni-" + task);
        }

        assertThat(client.calls).containsExactly(
                "subnets [subnet-1]", "route tables [subnet-1]", "route tables [vpc-1, true]", "endpoints [vpc-1]",
                "groups [sg-1,sg-2]", "instances [i-1]", "enis [eni-0]", "enis [eni-1]", "enis [eni-2]");

        cache.clear();
        reads.read(Ec2Reads.SUBNET, "subnet-1");
        assertThat(client.calls).as("a cleared cache reads again").hasSize(10);
    }

    @Test
    void aGatewayWithoutACache_readsEveryTime() {
        CountingEc2 client = new CountingEc2();
        ReadSource reads = new SdkReadSource(ServiceClients.of(client));

        reads.read(Ec2Reads.SUBNET, "subnet-1");
        reads.read(Ec2Reads.SUBNET, "subnet-1");

        assertThat(client.calls).containsExactly("subnets [subnet-1]", "subnets [subnet-1]");
    }

    @Test
    void prefetchNetworkInterfaces_readsTheBatchInOneCall_andServesEachTasksReadFromTheCache() {
        CountingEc2 client = new CountingEc2();
        SdkEc2Gateway gateway = new SdkEc2Gateway(client, new ReadCache());

        gateway.prefetchNetworkInterfaces(List.of("eni-1", "eni-2", "eni-gone", "eni-1"));
        Fetched<NetworkInterface> first = gateway.describeNetworkInterface("eni-1");
        Fetched<NetworkInterface> second = gateway.describeNetworkInterface("eni-2");
        Fetched<NetworkInterface> gone = gateway.describeNetworkInterface("eni-gone");

        assertThat(client.calls).containsExactly("enis [eni-1,eni-2,eni-gone]");
        assertThat(first.asOptional()).hasValueSatisfying(eni -> assertThat(eni.networkInterfaceId()).isEqualTo("eni-1"));
        assertThat(second.asOptional()).hasValueSatisfying(eni -> assertThat(eni.networkInterfaceId()).isEqualTo("eni-2"));
        assertThat(gone).isEqualTo(Fetched.absent("network interface eni-gone does not exist"));

        gateway.prefetchNetworkInterfaces(List.of("eni-1", "eni-3"));
        assertThat(client.calls).as("only interfaces not yet cached are read again").containsExactly(
                "enis [eni-1,eni-2,eni-gone]", "enis [eni-3]");

        gateway.describeNetworkInterface("eni-4");
        assertThat(client.calls).as("an interface not prefetched is read on its own").endsWith("enis [eni-4]");
    }

    @Test
    void prefetchNetworkInterfaces_whenTheBatchReadFails_letsEachTaskReadItsOwnInterface() {
        CountingEc2 client = new CountingEc2();
        SdkEc2Gateway gateway = new SdkEc2Gateway(client, new ReadCache());

        gateway.prefetchNetworkInterfaces(List.of("eni-unreadable"));
        gateway.describeNetworkInterface("eni-unreadable");

        assertThat(client.calls).containsExactly("enis [eni-unreadable]", "enis [eni-unreadable]");
    }

    @Test
    void prefetchedInterfaces_areForgottenWhenTheCacheIsCleared() {
        CountingEc2 client = new CountingEc2();
        ReadCache cache = new ReadCache();
        SdkEc2Gateway gateway = new SdkEc2Gateway(client, cache);

        gateway.prefetchNetworkInterfaces(List.of("eni-1"));
        cache.clear();
        gateway.describeNetworkInterface("eni-1");

        assertThat(client.calls).containsExactly("enis [eni-1]", "enis [eni-1]");
    }
}
