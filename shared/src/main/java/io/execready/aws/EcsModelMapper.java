package io.execready.aws;

import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.ContainerOverride;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.ExecLogging;
import io.execready.snapshot.ManagedAgent;
import io.execready.snapshot.MountPoint;
import io.execready.snapshot.ServiceNetwork;
import io.execready.snapshot.TaskAttachment;
import io.execready.snapshot.TaskContainer;
import io.execready.snapshot.TaskOverrides;
import io.execready.snapshot.TaskVolume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandConfiguration;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandLogConfiguration;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskOverride;
import software.amazon.awssdk.services.ecs.model.Volume;

/** Maps ECS SDK models to snapshot records. Environment and secret values are dropped here. */
final class EcsModelMapper {

    private EcsModelMapper() {
    }

    static EcsTask task(Task t) {
        return new EcsTask(
                t.taskArn(), t.clusterArn(), t.taskDefinitionArn(), t.group(), t.startedBy(),
                t.lastStatus(), t.desiredStatus(), t.stoppedReason(), t.launchTypeAsString(),
                t.platformVersion(), t.platformFamily(), t.enableExecuteCommand(), t.containerInstanceArn(),
                t.availabilityZone(), t.version(),
                t.attachments().stream().map(EcsModelMapper::attachment).toList(),
                t.containers().stream().map(EcsModelMapper::container).toList(),
                overrides(t.overrides()));
    }

    static io.execready.snapshot.TaskDefinition taskDefinition(software.amazon.awssdk.services.ecs.model.TaskDefinition d) {
        return new io.execready.snapshot.TaskDefinition(
                d.taskDefinitionArn(), d.family(), d.taskRoleArn(), d.executionRoleArn(),
                d.networkModeAsString(), d.pidModeAsString(), d.cpu(), d.memory(),
                d.runtimePlatform() == null ? null : d.runtimePlatform().operatingSystemFamilyAsString(),
                d.containerDefinitions().stream().map(EcsModelMapper::containerDefinition).toList(),
                d.volumes().stream().map(EcsModelMapper::volume).toList());
    }

    static EcsCluster cluster(Cluster c) {
        ExecuteCommandConfiguration exec = c.configuration() == null ? null : c.configuration().executeCommandConfiguration();
        if (exec == null) {
            return new EcsCluster(c.clusterArn(), null, null, tags(c.tags()));
        }
        ExecuteCommandLogConfiguration log = exec.logConfiguration();
        ExecLogging logging = new ExecLogging(
                exec.loggingAsString(),
                log == null ? null : log.cloudWatchLogGroupName(),
                log != null && Boolean.TRUE.equals(log.cloudWatchEncryptionEnabled()),
                log == null ? null : log.s3BucketName(),
                log == null ? null : log.s3KeyPrefix(),
                log != null && Boolean.TRUE.equals(log.s3EncryptionEnabled()));
        return new EcsCluster(c.clusterArn(), exec.kmsKeyId(), logging, tags(c.tags()));
    }

