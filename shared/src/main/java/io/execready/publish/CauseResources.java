package io.execready.publish;

import io.execready.engine.CauseResource;
import io.execready.snapshot.Arn;
import io.execready.snapshot.Route;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.VpcEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.securityhub.model.AwsEc2RouteTableDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEc2SecurityGroupDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEc2SubnetDetails;
import software.amazon.awssdk.services.securityhub.model.AwsIamRoleDetails;
import software.amazon.awssdk.services.securityhub.model.AwsIamUserDetails;
import software.amazon.awssdk.services.securityhub.model.AwsKmsKeyDetails;
import software.amazon.awssdk.services.securityhub.model.AwsS3BucketDetails;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.ResourceDetails;
import software.amazon.awssdk.services.securityhub.model.RouteSetDetails;

/**
 * A check's cause as a Security Hub resource: the ASFF type and typed details where ASFF has them
 * (subnet, route table, security group, bucket, role, user, key), {@code Other} with the facts
 * the check judged where it has none (a VPC endpoint, a log group). EC2 resources are named by
 * ARN, in the account that owns them where the snapshot says which.
 */
final class CauseResources {

    private CauseResources() {
    }

    static Resource resource(CauseResource cause, FindingScope scope) {
        return switch (cause) {
            case CauseResource.IamRole role -> AsffFindingMapper.resource(role.type(), role.roleArn(), scope)
                    .details(ResourceDetails.builder().awsIamRole(AwsIamRoleDetails.builder()
                            .roleName(lastPathPart(role.roleArn())).path(iamPath(role.roleArn())).build()).build())
                    .build();
            case CauseResource.IamUser user -> AsffFindingMapper.resource(user.type(), user.userArn(), scope)
                    .details(ResourceDetails.builder().awsIamUser(AwsIamUserDetails.builder()
                            .userName(lastPathPart(user.userArn())).path(iamPath(user.userArn())).build()).build())
                    .build();
            case CauseResource.KmsKey key -> AsffFindingMapper.resource(key.type(), key.keyArn(), scope)
                    .details(ResourceDetails.builder().awsKmsKey(AwsKmsKeyDetails.builder()
                            .keyId(lastPathPart(key.keyArn()))
                            .awsAccountId(Arn.parse(key.keyArn()).map(Arn::accountId).orElse(null))
                            .build()).build())
                    .build();
            case CauseResource.Ec2Subnet subnet -> subnet(subnet.subnet(), scope);
            case CauseResource.Ec2RouteTable table -> routeTable(table.routeTable(), scope);
            case CauseResource.Ec2SecurityGroup group -> securityGroup(group.group(), group.vpcId(), scope);
            case CauseResource.Ec2VpcEndpoint endpoint -> vpcEndpoint(endpoint.endpoint(), endpoint.vpcId(), scope);
            case CauseResource.MissingVpcEndpoint missing -> other(missing.id(), scope, ordered(
                    "VpcId", missing.vpcId(), "MissingEndpointServiceName", missing.serviceName()));
            case CauseResource.S3Bucket bucket -> AsffFindingMapper.resource(bucket.type(), bucket.bucketArn(), scope)
                    .details(ResourceDetails.builder().awsS3Bucket(AwsS3BucketDetails.builder().name(bucket.name()).build()).build())
                    .build();
            case CauseResource.LogGroup group -> other(group.logGroupArn(), scope, ordered(
                    "ResourceType", "AWS::Logs::LogGroup", "LogGroupName", group.name(), "KmsKeyId", group.kmsKeyId()));
            case CauseResource.Other other -> AsffFindingMapper.resource(other.type(), other.id(), scope).build();
        };
    }

    private static Resource subnet(Subnet subnet, FindingScope scope) {
        String arn = ec2Arn(scope, subnet.ownerId(), "subnet/" + subnet.subnetId());
        return AsffFindingMapper.resource("AwsEc2Subnet", arn, scope)
                .details(ResourceDetails.builder().awsEc2Subnet(AwsEc2SubnetDetails.builder()
                        .subnetId(subnet.subnetId())
                        .subnetArn(arn)
                        .vpcId(subnet.vpcId())
                        .availabilityZone(AsffFindingMapper.nonBlank(orEmpty(subnet.availabilityZone())))
                        .cidrBlock(AsffFindingMapper.nonBlank(orEmpty(subnet.cidrBlock())))
                        .ownerId(AsffFindingMapper.nonBlank(orEmpty(subnet.ownerId())))
                        .build()).build())
                .build();
    }

