package io.execready.snapshot;

import java.util.List;

/**
 * A service's awsvpc network configuration: where the tasks it starts get their ENI.
 *
 * @param subnetIds        the subnets ECS places new tasks in, in the service's order
 * @param securityGroupIds the security groups of new tasks' ENIs
 * @param assignPublicIp   whether new tasks' ENIs get a public IPv4 address; null when unreported
 */
public record ServiceNetwork(List<String> subnetIds, List<String> securityGroupIds, Boolean assignPublicIp) {

    public ServiceNetwork {
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
    }
}