    static ContainerInstance containerInstance(software.amazon.awssdk.services.ecs.model.ContainerInstance c) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (software.amazon.awssdk.services.ecs.model.Attribute attribute : c.attributes()) {
            // Capabilities such as ecs.capability.execute-command are registered by name, without a value.
            if (attribute.name() != null) {
                attributes.put(attribute.name(), attribute.value() == null ? "" : attribute.value());
            }
        }
        return new ContainerInstance(c.containerInstanceArn(), c.ec2InstanceId(),
                c.versionInfo() == null ? null : c.versionInfo().agentVersion(), attributes);
    }

    static EcsService service(Service s) {
        Deployment primary = s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElse(null);
        return new EcsService(
                s.serviceArn(), s.serviceName(), s.clusterArn(), Boolean.TRUE.equals(s.enableExecuteCommand()),
                primary == null ? null : primary.id(),
                primary == null ? s.taskDefinition() : primary.taskDefinition(),
                s.status(),
                primary != null && primary.launchType() != null ? primary.launchTypeAsString() : s.launchTypeAsString(),
                primary != null && primary.platformVersion() != null ? primary.platformVersion() : s.platformVersion(),
                capacityProviders(primary == null || primary.capacityProviderStrategy().isEmpty()
                        ? s.capacityProviderStrategy() : primary.capacityProviderStrategy()),
                network(primary != null && primary.networkConfiguration() != null ? primary.networkConfiguration() : s.networkConfiguration()));
    }

    private static List<String> capacityProviders(List<CapacityProviderStrategyItem> strategy) {
        return strategy.stream().map(CapacityProviderStrategyItem::capacityProvider).filter(name -> name != null).toList();
    }

    private static ServiceNetwork network(NetworkConfiguration configuration) {
        AwsVpcConfiguration awsvpc = configuration == null ? null : configuration.awsvpcConfiguration();
        if (awsvpc == null) {
            return null;
        }
        Boolean publicIp = awsvpc.assignPublicIp() == null ? null : awsvpc.assignPublicIp() == AssignPublicIp.ENABLED;
        return new ServiceNetwork(awsvpc.subnets(), awsvpc.securityGroups(), publicIp);
    }

    private static TaskAttachment attachment(Attachment a) {
        Map<String, String> details = new LinkedHashMap<>();
        for (KeyValuePair pair : a.details()) {
            if (pair.name() != null && pair.value() != null) {
                details.put(pair.name(), pair.value());
            }
        }
        return new TaskAttachment(a.type() == null ? "unknown" : a.type(), a.status(), details);
    }

    private static TaskContainer container(Container c) {
        // The SDK returns an empty auto-constructed list when ECS sent no managedAgents at all;
        // the snapshot keeps that apart (null) from an empty list ECS actually sent.
        List<ManagedAgent> agents = c.hasManagedAgents()
                ? c.managedAgents().stream()
                        .map(a -> new ManagedAgent(a.nameAsString(), a.lastStatus(), a.reason(), a.lastStartedAt()))
                        .toList()
                : null;
        return new TaskContainer(c.name(), c.containerArn(), c.lastStatus(), c.image(), agents, c.runtimeId());
    }

    private static TaskOverrides overrides(TaskOverride o) {
        if (o == null) {
            return TaskOverrides.NONE;
        }
        return new TaskOverrides(o.taskRoleArn(), o.containerOverrides().stream()
                .map(c -> new ContainerOverride(c.name(), names(c.environment())))
                .toList());
    }

    private static ContainerDefinition containerDefinition(software.amazon.awssdk.services.ecs.model.ContainerDefinition c) {
        return new ContainerDefinition(
                c.name(), c.image(), c.essential(), c.readonlyRootFilesystem(),
                c.linuxParameters() == null ? null : c.linuxParameters().initProcessEnabled(),
                c.restartPolicy() == null ? null : c.restartPolicy().enabled(),
                c.memory(), c.memoryReservation(),
                c.logConfiguration() == null ? null : c.logConfiguration().logDriverAsString(),
                names(c.environment()),
                c.secrets().stream().map(s -> s.name()).toList(),
                c.mountPoints().stream().map(m -> new MountPoint(m.sourceVolume(), m.containerPath(), Boolean.TRUE.equals(m.readOnly()))).toList(),
                noProxy(c.environment()));
    }

    /** The one environment value the snapshot keeps: NO_PROXY, else no_proxy (proxy-bypass needs it; it holds no secret). */
    private static String noProxy(List<KeyValuePair> environment) {
        return environment.stream().filter(e -> "NO_PROXY".equals(e.name())).map(KeyValuePair::value).findFirst()
                .or(() -> environment.stream().filter(e -> "no_proxy".equals(e.name())).map(KeyValuePair::value).findFirst())
                .orElse(null);
    }

    private static TaskVolume volume(Volume v) {
        String kind;
        if (v.efsVolumeConfiguration() != null) {
            kind = "efs";
        } else if (v.fsxWindowsFileServerVolumeConfiguration() != null) {
            kind = "fsx";
        } else if (v.dockerVolumeConfiguration() != null) {
            kind = "docker";
        } else if (v.host() != null && v.host().sourcePath() != null) {
            kind = "host";
        } else {
            kind = "bind";
        }
        return new TaskVolume(v.name(), kind);
    }

    private static List<String> names(List<KeyValuePair> pairs) {
        return pairs.stream().map(KeyValuePair::name).filter(n -> n != null).toList();
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (tag.key() != null) {
                map.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return map;
    }
}
