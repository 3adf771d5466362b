package io.execready.aws;

import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.TaskDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.utils.Lazy;

/**
 * Gateways whose SDK client is built on their first read, not when the caller is constructed:
 * building a client loads and verifies its service's whole client class (EC2's alone takes about
 * half a second on two cores), so a Lambda cold start without priming, or a command-line check,
 * pays only for the clients its first event needs. (The reads of KMS, CloudWatch Logs, S3 and most of
 * EC2 are {@link AwsRead}s, whose {@link SdkReadSource} builds a client on its first read anyway.) Each delegates every method, defaults
 * included, to the one gateway it builds.
 */
public final class LazyGateways {

    private LazyGateways() {
    }

    public static EcsGateway ecs(Supplier<EcsGateway> build) {
        Lazy<EcsGateway> gateway = new Lazy<>(build);
        return new EcsGateway() {
            @Override
            public Fetched<TaskDefinition> describeTaskDefinition(String taskDefinition) {
                return gateway.getValue().describeTaskDefinition(taskDefinition);
            }

            @Override
            public Fetched<EcsCluster> describeCluster(String cluster) {
                return gateway.getValue().describeCluster(cluster);
            }

            @Override
            public Fetched<EcsService> describeService(String cluster, String serviceName) {
                return gateway.getValue().describeService(cluster, serviceName);
            }

            @Override
            public Map<String, Fetched<EcsTask>> describeTasks(String cluster, List<String> tasks) {
                return gateway.getValue().describeTasks(cluster, tasks);
            }

            @Override
            public Fetched<List<String>> listTasks(String cluster, TaskListQuery query) {
                return gateway.getValue().listTasks(cluster, query);
            }

            @Override
            public Fetched<Map<String, String>> listTagsForResource(String arn) {
                return gateway.getValue().listTagsForResource(arn);
            }

            @Override
            public Map<String, Fetched<ContainerInstance>> describeContainerInstances(String cluster, List<String> containerInstances) {
                return gateway.getValue().describeContainerInstances(cluster, containerInstances);
            }
        };
    }

    /** The EC2 gateway, which also prefetches the interfaces of a batch of tasks. */
    public static Ec2 ec2(Supplier<SdkEc2Gateway> build) {
        return new Ec2(new Lazy<>(build));
    }

    public static IamGateway iam(Supplier<IamGateway> build) {
        Lazy<IamGateway> gateway = new Lazy<>(build);
        return new IamGateway() {
            @Override
            public Fetched<PermissionSimulation> simulate(PermissionQuery query) {
                return gateway.getValue().simulate(query);
            }

            @Override
            public Fetched<String> instanceProfileRole(String instanceProfileArn) {
                return gateway.getValue().instanceProfileRole(instanceProfileArn);
            }
        };
    }

    /** The task network interface reads and their batched prefetch, over one gateway built on first use. */
    public static final class Ec2 implements Ec2Gateway, NetworkInterfacePrefetch {

        private final Lazy<SdkEc2Gateway> gateway;

        private Ec2(Lazy<SdkEc2Gateway> gateway) {
            this.gateway = gateway;
        }

        @Override
        public void prefetchNetworkInterfaces(Collection<String> networkInterfaceIds) {
            gateway.getValue().prefetchNetworkInterfaces(networkInterfaceIds);
        }

        @Override
        public Fetched<NetworkInterface> describeNetworkInterface(String networkInterfaceId) {
            return gateway.getValue().describeNetworkInterface(networkInterfaceId);
        }

        @Override
        public Map<String, Fetched<NetworkInterface>> describeNetworkInterfaces(Collection<String> networkInterfaceIds) {
            return gateway.getValue().describeNetworkInterfaces(networkInterfaceIds);
        }
    }
}
