package io.execready.functions.local;

import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The demo account the sample events in {@code events/} refer to, created through the real AWS APIs
 * of the local emulator: cluster {@code execready-demo} with two Fargate services.
 *
 * <ul>
 *   <li>{@code web}: ECS Exec on, a task role that allows the four ssmmessages actions under an
 *       {@code aws:RequestedRegion} condition (the reference script, which passes no context, wrongly
 *       reports this role as denied);</li>
 *   <li>{@code billing-api}: ECS Exec on, but a read-only root filesystem without the agent's
 *       writable volumes, and a task role that only reads S3.</li>
 * </ul>
 */
public final class DemoScenario {

    public static final String ACCOUNT = "123456789012";
    public static final String CLUSTER = "execready-demo";
    public static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/" + CLUSTER;
    public static final String READY_SERVICE = "web";
    public static final String BROKEN_SERVICE = "billing-api";
    public static final String READY_ROLE = "execready-demo-web-task";
    public static final String BROKEN_ROLE = "execready-demo-billing-task";
    public static final String ALERT_TOPIC = "execready-alerts";

    private static final String ASSUME_ECS_TASKS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private static final String SSM_MESSAGES_IN_US_EAST_1 = """
            {"Version":"2012-10-17","Statement":[{"Sid":"EcsExecChannels","Effect":"Allow",
              "Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],
              "Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}]}""";

    private static final String S3_READ_ONLY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"ReadInvoices","Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::billing-invoices/*"}]}""";

    /** What the seed created, for the caller to point the function at. */
    public record Seeded(String alertTopicArn, String readyRoleArn, String brokenRoleArn, String subnetId, String securityGroupId) {
    }

    private DemoScenario() {
    }

    public static Seeded seed(Region region) {
        try (IamClient iam = IamClient.builder().region(region).build();
             EcsClient ecs = EcsClient.builder().region(region).build();
             Ec2Client ec2 = Ec2Client.builder().region(region).build();
             SnsClient sns = SnsClient.builder().region(region).build();
             SecurityHubClient securityHub = SecurityHubClient.builder().region(region).build()) {
            String readyRole = role(iam, READY_ROLE, "ecs-exec-channels", SSM_MESSAGES_IN_US_EAST_1);
            String brokenRole = role(iam, BROKEN_ROLE, "read-invoices", S3_READ_ONLY);

            Network network = network(ec2);
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            ecs.registerTaskDefinition(r -> r.family(READY_SERVICE)
                    .taskRoleArn(readyRole)
                    .networkMode(NetworkMode.AWSVPC)
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .cpu("256").memory("512")
                    .containerDefinitions(ContainerDefinition.builder()
                            .name("web").image("public.ecr.aws/nginx/nginx:1.27").memory(448).essential(true)
                            .linuxParameters(p -> p.initProcessEnabled(true))
                            .build()));
            ecs.registerTaskDefinition(r -> r.family(BROKEN_SERVICE)
                    .taskRoleArn(brokenRole)
                    .networkMode(NetworkMode.AWSVPC)
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .cpu("256").memory("512")
                    .containerDefinitions(ContainerDefinition.builder()
                            .name("api").image(ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/billing-api:2026.11.3")
                            .memory(512).essential(true).readonlyRootFilesystem(true)
                            .build()));
            for (String service : List.of(READY_SERVICE, BROKEN_SERVICE)) {
                ecs.createService(r -> r.cluster(CLUSTER).serviceName(service).taskDefinition(service)
                        .desiredCount(0).launchType(LaunchType.FARGATE).enableExecuteCommand(true)
                        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                                .subnets(network.subnetId()).securityGroups(network.securityGroupId())
                                .assignPublicIp(AssignPublicIp.DISABLED))));
            }

            securityHub.enableSecurityHub(r -> r.enableDefaultStandards(false));
            String topicArn = sns.createTopic(r -> r.name(ALERT_TOPIC)).topicArn();
            return new Seeded(topicArn, readyRole, brokenRole, network.subnetId(), network.securityGroupId());
        }
    }

    /**
     * Starts a task of one of the demo services the way the service scheduler would (group
     * {@code service:NAME}, started by the PRIMARY deployment, Exec on), returning its ARN.
     */
    public static String runServiceTask(Region region, Seeded seeded, String service) {
        try (EcsClient ecs = EcsClient.builder().region(region).build()) {
            String primaryDeployment = ecs.describeServices(r -> r.cluster(CLUSTER).services(service)).services().getFirst()
                    .deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElseThrow().id();
            return ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(service).group("service:" + service).startedBy(primaryDeployment)
                            .launchType(LaunchType.FARGATE).enableExecuteCommand(true).count(1)
                            .networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                                    .subnets(seeded.subnetId()).securityGroups(seeded.securityGroupId())
                                    .assignPublicIp(AssignPublicIp.DISABLED))))
                    .tasks().getFirst().taskArn();
        }
    }

    private record Network(String vpcId, String subnetId, String securityGroupId) {
    }

    /** A private subnet for the services; moto's RunTask also wants DNS hostnames on the VPC. */
    private static Network network(Ec2Client ec2) {
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(a -> a.value(true)));
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsSupport(a -> a.value(true)));
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("execready-demo-tasks").description("demo tasks")).groupId();
        return new Network(vpcId, subnetId, groupId);
    }

    private static String role(IamClient iam, String name, String policyName, String policy) {
        String arn = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(ASSUME_ECS_TASKS)).role().arn();
        iam.putRolePolicy(r -> r.roleName(name).policyName(policyName).policyDocument(policy));
        return arn;
    }
}
