package io.execready.snapshot;

import java.util.Objects;
import java.util.Optional;

/**
 * The EC2 instance behind a container instance, as ec2:DescribeInstances reports it.
 *
 * @param instanceId              the instance id
 * @param primaryNetworkInterface its primary network interface (device index 0), or null when unreported
 * @param instanceProfileArn      the IAM instance profile ARN, or null when it has none
 * @param metadataOptions         the instance metadata service settings, or null when unreported
 */
public record Ec2Instance(String instanceId, NetworkInterface primaryNetworkInterface, String instanceProfileArn,
                          InstanceMetadataOptions metadataOptions) {

    public Ec2Instance {
        Objects.requireNonNull(instanceId, "instanceId");
    }

    public Ec2Instance(String instanceId, NetworkInterface primaryNetworkInterface, String instanceProfileArn) {
        this(instanceId, primaryNetworkInterface, instanceProfileArn, null);
    }

    public Optional<InstanceMetadataOptions> metadata() {
        return Optional.ofNullable(metadataOptions);
    }
}
