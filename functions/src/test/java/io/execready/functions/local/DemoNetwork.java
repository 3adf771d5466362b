package io.execready.functions.local;

import io.execready.harness.HarnessException;
import io.execready.harness.LocalAws;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;

/**
 * The demo account's network, built with the identifiers the files in {@code events/} name.
 *
 * <p>moto draws every resource id from one random generator, which {@code POST /moto-api/seed?a=N}
 * seeds. Seeded just before this block of calls, which always runs in the same order with nothing
 * else talking to the emulator, moto hands out the same ids on every run, so the events can name
 * the subnet, ENIs and container instance as real ECS events do. Every id is checked after
 * creation: when the sequence changes (another moto version, a call added inside the block) the run
 * stops and says which id to update in the events, instead of evaluating tasks that point nowhere.
 *
 * <ul>
 *   <li>VPC 10.0.0.0/16; public subnet 10.0.0.0/24 with an internet gateway route and a NAT gateway;
 *       private subnet 10.0.1.0/24 routed through the NAT gateway;</li>
 *   <li>the ENIs of the {@code web} (10.0.1.25) and {@code billing-api} (10.0.1.37) Fargate tasks in the private subnet;</li>
 *   <li>EC2 instance {@code batch-worker} host in the public subnet with a public IP and the instance
 *       profile given, registered as a container instance of the demo cluster;</li>
 *   <li>the ECS Anywhere host of {@code store-sync}, registered with its Systems Manager managed-instance
 *       id, as the ECS agent on an external host registers (it has no EC2 instance).</li>
 * </ul>
 */
public final class DemoNetwork {

    public static final int SEED = 20261120;
    /** An Amazon Linux 2 image moto knows; its instances register with ecs.os-type linux. */
    static final String LINUX_AMI = "ami-04681a1dbd79675a5";

    public static final String PRIVATE_SUBNET_ID = "subnet-4a7c987177422ee98";
    public static final String WEB_TASK_ENI_ID = "eni-ac01d89196f8266f7";
    public static final String BILLING_TASK_ENI_ID = "eni-9711c2225c323ca7a";
    /** A current agent, as an instance from a recent ECS-optimized AMI registers with. */
    public static final String WORKER_AGENT_VERSION = "1.89.0";
    public static final String WORKER_INSTANCE_ID = "i-e442c961ac4edb2d8";
    public static final String WORKER_CONTAINER_INSTANCE_ARN =
            "arn:aws:ecs:us-east-1:123456789012:container-instance/execready-demo/bd7731c2-a0c5-4291-a094-fbbbfe9e0a4d";

    /** The managed-instance id an ECS Anywhere host registers with (Systems Manager hybrid activation). */
    public static final String EXTERNAL_MANAGED_INSTANCE_ID = "mi-0a1b2c3d4e5f60718";
    public static final String EXTERNAL_AGENT_VERSION = "1.88.0";
    public static final String EXTERNAL_CONTAINER_INSTANCE_ARN =
            "arn:aws:ecs:us-east-1:123456789012:container-instance/execready-demo/a19787d3-9740-44f7-9a98-f8412514075b";

    private static final Duration SEED_TIMEOUT = Duration.ofSeconds(10);

    /** What the block created. */
    public record Created(String vpcId, String privateSubnetId, String taskSecurityGroupId, String webTaskEniId, String billingTaskEniId,
                          String workerInstanceId, String workerContainerInstanceArn, String externalContainerInstanceArn) {
    }

    private DemoNetwork() {
    }