    private static Resource routeTable(RouteTable table, FindingScope scope) {
        String arn = ec2Arn(scope, null, "route-table/" + table.routeTableId());
        List<RouteSetDetails> routes = table.routes().stream().map(CauseResources::route).toList();
        AwsEc2RouteTableDetails.Builder details = AwsEc2RouteTableDetails.builder()
                .routeTableId(table.routeTableId())
                .vpcId(AsffFindingMapper.nonBlank(orEmpty(table.vpcId())));
        if (!routes.isEmpty()) {
            details.routeSet(routes);
        }
        return AsffFindingMapper.resource("AwsEc2RouteTable", arn, scope)
                .details(ResourceDetails.builder().awsEc2RouteTable(details.build()).build())
                .build();
    }

    /** A route's target in the field EC2 names it by: nat-, igw-, vpce-, eni-, tgw-, pcx-, or a gateway. */
    private static RouteSetDetails route(Route route) {
        RouteSetDetails.Builder details = RouteSetDetails.builder()
                .destinationCidrBlock(AsffFindingMapper.nonBlank(orEmpty(route.destinationCidrBlock())))
                .state(AsffFindingMapper.nonBlank(orEmpty(route.state())));
        String target = orEmpty(route.target());
        if (target.startsWith("nat-")) {
            details.natGatewayId(target);
        } else if (target.startsWith("eni-")) {
            details.networkInterfaceId(target);
        } else if (target.startsWith("tgw-")) {
            details.transitGatewayId(target);
        } else if (target.startsWith("pcx-")) {
            details.vpcPeeringConnectionId(target);
        } else if (target.startsWith("i-")) {
            details.instanceId(target);
        } else if (!target.isBlank()) {
            details.gatewayId(target);
        }
        return details.build();
    }

    private static Resource securityGroup(SecurityGroup group, String vpcId, FindingScope scope) {
        String arn = ec2Arn(scope, group.ownerId(), "security-group/" + group.groupId());
        return AsffFindingMapper.resource("AwsEc2SecurityGroup", arn, scope)
                .details(ResourceDetails.builder().awsEc2SecurityGroup(AwsEc2SecurityGroupDetails.builder()
                        .groupId(group.groupId())
                        .ownerId(AsffFindingMapper.nonBlank(orEmpty(group.ownerId())))
                        .vpcId(AsffFindingMapper.nonBlank(orEmpty(vpcId)))
                        .build()).build())
                .build();
    }

    /** ASFF's AwsEc2VpcEndpointService is the provider's service, not a consumer's endpoint: Other, with what was judged. */
    private static Resource vpcEndpoint(VpcEndpoint endpoint, String vpcId, FindingScope scope) {
        String arn = ec2Arn(scope, null, "vpc-endpoint/" + endpoint.vpcEndpointId());
        return other(arn, scope, ordered(
                "ResourceType", "AWS::EC2::VPCEndpoint",
                "VpcEndpointId", endpoint.vpcEndpointId(),
                "ServiceName", endpoint.serviceName(),
                "VpcEndpointType", endpoint.type(),
                "State", endpoint.state(),
                "PrivateDnsEnabled", String.valueOf(endpoint.privateDnsEnabled()),
                "VpcId", vpcId,
                "SubnetIds", String.join(",", endpoint.subnetIds()),
                "SecurityGroupIds", String.join(",", endpoint.securityGroupIds()),
                "RouteTableIds", String.join(",", endpoint.routeTableIds())));
    }

    private static Resource other(String id, FindingScope scope, Map<String, String> details) {
        return AsffFindingMapper.resource("Other", id, scope)
                .details(ResourceDetails.builder().other(AsffLimits.otherDetails(details)).build())
                .build();
    }

    /** {@code arn:PARTITION:ec2:REGION:OWNER:RESOURCE}, owned by the finding's account unless the snapshot names another. */
    private static String ec2Arn(FindingScope scope, String ownerId, String resource) {
        String account = ownerId == null || ownerId.isBlank() ? scope.awsAccountId() : ownerId;
        return "arn:" + scope.partition() + ":ec2:" + scope.region() + ":" + account + ":" + resource;
    }

    private static String lastPathPart(String arn) {
        String resource = Arn.parse(arn).map(Arn::resource).orElse(arn);
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    /** An IAM ARN's path: {@code /} for {@code role/NAME}, {@code /a/b/} for {@code role/a/b/NAME}. */
    private static String iamPath(String arn) {
        String resource = Arn.parse(arn).map(Arn::resource).orElse("");
        int first = resource.indexOf('/');
        int last = resource.lastIndexOf('/');
        return first < 0 ? null : resource.substring(first, last + 1);
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            String value = keysAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                map.put(keysAndValues[i], value);
            }
        }
        return map;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
