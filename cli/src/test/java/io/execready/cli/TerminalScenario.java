package io.execready.cli;

import io.execready.harness.LocalAws;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A small account for the terminal's tests, made through the emulator's real APIs: cluster
 * {@code terminal-demo} in a private subnet behind a NAT gateway with one running task of
 * {@code web} (Exec-ready) and one of {@code billing-api} (read-only root, a task role without the
 * ssmmessages actions), and two roles to run the command as: {@code team/ecs-operator} (a path, so
 * its ARN must come from iam:GetRole) allowed ecs:ExecuteCommand, and {@code read-only} allowed nothing.
 */
final class TerminalScenario {

    static final String CLUSTER = "terminal-demo";
    static final String READY_SERVICE = "web";
    static final String BROKEN_SERVICE = "billing-api";
    static final String OPERATOR_ROLE = "ecs-operator";
    static final String OPERATOR_ROLE_ARN = "arn:aws:iam::123456789012:role/team/" + OPERATOR_ROLE;
    static final String READ_ONLY_ROLE = "read-only";

    private static final String TRUST_ECS_TASKS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private static final String TRUST_ACCOUNT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}""";
    private static final String SSM_MESSAGES = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel",
              "ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"}]}""";
    private static final String S3_READ = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::invoices/*"}]}""";
    private static final String EXECUTE_COMMAND = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:ExecuteCommand","Resource":"*"}]}""";

    /** What was made: the two tasks' ids. */
    record Seeded(String readyTaskId, String brokenTaskId) {
    }

    private TerminalScenario() {
    }

    static Seeded seed(LocalAws aws) {
        Region region = Region.of(aws.region());
        try (IamClient iam = IamClient.builder().region(region).build();
             EcsClient ecs = EcsClient.builder().region(region).build();
             Ec2Client ec2 = Ec2Client.builder().region(region).build()) {
            String webRole = role(iam, "web-task", "/", TRUST_ECS_TASKS, SSM_MESSAGES);
            String billingRole = role(iam, "billing-task", "/", TRUST_ECS_TASKS, S3_READ);
            role(iam, OPERATOR_ROLE, "/team/", TRUST_ACCOUNT, EXECUTE_COMMAND);
            role(iam, READ_ONLY_ROLE, "/", TRUST_ACCOUNT, S3_READ);

            String vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(a -> a.value(true)));
            ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsSupport(a -> a.value(true)));
            String publicSubnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.0.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
            String privateSubnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
            String gateway = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
            ec2.attachInternetGateway(r -> r.internetGatewayId(gateway).vpcId(vpc));
            String publicTable = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
            ec2.createRoute(r -> r.routeTableId(publicTable).destinationCidrBlock("0.0.0.0/0").gatewayId(gateway));
            ec2.associateRouteTable(r -> r.routeTableId(publicTable).subnetId(publicSubnet));
            String address = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
            String nat = ec2.createNatGateway(r -> r.subnetId(publicSubnet).allocationId(address)).natGateway().natGatewayId();
            String privateTable = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
            ec2.createRoute(r -> r.routeTableId(privateTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
            ec2.associateRouteTable(r -> r.routeTableId(privateTable).subnetId(privateSubnet));
            String group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("terminal-demo-tasks").description("tasks")).groupId();

            ecs.createCluster(r -> r.clusterName(CLUSTER));
            ecs.registerTaskDefinition(r -> r.family(READY_SERVICE).taskRoleArn(webRole).networkMode(NetworkMode.AWSVPC)
                    .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                    .containerDefinitions(ContainerDefinition.builder().name("web").image("public.ecr.aws/nginx/nginx:1.27")
                            .memory(448).essential(true).linuxParameters(p -> p.initProcessEnabled(true)).build()));
            ecs.registerTaskDefinition(r -> r.family(BROKEN_SERVICE).taskRoleArn(billingRole).networkMode(NetworkMode.AWSVPC)
                    .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                    .containerDefinitions(ContainerDefinition.builder().name("api").image("billing-api:2026.11.3")
                            .memory(448).essential(true).readonlyRootFilesystem(true).linuxParameters(p -> p.initProcessEnabled(true)).build()));
            String ready = null;
            String broken = null;
            for (String service : new String[] {READY_SERVICE, BROKEN_SERVICE}) {
                ecs.createService(r -> r.cluster(CLUSTER).serviceName(service).taskDefinition(service).desiredCount(0)
                        .launchType(LaunchType.FARGATE).enableExecuteCommand(true)
                        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(privateSubnet).securityGroups(group)
                                .assignPublicIp(AssignPublicIp.DISABLED))));
                String deployment = ecs.describeServices(r -> r.cluster(CLUSTER).services(service)).services().getFirst()
                        .deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElseThrow().id();
                String arn = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(service).group("service:" + service).startedBy(deployment)
                                .launchType(LaunchType.FARGATE).enableExecuteCommand(true).count(1)
                                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(privateSubnet).securityGroups(group)
                                        .assignPublicIp(AssignPublicIp.DISABLED))))
                        .tasks().getFirst().taskArn();
                String id = arn.substring(arn.lastIndexOf('/') + 1);
                if (service.equals(READY_SERVICE)) {
                    ready = id;
                } else {
                    broken = id;
                }
            }
            return new Seeded(ready, broken);
        }
    }

    /** Credentials of a session of the role, through sts:AssumeRole, put where the SDK's default chain reads them in this JVM. */
    static void actAs(LocalAws aws, String roleArn) {
        aws.applyToSystemProperties();
        try (StsClient sts = StsClient.builder().region(Region.of(aws.region())).build()) {
            Credentials credentials = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("jane")).credentials();
            System.setProperty("aws.accessKeyId", credentials.accessKeyId());
            System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
            System.setProperty("aws.sessionToken", credentials.sessionToken());
        }
    }

    private static String role(IamClient iam, String name, String path, String trust, String policy) {
        String arn = iam.createRole(r -> r.roleName(name).path(path).assumeRolePolicyDocument(trust)).role().arn();
        iam.putRolePolicy(r -> r.roleName(name).policyName(name + "-policy").policyDocument(policy));
        return arn;
    }
}
