package io.execready.aws;

import java.util.Set;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** The EC2 reads and gateway through the SDK's own request and paginator code, with EC2's answers scripted. */
class SdkEc2GatewayTest {

    @Test
    void describeSubnetRouteTable_whenDenied_failsNamingTheAction() {
        ScriptedEc2 ec2 = new ScriptedEc2();
        ec2.denyRouteTables = true;

        Fetched<RouteTable> table = new SdkReadSource(ServiceClients.of(ec2)).read(Ec2Reads.SUBNET_ROUTE_TABLE, "subnet-1");

        assertThat(table).isInstanceOfSatisfying(Fetched.Failed.class, f -> assertThat(f.failure())
                .extracting(ReadFailure::action, ReadFailure::kind).containsExactly("ec2:DescribeRouteTables", FailureKind.DENIED));
    }

    @Test
    void describeSubnetRouteTable_filtersOnTheAssociationAndMapsTheRouteTargets() {
        ScriptedEc2 ec2 = new ScriptedEc2();

        Fetched<RouteTable> table = new SdkReadSource(ServiceClients.of(ec2)).read(Ec2Reads.SUBNET_ROUTE_TABLE, "subnet-1");

        assertThat(ec2.routeTableRequests.getFirst().filters())
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.name()).isEqualTo("association.subnet-id");
                    assertThat(f.values()).containsExactly("subnet-1");
                });
        assertThat(table.asOptional()).hasValueSatisfying(t -> {
            assertThat(t.main()).isFalse();
            assertThat(t.routes()).extracting(io.execready.snapshot.Route::target).containsExactly("local", "nat-1");
            assertThat(t.routes().get(1).isActive()).isTrue();
        });
    }

    @Test
    void describeSubnetRouteTable_whenTheSubnetHasNoAssociation_isAbsent() {
        ScriptedEc2 ec2 = new ScriptedEc2();
        ec2.noRouteTables = true;

        Fetched<RouteTable> table = new SdkReadSource(ServiceClients.of(ec2)).read(Ec2Reads.SUBNET_ROUTE_TABLE, "subnet-1");

        assertThat(table).isInstanceOf(Fetched.Absent.class);
    }

    @Test
    void describeVpcEndpoints_readsEveryPage() {
        ScriptedEc2 ec2 = new ScriptedEc2();

        Fetched<List<VpcEndpoint>> endpoints = new SdkReadSource(ServiceClients.of(ec2)).read(Ec2Reads.VPC_ENDPOINTS, "vpc-1");

        assertThat(endpoints.asOptional()).hasValueSatisfying(list ->
                assertThat(list).extracting(VpcEndpoint::vpcEndpointId).containsExactly("vpce-page1", "vpce-page2"));
        assertThat(ec2.endpointRequests).extracting(DescribeVpcEndpointsRequest::nextToken).containsExactly(null, "page-2");
    }

    @Test
    void describeSecurityGroups_mapsPortsCidrsAndReferencedGroups() {
        ScriptedEc2 ec2 = new ScriptedEc2();

        Fetched<List<SecurityGroup>> groups = new SdkReadSource(ServiceClients.of(ec2)).read(Ec2Reads.SECURITY_GROUPS, Set.of("sg-endpoint"));

        assertThat(groups.asOptional()).hasValueSatisfying(list -> {
            SecurityGroup group = list.getFirst();
            assertThat(group.inbound().getFirst().coversTcpPort(443)).isTrue();
            assertThat(group.inbound().getFirst().groupIds()).containsExactly("sg-task");
            assertThat(group.outbound().getFirst().cidrBlocks()).containsExactly("0.0.0.0/0");
        });
    }

    @Test
    void describeSecurityGroups_withNoIds_makesNoCall() {
        ScriptedEc2 ec2 = new ScriptedEc2();

        Fetched<List<SecurityGroup>> groups = new SdkReadSource(ServiceClients.of(ec2)).read(Ec2Reads.SECURITY_GROUPS, Set.of());

        assertThat(groups).isEqualTo(Fetched.present(List.of()));
        assertThat(ec2.securityGroupRequests).isEmpty();
    }

    @Test
    void describeNetworkInterfaces_readsAtMost200IdsPerCall_andEveryIdOfAFailedCallFails() {
        ScriptedEc2 ec2 = new ScriptedEc2();
        ec2.failInterfacesCall = 2;
        List<String> ids = IntStream.range(0, 450).mapToObj(i -> "eni-" + i).toList();

        Map<String, Fetched<NetworkInterface>> read = new SdkEc2Gateway(ec2).describeNetworkInterfaces(ids);

        assertThat(ec2.interfaceRequests).extracting(r -> r.filters().getFirst().values().size()).containsExactly(200, 200, 50);
        assertThat(ec2.interfaceRequests.getFirst().filters().getFirst().name()).isEqualTo("network-interface-id");
        assertThat(read).hasSize(450);
        assertThat(read.get("eni-0").asOptional()).hasValueSatisfying(eni -> assertThat(eni.networkInterfaceId()).isEqualTo("eni-0"));
        assertThat(read.get("eni-7")).as("an id EC2 did not return").isInstanceOf(Fetched.Absent.class);
        assertThat(ids.subList(200, 400)).allSatisfy(id -> assertThat(read.get(id)).isInstanceOfSatisfying(Fetched.Failed.class, f -> assertThat(f.failure())
                .extracting(ReadFailure::action, ReadFailure::kind).containsExactly("ec2:DescribeNetworkInterfaces", FailureKind.THROTTLED)));
        assertThat(read.get("eni-400").isPresent()).isTrue();
    }

    /** Answers the reads these tests make; every other operation keeps the SDK default (unsupported). */
    private static final class ScriptedEc2 implements Ec2Client {
        boolean denyRouteTables;
        boolean noRouteTables;
        final List<DescribeRouteTablesRequest> routeTableRequests = new ArrayList<>();
        final List<DescribeVpcEndpointsRequest> endpointRequests = new ArrayList<>();
        final List<DescribeSecurityGroupsRequest> securityGroupRequests = new ArrayList<>();
        final List<DescribeNetworkInterfacesRequest> interfaceRequests = new ArrayList<>();
        /** The 1-based DescribeNetworkInterfaces call that is throttled; 0 for none. */
        int failInterfacesCall;

        /** Returns every requested interface except those whose id ends in 7. */
        @Override
        public DescribeNetworkInterfacesResponse describeNetworkInterfaces(DescribeNetworkInterfacesRequest request) {
            interfaceRequests.add(request);
            if (interfaceRequests.size() == failInterfacesCall) {
                throw (Ec2Exception) Ec2Exception.builder().statusCode(503)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("RequestLimitExceeded")
                                .errorMessage("Request limit exceeded.").build())
                        .build();
            }
            return DescribeNetworkInterfacesResponse.builder().networkInterfaces(request.filters().getFirst().values().stream()
                    .filter(id -> !id.endsWith("7"))
                    .map(id -> software.amazon.awssdk.services.ec2.model.NetworkInterface.builder().networkInterfaceId(id)
                            .subnetId("subnet-1").vpcId("vpc-1").build())
                    .toList()).build();
        }

        @Override
        public DescribeRouteTablesResponse describeRouteTables(DescribeRouteTablesRequest request) {
            routeTableRequests.add(request);
            if (denyRouteTables) {
                throw (Ec2Exception) Ec2Exception.builder().statusCode(403)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("UnauthorizedOperation")
                                .errorMessage("You are not authorized to perform this operation.").build())
                        .build();
            }
            if (noRouteTables) {
                return DescribeRouteTablesResponse.builder().routeTables(List.of()).build();
            }
            return DescribeRouteTablesResponse.builder().routeTables(software.amazon.awssdk.services.ec2.model.RouteTable.builder().routeTableId("rtb-1").vpcId("vpc-1").routes(
                    Route.builder().destinationCidrBlock("10.0.0.0/16").gatewayId("local").state(RouteState.ACTIVE).build(),
                    Route.builder().destinationCidrBlock("0.0.0.0/0").natGatewayId("nat-1").state(RouteState.ACTIVE).build()).build()).build();
        }

        @Override
        public DescribeVpcEndpointsResponse describeVpcEndpoints(DescribeVpcEndpointsRequest request) {
            endpointRequests.add(request);
            if (request.nextToken() == null) {
                return DescribeVpcEndpointsResponse.builder().nextToken("page-2")
                        .vpcEndpoints(software.amazon.awssdk.services.ec2.model.VpcEndpoint.builder().vpcEndpointId("vpce-page1").serviceName("com.amazonaws.us-east-1.ssmmessages")
                                .vpcEndpointType("Interface").state("available").privateDnsEnabled(true).build())
                        .build();
            }
            return DescribeVpcEndpointsResponse.builder()
                    .vpcEndpoints(software.amazon.awssdk.services.ec2.model.VpcEndpoint.builder().vpcEndpointId("vpce-page2").serviceName("com.amazonaws.us-east-1.s3")
                            .vpcEndpointType("Gateway").state("available").routeTableIds("rtb-1").build())
                    .build();
        }

        @Override
        public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest request) {
            securityGroupRequests.add(request);
            return DescribeSecurityGroupsResponse.builder().securityGroups(software.amazon.awssdk.services.ec2.model.SecurityGroup.builder().groupId("sg-endpoint").ownerId("123456789012")
                    .ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                            .userIdGroupPairs(UserIdGroupPair.builder().groupId("sg-task").build()).build())
                    .ipPermissionsEgress(IpPermission.builder().ipProtocol("-1").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()).build())
                    .build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
