package io.execready.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.fixtures.ReadFailures;
import io.execready.snapshot.Ec2Instance;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachingEc2GatewayTest {

    /** Records each read and answers Absent. */
    private static final class CountingGateway implements Ec2Gateway {
        final List<String> reads = new ArrayList<>();

        private <T> Fetched<T> read(String what) {
            reads.add(what);
            return Fetched.absent(what);
        }

        @Override public Fetched<Subnet> describeSubnet(String subnetId) { return read("subnet " + subnetId); }
        @Override public Fetched<List<Subnet>> describeSubnets(Collection<String> subnetIds) { return read("subnets " + subnetIds); }
        @Override public Fetched<RouteTable> describeSubnetRouteTable(String subnetId) { return read("route table " + subnetId); }
        @Override public Fetched<RouteTable> describeMainRouteTable(String vpcId) { return read("main route table " + vpcId); }
        @Override public Fetched<NetworkInterface> describeNetworkInterface(String id) { return read("eni " + id); }
        @Override public Map<String, Fetched<NetworkInterface>> describeNetworkInterfaces(Collection<String> ids) {
            reads.add("enis " + ids);
            Map<String, Fetched<NetworkInterface>> found = new LinkedHashMap<>();
            for (String id : ids) {
                found.put(id, id.equals("eni-unreadable") ? Fetched.failed(ReadFailures.throttled("ec2:DescribeNetworkInterfaces"))
                        : id.equals("eni-gone") ? Fetched.absent("network interface eni-gone does not exist")
                        : Fetched.present(networkInterface(id)));
            }
            return found;
        }
        @Override public Fetched<List<VpcEndpoint>> describeVpcEndpoints(String vpcId) { return read("endpoints " + vpcId); }
        @Override public Fetched<List<SecurityGroup>> describeSecurityGroups(Collection<String> ids) { return read("groups " + ids); }
        @Override public Fetched<Ec2Instance> describeInstance(String instanceId) { return read("instance " + instanceId); }
    }

    @Test
    void sharedNetworkReads_areMadeOncePerCache_butEachTasksInterfaceIsReadEveryTime() {
        CountingGateway counting = new CountingGateway();
        ReadCache cache = new ReadCache();
        Ec2Gateway gateway = new CachingEc2Gateway(counting, cache);

        for (int task = 0; task < 3; task++) {
            gateway.describeSubnet("subnet-1");
            gateway.describeSubnetRouteTable("subnet-1");
            gateway.describeMainRouteTable("vpc-1");
            gateway.describeVpcEndpoints("vpc-1");
            gateway.describeSecurityGroups(task % 2 == 0 ? List.of("sg-1", "sg-2") : List.of("sg-2", "sg-1"));
            gateway.describeNetworkInterface("eni-" + task);
        }

        assertThat(counting.reads).containsExactly(
                "subnet subnet-1", "route table subnet-1", "main route table vpc-1", "endpoints vpc-1", "groups [sg-1, sg-2]",
                "eni eni-0", "eni eni-1", "eni eni-2");

        cache.clear();
        gateway.describeSubnet("subnet-1");
        assertThat(counting.reads).as("a cleared cache reads again").hasSize(9);
    }

    @Test
    void prefetchNetworkInterfaces_readsTheBatchInOneCall_andServesEachTasksReadFromTheCache() {
        CountingGateway counting = new CountingGateway();
        ReadCache cache = new ReadCache();
        CachingEc2Gateway gateway = new CachingEc2Gateway(counting, cache);

        gateway.prefetchNetworkInterfaces(List.of("eni-1", "eni-2", "eni-gone", "eni-1"));
        Fetched<NetworkInterface> first = gateway.describeNetworkInterface("eni-1");
        Fetched<NetworkInterface> second = gateway.describeNetworkInterface("eni-2");
        Fetched<NetworkInterface> gone = gateway.describeNetworkInterface("eni-gone");

        assertThat(counting.reads).containsExactly("enis [eni-1, eni-2, eni-gone]");
        assertThat(first.asOptional()).hasValueSatisfying(eni -> assertThat(eni.networkInterfaceId()).isEqualTo("eni-1"));
        assertThat(second.asOptional()).hasValueSatisfying(eni -> assertThat(eni.networkInterfaceId()).isEqualTo("eni-2"));
        assertThat(gone).isEqualTo(Fetched.absent("network interface eni-gone does not exist"));

        gateway.prefetchNetworkInterfaces(List.of("eni-1", "eni-3"));
        assertThat(counting.reads).as("only interfaces not yet cached are read again").containsExactly(
                "enis [eni-1, eni-2, eni-gone]", "enis [eni-3]");

        gateway.describeNetworkInterface("eni-4");
        assertThat(counting.reads).as("an interface not prefetched is read on its own").endsWith("eni eni-4");
    }

    @Test
    void prefetchNetworkInterfaces_whenTheBatchReadFails_letsEachTaskReadItsOwnInterface() {
        CountingGateway counting = new CountingGateway();
        CachingEc2Gateway gateway = new CachingEc2Gateway(counting, new ReadCache());

        gateway.prefetchNetworkInterfaces(List.of("eni-unreadable"));
        gateway.describeNetworkInterface("eni-unreadable");

        assertThat(counting.reads).containsExactly("enis [eni-unreadable]", "eni eni-unreadable");
    }

    @Test
    void prefetchedInterfaces_areForgottenWhenTheCacheIsCleared() {
        CountingGateway counting = new CountingGateway();
        ReadCache cache = new ReadCache();
        CachingEc2Gateway gateway = new CachingEc2Gateway(counting, cache);

        gateway.prefetchNetworkInterfaces(List.of("eni-1"));
        cache.clear();
        gateway.describeNetworkInterface("eni-1");

        assertThat(counting.reads).containsExactly("enis [eni-1]", "eni eni-1");
    }

    private static NetworkInterface networkInterface(String id) {
        return new NetworkInterface(id, "subnet-1", "vpc-1", "us-east-1a", "10.0.1.10", null, List.of("sg-1"));
    }
}
