package io.execready.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.aws.SdkEc2Gateway;
import io.execready.aws.SdkReadSource;
import io.execready.aws.ServiceClients;
import io.execready.aws.SdkEcsGateway;
import io.execready.aws.SdkIamGateway;
import io.execready.checks.iam.TaskRolePresentCheck;
import io.execready.checks.network.EndpointPolicyAllowsCheck;
import io.execready.checks.network.PrivateEndpointsCompleteCheck;
import io.execready.checks.network.SharedVpcCheck;
import io.execready.checks.network.SsmEndpointSecurityGroupCheck;
import io.execready.checks.network.SsmReachableCheck;
import io.execready.checks.network.SubnetNetworkAclCheck;
import io.execready.checks.network.VpcDnsForEndpointsCheck;
import io.execready.checks.task.ExecCapabilityRegisteredCheck;
import io.execready.checks.task.InstanceMetadataReachableCheck;
import io.execready.checks.task.AgentVersionCheck;
import io.execready.engine.Check;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.harness.LocalAws;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.RoleSource;
import io.execready.snapshot.TaskAttachment;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The network checks end to end below the handler: real VPCs, tasks and instances in the local
 * emulator, read by the loader through the real SDK gateways, judged by the real checks. Each test
 * builds its own VPC, so tests share one emulator without seeing each other's resources.
 */
@Tag("emulator")
class NetworkChecksLocalAwsTest {

    private static final Region REGION = Region.US_EAST_1;
    private static final String CLUSTER = "network-checks";
    private static final String FARGATE_FAMILY = "fargate-web";
    private static final String BRIDGE_FAMILY = "ec2-worker";
    /** moto's Amazon Linux 2 image: its instances register with ecs.os-type linux. */
    private static final String LINUX_AMI = "ami-04681a1dbd79675a5";

    private static LocalAws aws;
    private static Ec2Client ec2;
    private static EcsClient ecs;
    private static IamClient iam;
    private static ExecutorService executor;
    private static final List<String> readsMade = new CopyOnWriteArrayList<>();
    private static final AtomicInteger vpcCounter = new AtomicInteger();