    /**
     * Seeds moto's id generator and builds the network. The cluster and the instance profile must
     * exist already: everything that draws ids in between would shift them.
     */
    static Created create(LocalAws aws, Ec2Client ec2, EcsClient ecs, String cluster, String instanceProfile) {
        // The EC2 backend builds the region's default VPC on first use, drawing ids: do that before seeding.
        ec2.describeVpcs();
        seed(aws);
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        // moto's RunTask wants DNS hostnames on the VPC; real Fargate tasks need DNS support.
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(a -> a.value(true)));
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsSupport(a -> a.value(true)));
        String publicSubnet = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.0.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String privateSubnet = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String internetGateway = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(internetGateway).vpcId(vpcId));
        String publicTable = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(publicTable).destinationCidrBlock("0.0.0.0/0").gatewayId(internetGateway));
        ec2.associateRouteTable(r -> r.routeTableId(publicTable).subnetId(publicSubnet));
        String natAddress = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        String natGateway = ec2.createNatGateway(r -> r.subnetId(publicSubnet).allocationId(natAddress)).natGateway().natGatewayId();
        String privateTable = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(privateTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(natGateway));
        ec2.associateRouteTable(r -> r.routeTableId(privateTable).subnetId(privateSubnet));
        String taskGroup = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("execready-demo-tasks").description("demo tasks")).groupId();
        String webEni = ec2.createNetworkInterface(r -> r.subnetId(privateSubnet).groups(taskGroup).privateIpAddress("10.0.1.25")
                .description("web task")).networkInterface().networkInterfaceId();
        String billingEni = ec2.createNetworkInterface(r -> r.subnetId(privateSubnet).groups(taskGroup).privateIpAddress("10.0.1.37")
                .description("billing-api task")).networkInterface().networkInterfaceId();
        String instance = ec2.runInstances(r -> r.imageId(LINUX_AMI).minCount(1).maxCount(1).instanceType(InstanceType.T3_MEDIUM)
                        .iamInstanceProfile(p -> p.name(instanceProfile))
                        .networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).subnetId(publicSubnet).associatePublicIpAddress(true)
                                .groups(taskGroup).build()))
                .instances().getFirst().instanceId();
        String containerInstance = ecs.registerContainerInstance(r -> r.cluster(cluster)
                .instanceIdentityDocument("{\"instanceId\":\"" + instance + "\"}")
                .versionInfo(v -> v.agentVersion(WORKER_AGENT_VERSION))
                // A current agent registers the capability with which it offers ECS Exec.
                .attributes(Attribute.builder().name("ecs.capability.execute-command").build())).containerInstance().containerInstanceArn();
        String externalContainerInstance = ecs.registerContainerInstance(r -> r.cluster(cluster)
                .instanceIdentityDocument("{\"instanceId\":\"" + EXTERNAL_MANAGED_INSTANCE_ID + "\"}")
                .versionInfo(v -> v.agentVersion(EXTERNAL_AGENT_VERSION))
                .attributes(Attribute.builder().name("ecs.capability.execute-command").build())).containerInstance().containerInstanceArn();

        Map<String, String[]> ids = new LinkedHashMap<>();
        ids.put("PRIVATE_SUBNET_ID", new String[] {PRIVATE_SUBNET_ID, privateSubnet});
        ids.put("WEB_TASK_ENI_ID", new String[] {WEB_TASK_ENI_ID, webEni});
        ids.put("BILLING_TASK_ENI_ID", new String[] {BILLING_TASK_ENI_ID, billingEni});
        ids.put("WORKER_INSTANCE_ID", new String[] {WORKER_INSTANCE_ID, instance});
        ids.put("WORKER_CONTAINER_INSTANCE_ARN", new String[] {WORKER_CONTAINER_INSTANCE_ARN, containerInstance});
        ids.put("EXTERNAL_CONTAINER_INSTANCE_ARN", new String[] {EXTERNAL_CONTAINER_INSTANCE_ARN, externalContainerInstance});
        StringBuilder changed = new StringBuilder();
        ids.forEach((name, expectedAndActual) -> {
            if (!expectedAndActual[0].equals(expectedAndActual[1])) {
                changed.append("\n  ").append(name).append(": events/ name ").append(expectedAndActual[0])
                        .append(", moto created ").append(expectedAndActual[1]);
            }
        });
        if (!changed.isEmpty()) {
            throw new IllegalStateException("The seeded moto ids changed, so the files in events/ point at resources that do not exist."
                    + " Update DemoNetwork and the events with the ids moto creates now:" + changed);
        }
        return new Created(vpcId, privateSubnet, taskGroup, webEni, billingEni, instance, containerInstance, externalContainerInstance);
    }

    private static void seed(LocalAws aws) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(aws.endpoint() + "/moto-api/seed?a=" + SEED))
                .timeout(SEED_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new HarnessException("moto refused to seed its ids: HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new HarnessException("cannot seed moto's ids at " + aws.endpoint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while seeding moto's ids", e);
        }
    }
}
