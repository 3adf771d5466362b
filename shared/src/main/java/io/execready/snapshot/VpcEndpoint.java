package io.execready.snapshot;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A VPC endpoint, as ec2:DescribeVpcEndpoints reports it.
 *
 * @param vpcEndpointId      the endpoint id
 * @param serviceName        for example {@code com.amazonaws.us-east-1.ssmmessages}
 * @param type               Interface, Gateway or GatewayLoadBalancer
 * @param state              available, pending, pendingAcceptance, rejected, failed, deleting...
 * @param privateDnsEnabled  whether its private DNS name answers for the service's regional name
 * @param subnetIds          the subnets an interface endpoint has network interfaces in
 * @param securityGroupIds   the security groups of an interface endpoint
 * @param routeTableIds      the route tables a gateway endpoint is associated with
 */
public record VpcEndpoint(
        String vpcEndpointId,
        String serviceName,
        String type,
        String state,
        boolean privateDnsEnabled,
        List<String> subnetIds,
        List<String> securityGroupIds,
        List<String> routeTableIds,
        String policyDocument) {

    public VpcEndpoint {
        Objects.requireNonNull(vpcEndpointId, "vpcEndpointId");
        Objects.requireNonNull(serviceName, "serviceName");
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
        routeTableIds = routeTableIds == null ? List.of() : List.copyOf(routeTableIds);
    }

    /** An endpoint as before its policy was read: a gateway or interface endpoint with the default policy. */
    public VpcEndpoint(String vpcEndpointId, String serviceName, String type, String state, boolean privateDnsEnabled,
                       List<String> subnetIds, List<String> securityGroupIds, List<String> routeTableIds) {
        this(vpcEndpointId, serviceName, type, state, privateDnsEnabled, subnetIds, securityGroupIds, routeTableIds, null);
    }

    /** The endpoint policy; empty when the endpoint reports none (the default: full access). */
    public Optional<String> policy() {
        return Optional.ofNullable(policyDocument).filter(p -> !p.isBlank());
    }

    public boolean isInterface() {
        return "interface".equalsIgnoreCase(type);
    }

    public boolean isGateway() {
        return "gateway".equalsIgnoreCase(type);
    }

    public boolean isAvailable() {
        return "available".equalsIgnoreCase(state);
    }

    /**
     * Whether this endpoint serves {@code service} (ssmmessages, kms, logs, s3) in {@code region}:
     * {@code com.amazonaws.REGION.SERVICE}, or {@code cn.com.amazonaws.REGION.SERVICE} in China.
     */
    public boolean serves(String service, String region) {
        String name = serviceName.toLowerCase(Locale.ROOT);
        String expected = "com.amazonaws." + region.toLowerCase(Locale.ROOT) + "." + service.toLowerCase(Locale.ROOT);
        return name.equals(expected) || name.equals("cn." + expected);
    }
}