    @BeforeAll
    static void start() {
        aws = LocalAws.start();
        aws.applyToSystemProperties();
        ec2 = Ec2Client.builder().region(REGION).overrideConfiguration(c -> c.addExecutionInterceptor(new ReadRecorder("ec2"))).build();
        ecs = EcsClient.builder().region(REGION).overrideConfiguration(c -> c.addExecutionInterceptor(new ReadRecorder("ecs"))).build();
        iam = IamClient.builder().region(REGION).overrideConfiguration(c -> c.addExecutionInterceptor(new ReadRecorder("iam"))).build();
        executor = Executors.newVirtualThreadPerTaskExecutor();
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        ecs.registerTaskDefinition(r -> r.family(FARGATE_FAMILY).networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image("public.ecr.aws/nginx/nginx:1.27").memory(256).build()));
        ecs.registerTaskDefinition(r -> r.family(BRIDGE_FAMILY).networkMode(NetworkMode.BRIDGE)
                .containerDefinitions(ContainerDefinition.builder().name("worker").image("public.ecr.aws/docker/library/busybox:1.36").memory(128).build()));
    }

    @AfterAll
    static void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
        for (AutoCloseable client : new AutoCloseable[] {ec2, ecs, iam, aws}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception ignored) {
                    // Closing clients of a finished test run; nothing left to report.
                }
            }
        }
    }

    @Test
    void natRoute_passesAndReadsOnlyWhatAFargateTaskNeeds() {
        Network network = network();
        ec2.createRoute(r -> r.routeTableId(network.routeTable()).destinationCidrBlock("0.0.0.0/0").natGatewayId(network.natGateway()));
        EcsTask task = runFargateTask(network);

        readsMade.clear();
        TaskSnapshot snapshot = load(task);

        assertThat(status(snapshot, new SsmReachableCheck())).isEqualTo(CheckStatus.PASS);
        assertThat(result(snapshot, new SsmReachableCheck()).message()).contains(network.natGateway());
        assertThat(status(snapshot, new SsmEndpointSecurityGroupCheck())).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(status(snapshot, new PrivateEndpointsCompleteCheck())).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(status(snapshot, new SharedVpcCheck())).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(status(snapshot, new AgentVersionCheck())).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(readsMade).containsExactlyInAnyOrder(
                "ecs:DescribeTaskDefinition", "ecs:DescribeClusters",
                "ec2:DescribeSubnets", "ec2:DescribeNetworkInterfaces", "ec2:DescribeRouteTables", "ec2:DescribeVpcEndpoints",
                "ec2:DescribeNetworkAcls");
    }

    @Test
    void mainRouteTableWithNat_passesWhenTheSubnetHasNoExplicitTable() {
        Network network = network();
        ec2.disassociateRouteTable(r -> r.associationId(network.routeTableAssociation()));
        String mainTable = ec2.describeRouteTables(r -> r.filters(Filter.builder().name("vpc-id").values(network.vpcId()).build(),
                Filter.builder().name("association.main").values("true").build())).routeTables().getFirst().routeTableId();
        ec2.createRoute(r -> r.routeTableId(mainTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(network.natGateway()));

        CheckResult result = result(load(runFargateTask(network)), new SsmReachableCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.message()).contains(mainTable, "the VPC's main table");
    }

    @Test
    void internetGatewayAndPublicIpOnTheEni_passes() {
        Network network = network();
        ec2.createRoute(r -> r.routeTableId(network.routeTable()).destinationCidrBlock("0.0.0.0/0").gatewayId(network.internetGateway()));
        EcsTask task = runFargateTask(network);
        String eni = task.networkInterface().orElseThrow().details().get("networkInterfaceId");
        String allocation = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        ec2.associateAddress(r -> r.allocationId(allocation).networkInterfaceId(eni));
        String publicIp = ec2.describeAddresses(r -> r.allocationIds(allocation)).addresses().getFirst().publicIp();

        CheckResult result = result(load(task), new SsmReachableCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.message()).contains(network.internetGateway(), publicIp);
    }

    @Test
    void internetGatewayWithoutPublicIp_fails() {
        Network network = network();
        ec2.createRoute(r -> r.routeTableId(network.routeTable()).destinationCidrBlock("0.0.0.0/0").gatewayId(network.internetGateway()));

        CheckResult result = result(load(runFargateTask(network)), new SsmReachableCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains("no public IP");
    }

    @Test
    void endpointOnly_passesReachabilityAndSecurityGroups() {
        Network network = network();
        String endpointGroup = securityGroup(network, "endpoint-https");
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(endpointGroup).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(network.taskGroup()).build()).build()));
        String endpoint = ssmMessagesEndpoint(network, endpointGroup);

        TaskSnapshot snapshot = load(runFargateTask(network));

        CheckResult reachable = result(snapshot, new SsmReachableCheck());
        assertThat(reachable.status()).isEqualTo(CheckStatus.PASS);
        assertThat(reachable.message()).contains(endpoint, "no route to 0.0.0.0/0");
        assertThat(status(snapshot, new SsmEndpointSecurityGroupCheck())).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void noEndpointsAndNoRouteOut_fails() {
        Network network = network();

        TaskSnapshot snapshot = load(runFargateTask(network));

        CheckResult result = result(snapshot, new SsmReachableCheck());
        assertThat(result.status()).as(result.message()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains(network.subnet(), "has no com.amazonaws.us-east-1.ssmmessages endpoint");
        assertThat(result.remediation()).contains("aws ec2 create-vpc-endpoint --vpc-id " + network.vpcId());
    }

    @Test
    void endpointWhoseSecurityGroupDoesNotAllow443_failsTheSecurityGroupCheck() {
        Network network = network();
        String endpointGroup = securityGroup(network, "endpoint-http-only");
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(endpointGroup).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(80).toPort(80)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(network.taskGroup()).build()).build()));
        ssmMessagesEndpoint(network, endpointGroup);

        TaskSnapshot snapshot = load(runFargateTask(network));

        assertThat(status(snapshot, new SsmReachableCheck())).isEqualTo(CheckStatus.PASS);
        CheckResult result = result(snapshot, new SsmEndpointSecurityGroupCheck());
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.remediation()).contains("aws ec2 authorize-security-group-ingress --group-id " + endpointGroup);
    }

    @Test
    void privateSubnetWithoutKmsAndLogsEndpoints_failsPrivateEndpointsComplete() {
        Network network = network();
        String cluster = "private-" + network.vpcId();
        ecs.createCluster(r -> r.clusterName(cluster).configuration(c -> c.executeCommandConfiguration(x -> x
                .kmsKeyId("arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d")
                .logging("OVERRIDE")
                .logConfiguration(l -> l.cloudWatchLogGroupName("/aws/ecs/exec/" + cluster)))));
        String endpointGroup = securityGroup(network, "endpoints");
        ssmMessagesEndpoint(network, endpointGroup);

        CheckResult result = result(load(runFargateTask(network, cluster)), new PrivateEndpointsCompleteCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains("com.amazonaws.us-east-1.kms", "com.amazonaws.us-east-1.logs");
    }

    @Test
    void eniBehindServiceConnectAndEbsAttachments_isFound() {
        Network network = network();
        ec2.createRoute(r -> r.routeTableId(network.routeTable()).destinationCidrBlock("0.0.0.0/0").natGatewayId(network.natGateway()));
        EcsTask task = runFargateTask(network);
        List<TaskAttachment> attachments = new ArrayList<>(List.of(
                new TaskAttachment("ServiceConnect", "ATTACHED", Map.of("ContainerName", "ecs-service-connect-Qm1x")),
                new TaskAttachment("AmazonElasticBlockStorage", "ATTACHED", Map.of("volumeId", "vol-0a1b2c3d4e5f60718"))));
        attachments.addAll(task.attachments());

        CheckResult result = result(load(withAttachments(task, attachments)), new SsmReachableCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.message()).contains(network.subnet());
    }

    @Test
    void ec2BridgeTask_usesItsInstancesSubnetPublicIpAndInstanceProfileRole() {
        Network network = network();
        ec2.createRoute(r -> r.routeTableId(network.routeTable()).destinationCidrBlock("0.0.0.0/0").gatewayId(network.internetGateway()));
        String role = "network-checks-instance-" + network.vpcId();
        String roleArn = iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                .role().arn();
        iam.createInstanceProfile(r -> r.instanceProfileName(role));
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName(role).roleName(role));
        String instanceId = ec2.runInstances(r -> r.imageId(LINUX_AMI).minCount(1).maxCount(1).instanceType(InstanceType.T3_MEDIUM)
                .iamInstanceProfile(p -> p.name(role))
                .networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).subnetId(network.subnet()).associatePublicIpAddress(true)
                        .groups(network.taskGroup()).build()))
                .instances().getFirst().instanceId();
        ecs.registerContainerInstance(r -> r.cluster(CLUSTER).instanceIdentityDocument("{\"instanceId\":\"" + instanceId + "\"}"));
        String taskArn = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(BRIDGE_FAMILY).launchType(LaunchType.EC2)).tasks().getFirst().taskArn();
        EcsTask task = new SdkEcsGateway(ecs).describeTasks(CLUSTER, List.of(taskArn)).get(taskArn).asOptional().orElseThrow();

        TaskSnapshot snapshot = load(task);

        CheckResult reachable = result(snapshot, new SsmReachableCheck());
        assertThat(reachable.status()).as(reachable.message()).isEqualTo(CheckStatus.PASS);
        assertThat(reachable.message()).contains("EC2 instance " + instanceId, network.internetGateway(), "public IP");
        assertThat(snapshot.taskRole().asOptional()).hasValueSatisfying(r -> {
            assertThat(r.roleArn()).isEqualTo(roleArn);
            assertThat(r.source()).isEqualTo(RoleSource.INSTANCE_PROFILE);
        });
        assertThat(status(snapshot, new TaskRolePresentCheck())).isEqualTo(CheckStatus.PASS);
        // moto registers every container agent as version 1.0.0, which is older than ECS Exec needs.
        CheckResult agent = result(snapshot, new AgentVersionCheck());
        assertThat(agent.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(agent.evidence()).containsEntry("agentVersion", "1.0.0").containsEntry("operatingSystem", "LINUX");
    }

    @Test
    void ecsAnywhereTask_isNotApplicableForTheNetworkAndUnknownForAnUnregisteredInstance() {
        // moto answers HTTP 500 instead of a MISSING failure while a cluster has no container instance at all.
        String cluster = "anywhere";
        ecs.createCluster(r -> r.clusterName(cluster));
        Network network = network();
        String otherInstance = ec2.runInstances(r -> r.imageId(LINUX_AMI).minCount(1).maxCount(1).subnetId(network.subnet()))
                .instances().getFirst().instanceId();
        ecs.registerContainerInstance(r -> r.cluster(cluster).instanceIdentityDocument("{\"instanceId\":\"" + otherInstance + "\"}"));
        EcsTask task = new EcsTask("arn:aws:ecs:us-east-1:123456789012:task/" + cluster + "/0f1e2d3c4b5a69788f1e2d3c4b5a6978",
                "arn:aws:ecs:us-east-1:123456789012:cluster/" + cluster, ecsTaskDefinitionArn(BRIDGE_FAMILY), "family:" + BRIDGE_FAMILY, null,
                "RUNNING", "RUNNING", null, "EXTERNAL", null, null, true,
                "arn:aws:ecs:us-east-1:123456789012:container-instance/" + cluster + "/7c6b5a4f3e2d1c0b9a8f", null, 2L,
                List.of(), List.of(), null);

        TaskSnapshot snapshot = load(task);

        for (Check check : List.of(new SsmReachableCheck(), new SsmEndpointSecurityGroupCheck(), new PrivateEndpointsCompleteCheck(), new SharedVpcCheck())) {
            assertThat(status(snapshot, check)).as(check.id()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        }
        CheckResult agent = result(snapshot, new AgentVersionCheck());
        assertThat(agent.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(agent.message()).contains("7c6b5a4f3e2d1c0b9a8f", "MISSING");
        assertThat(snapshot.taskRole()).isInstanceOf(Fetched.Absent.class);
    }

    @Test
    void endpointOnlyInAVpcWithoutDnsHostnames_failsVpcDnsWithTheOperatorError() {
        Network network = network();
        ssmMessagesEndpoint(network, network.taskGroup());
        EcsTask task = runFargateTask(network);
        ec2.modifyVpcAttribute(r -> r.vpcId(network.vpcId()).enableDnsHostnames(a -> a.value(false)));

        readsMade.clear();
        TaskSnapshot snapshot = load(task);

        CheckResult dns = result(snapshot, new VpcDnsForEndpointsCheck());
        assertThat(dns.status()).as(dns.message()).isEqualTo(CheckStatus.FAIL);
        assertThat(dns.message()).contains(network.vpcId(), "enableDnsHostnames off");
        assertThat(dns.operatorError()).hasValueSatisfying(error -> assertThat(error).contains("TargetNotConnectedException"));
        assertThat(status(snapshot, new SsmReachableCheck())).isEqualTo(CheckStatus.PASS);
        assertThat(readsMade).filteredOn("ec2:DescribeVpcAttribute"::equals).hasSize(2);
    }

    @Test
    void endpointWhosePolicyRefusesTheDataChannels_failsEndpointPolicy() {
        Network network = network();
        String endpoint = ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).vpcEndpointType(VpcEndpointType.INTERFACE)
                .serviceName("com.amazonaws.us-east-1.ssmmessages").subnetIds(network.subnet()).securityGroupIds(network.taskGroup())
                .privateDnsEnabled(true)
                .policyDocument("{\"Statement\":[{\"Sid\":\"ControlOnly\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":[\"ssmmessages:CreateControlChannel\",\"ssmmessages:OpenControlChannel\"],\"Resource\":\"*\"}]}"))
                .vpcEndpoint().vpcEndpointId();
        EcsTask task = withTaskRole(runFargateTask(network));

        TaskSnapshot snapshot = load(task);

        CheckResult policy = result(snapshot, new EndpointPolicyAllowsCheck());
        assertThat(policy.status()).as(policy.message()).isEqualTo(CheckStatus.FAIL);
        assertThat(policy.message()).contains(endpoint, "ssmmessages:CreateDataChannel", "ssmmessages:OpenDataChannel");
        assertThat(policy.operatorError()).isPresent();
    }

    @Test
    void networkAclDenyingOutbound443BeforeItsAllow_failsNamingTheAclAndRule() {
        Network network = network();
        ec2.createRoute(r -> r.routeTableId(network.routeTable()).destinationCidrBlock("0.0.0.0/0").natGatewayId(network.natGateway()));
        String acl = ec2.createNetworkAcl(r -> r.vpcId(network.vpcId())).networkAcl().networkAclId();
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(50).protocol("6").ruleAction("deny").egress(true)
                .cidrBlock("0.0.0.0/0").portRange(p -> p.from(443).to(443)));
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).protocol("-1").ruleAction("allow").egress(true).cidrBlock("0.0.0.0/0"));
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(100).protocol("-1").ruleAction("allow").egress(false).cidrBlock("0.0.0.0/0"));
        String association = ec2.describeNetworkAcls(r -> r.filters(f -> f.name("association.subnet-id").values(network.subnet())))
                .networkAcls().getFirst().associations().stream().filter(a -> network.subnet().equals(a.subnetId())).findFirst().orElseThrow()
                .networkAclAssociationId();
        ec2.replaceNetworkAclAssociation(r -> r.associationId(association).networkAclId(acl));

        TaskSnapshot snapshot = load(runFargateTask(network));

        CheckResult result = result(snapshot, new SubnetNetworkAclCheck());
        assertThat(result.status()).as(result.message()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains(acl, "rule 50", "outbound TCP 443");
        assertThat(result.operatorError()).isPresent();
        assertThat(status(snapshot, new SsmReachableCheck())).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void ec2TaskOnItsInstanceRoleWithHopLimitOne_failsInstanceMetadata_andAnInstanceWithoutTheCapabilityFails() {
        Network network = network();
        ec2.createRoute(r -> r.routeTableId(network.routeTable()).destinationCidrBlock("0.0.0.0/0").natGatewayId(network.natGateway()));
        String role = "imds-instance-" + network.vpcId();
        iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
        iam.createInstanceProfile(r -> r.instanceProfileName(role));
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName(role).roleName(role));
        String instanceId = ec2.runInstances(r -> r.imageId(LINUX_AMI).minCount(1).maxCount(1).instanceType(InstanceType.T3_MEDIUM)
                        .iamInstanceProfile(p -> p.name(role)).subnetId(network.subnet()).securityGroupIds(network.taskGroup())
                        .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED).httpPutResponseHopLimit(1)))
                .instances().getFirst().instanceId();
        String cluster = "imds-" + network.vpcId();
        ecs.createCluster(r -> r.clusterName(cluster));
        // The agent registers without ecs.capability.execute-command (an old agent).
        ecs.registerContainerInstance(r -> r.cluster(cluster).instanceIdentityDocument("{\"instanceId\":\"" + instanceId + "\"}")
                .attributes(a -> a.name("ecs.capability.secrets.ssm.environment-variables")));
        String taskArn = ecs.runTask(r -> r.cluster(cluster).taskDefinition(BRIDGE_FAMILY).launchType(LaunchType.EC2)).tasks().getFirst().taskArn();
        EcsTask task = new SdkEcsGateway(ecs).describeTasks(cluster, List.of(taskArn)).get(taskArn).asOptional().orElseThrow();

        TaskSnapshot snapshot = load(task);

        CheckResult metadata = result(snapshot, new InstanceMetadataReachableCheck());
        assertThat(metadata.status()).as(metadata.message()).isEqualTo(CheckStatus.FAIL);
        assertThat(metadata.message()).contains("hop limit of 1", "bridge");
        assertThat(metadata.operatorError()).isPresent();
        CheckResult capability = result(snapshot, new ExecCapabilityRegisteredCheck());
        assertThat(capability.status()).as(capability.message()).isEqualTo(CheckStatus.FAIL);
        assertThat(capability.operatorError()).hasValueSatisfying(error -> assertThat(error).contains("InvalidParameterException"));
    }

    @Test
    void containerInstanceRegisteringTheExecCapability_passes() {
        Network network = network();
        String instanceId = ec2.runInstances(r -> r.imageId(LINUX_AMI).minCount(1).maxCount(1).subnetId(network.subnet()))
                .instances().getFirst().instanceId();
        String cluster = "capable-" + network.vpcId();
        ecs.createCluster(r -> r.clusterName(cluster));
        ecs.registerContainerInstance(r -> r.cluster(cluster).instanceIdentityDocument("{\"instanceId\":\"" + instanceId + "\"}")
                .attributes(a -> a.name("ecs.capability.execute-command")));
        String taskArn = ecs.runTask(r -> r.cluster(cluster).taskDefinition(BRIDGE_FAMILY).launchType(LaunchType.EC2)).tasks().getFirst().taskArn();
        EcsTask task = new SdkEcsGateway(ecs).describeTasks(cluster, List.of(taskArn)).get(taskArn).asOptional().orElseThrow();

        CheckResult capability = result(load(task), new ExecCapabilityRegisteredCheck());

        assertThat(capability.status()).as(capability.message()).isEqualTo(CheckStatus.PASS);
    }

    /** The task as launched with a task role override (moto's task definitions here name none). */
    private static EcsTask withTaskRole(EcsTask t) {
        return new EcsTask(t.taskArn(), t.clusterArn(), t.taskDefinitionArn(), t.group(), t.startedBy(), t.lastStatus(), t.desiredStatus(),
                t.stoppedReason(), t.launchType(), t.platformVersion(), t.platformFamily(), t.enableExecuteCommand(), t.containerInstanceArn(),
                t.availabilityZone(), t.version(), t.attachments(), t.containers(),
                new io.execready.snapshot.TaskOverrides("arn:aws:iam::" + LocalAws.ACCOUNT_ID + ":role/web-task", List.of()));
    }

    /** A fresh VPC: a private subnet with its own route table (no default route yet), a public one with a NAT gateway. */
    private record Network(String vpcId, String subnet, String routeTable, String routeTableAssociation, String taskGroup,
                           String internetGateway, String natGateway) {
    }

    private static Network network() {
        int n = vpcCounter.incrementAndGet();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        // moto's RunTask needs DNS hostnames on the VPC.
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(a -> a.value(true)));
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsSupport(a -> a.value(true)));
        String subnet = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String publicSubnet = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.0.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String routeTable = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        String association = ec2.associateRouteTable(r -> r.routeTableId(routeTable).subnetId(subnet)).associationId();
        String internetGateway = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(internetGateway).vpcId(vpcId));
        String allocation = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        String natGateway = ec2.createNatGateway(r -> r.subnetId(publicSubnet).allocationId(allocation)).natGateway().natGatewayId();
        String taskGroup = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("tasks-" + n).description("tasks")).groupId();
        return new Network(vpcId, subnet, routeTable, association, taskGroup, internetGateway, natGateway);
    }

    private static String securityGroup(Network network, String name) {
        return ec2.createSecurityGroup(r -> r.vpcId(network.vpcId()).groupName(name + "-" + vpcCounter.incrementAndGet()).description(name)).groupId();
    }

    private static String ssmMessagesEndpoint(Network network, String group) {
        return ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).vpcEndpointType(VpcEndpointType.INTERFACE)
                .serviceName("com.amazonaws.us-east-1.ssmmessages").subnetIds(network.subnet()).securityGroupIds(group)
                .privateDnsEnabled(true)).vpcEndpoint().vpcEndpointId();
    }

    private static EcsTask runFargateTask(Network network) {
        return runFargateTask(network, CLUSTER);
    }

    private static EcsTask runFargateTask(Network network, String cluster) {
        String taskArn = ecs.runTask(r -> r.cluster(cluster).taskDefinition(FARGATE_FAMILY).launchType(LaunchType.FARGATE)
                        .networkConfiguration(c -> c.awsvpcConfiguration(a -> a.subnets(network.subnet()).securityGroups(network.taskGroup()))))
                .tasks().getFirst().taskArn();
        return new SdkEcsGateway(ecs).describeTasks(cluster, List.of(taskArn)).get(taskArn).asOptional().orElseThrow();
    }

    private static String ecsTaskDefinitionArn(String family) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition().taskDefinitionArn();
    }

    private static EcsTask withAttachments(EcsTask t, List<TaskAttachment> attachments) {
        return new EcsTask(t.taskArn(), t.clusterArn(), t.taskDefinitionArn(), t.group(), t.startedBy(), t.lastStatus(), t.desiredStatus(),
                t.stoppedReason(), t.launchType(), t.platformVersion(), t.platformFamily(), t.enableExecuteCommand(), t.containerInstanceArn(),
                t.availabilityZone(), t.version(), attachments, t.containers(), t.overrides());
    }

    private static TaskSnapshot load(EcsTask task) {
        return new TaskSnapshotLoader(new SdkEcsGateway(ecs), new SdkIamGateway(iam), new SdkEc2Gateway(ec2),
                new SdkReadSource(ServiceClients.of(ec2)), List.of(), executor).load(task);
    }

    private static CheckResult result(TaskSnapshot snapshot, Check check) {
        return check.evaluate(snapshot);
    }

    private static CheckStatus status(TaskSnapshot snapshot, Check check) {
        return check.evaluate(snapshot).status();
    }

    /** Records each request as "service:Operation", as IAM would name the action it needs. */
    private record ReadRecorder(String service) implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            readsMade.add(service + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }
}
