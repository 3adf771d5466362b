package io.execready.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * A network interface: a task's awsvpc ENI, or the primary interface of the EC2 instance a
 * bridge or host mode task shares.
 *
 * @param networkInterfaceId the ENI id
 * @param subnetId           its subnet
 * @param vpcId              its VPC
 * @param availabilityZone   its AZ, or null
 * @param privateIpAddress   its primary private IPv4 address, or null
 * @param publicIpAddress    the public IPv4 address associated with it, or null when it has none
 * @param securityGroupIds   the security groups it is in
 */
public record NetworkInterface(
        String networkInterfaceId,
        String subnetId,
        String vpcId,
        String availabilityZone,
        String privateIpAddress,
        String publicIpAddress,
        List<String> securityGroupIds) {

    public NetworkInterface {
        Objects.requireNonNull(networkInterfaceId, "networkInterfaceId");
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
    }

    public boolean hasPublicIp() {
        return publicIpAddress != null && !publicIpAddress.isBlank();
    }
}
