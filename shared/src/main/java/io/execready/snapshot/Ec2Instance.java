package io.execready.snapshot;

import java.util.Objects;

/**
 * The EC2 instance behind a container instance, as ec2:DescribeInstances reports it.
 *
 * @param instanceId              the instance id
 * @param primaryNetworkInterface its primary network interface (device index 0), or null when unreported
 * @param instanceProfileArn      the IAM instance profile ARN, or null when it has none
 */
public record Ec2Instance(String instanceId, NetworkInterface primaryNetworkInterface, String instanceProfileArn) {

    public Ec2Instance {
        Objects.requireNonNull(instanceId, "instanceId");
    }
}
