package io.execready.snapshot;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The EC2 or external (ECS Anywhere) instance an EC2 or EXTERNAL task runs on, as
 * ecs:DescribeContainerInstances reports it.
 *
 * @param containerInstanceArn the container instance ARN
 * @param ec2InstanceId        {@code i-...} for EC2; {@code mi-...} (the Systems Manager managed
 *                             instance) for ECS Anywhere; null when unreported
 * @param agentVersion         {@code versionInfo.agentVersion}, or null
 * @param attributes           the instance's attributes by name, such as {@code ecs.os-type}; an attribute
 *                             registered without a value (an ECS capability) maps to ""
 */
public record ContainerInstance(String containerInstanceArn, String ec2InstanceId, String agentVersion, Map<String, String> attributes) {

    public static final String OS_TYPE = "ecs.os-type";
    public static final String OS_FAMILY = "ecs.os-family";

    public ContainerInstance {
        Objects.requireNonNull(containerInstanceArn, "containerInstanceArn");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** {@code ecs.os-type}: linux or windows. */
    public Optional<String> osType() {
        return Optional.ofNullable(attributes.get(OS_TYPE));
    }

    /** {@code ecs.os-family}, for example WINDOWS_SERVER_2022_CORE or LINUX. */
    public Optional<String> osFamily() {
        return Optional.ofNullable(attributes.get(OS_FAMILY));
    }

    /** Whether the instance registered the attribute (ECS capabilities carry no value: only the name counts). */
    public boolean hasAttribute(String name) {
        return attributes.containsKey(name);
    }

    /** Whether this is an ECS Anywhere instance: those register with their managed-instance id. */
    public boolean isExternal() {
        return ec2InstanceId != null && ec2InstanceId.toLowerCase(Locale.ROOT).startsWith("mi-");
    }

    /** The short id, the last segment of the ARN, as {@code aws ecs} commands take it. */
    public String containerInstanceId() {
        return Arn.parse(containerInstanceArn).map(Arn::resourceName).orElse(containerInstanceArn);
    }
}
