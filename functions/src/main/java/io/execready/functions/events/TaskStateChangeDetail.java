package io.execready.functions.events;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.execready.snapshot.ContainerOverride;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.ManagedAgent;
import io.execready.snapshot.TaskAttachment;
import io.execready.snapshot.TaskContainer;
import io.execready.snapshot.TaskOverrides;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code detail} of an "ECS Task State Change" event, as far as ECS Exec cares. It resembles a
 * DescribeTasks task, with the exec fields the Lambda events library does not model. Environment
 * entries are read by name only: their values are never bound.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskStateChangeDetail(
        String taskArn,
        String clusterArn,
        String taskDefinitionArn,
        String group,
        String startedBy,
        String lastStatus,
        String desiredStatus,
        String stoppedReason,
        String launchType,
        String platformVersion,
        String platformFamily,
        Boolean enableExecuteCommand,
        String containerInstanceArn,
        String availabilityZone,
        Long version,
        List<Attachment> attachments,
        List<Container> containers,
        Overrides overrides) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attachment(String id, String type, String status, List<NameValue> details) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NameValue(String name, String value) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Container(String containerArn, String name, String lastStatus, String image, List<Agent> managedAgents, String runtimeId) {
    }

    /** The event says {@code status}; DescribeTasks says {@code lastStatus}: both are accepted. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Agent(String name, @JsonAlias("lastStatus") String status, String reason, Instant lastStartedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Overrides(String taskRoleArn, List<ContainerOverrideDetail> containerOverrides) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContainerOverrideDetail(String name, List<EnvironmentName> environment) {
    }

    /** Only the name of an environment entry; the value is deliberately not a component. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EnvironmentName(String name) {
    }

    /** The fields every evaluation needs; empty when all are there. */
    public List<String> missingRequiredFields() {
        List<String> missing = new java.util.ArrayList<>();
        if (!EcsArns.isResourceArn(taskArn, "task/")) {
            missing.add("detail.taskArn (an ECS task ARN with region and account)");
        }
        if (!EcsArns.isResourceArn(clusterArn, "cluster/")) {
            missing.add("detail.clusterArn (an ECS cluster ARN with region and account)");
        }
        if (lastStatus == null) {
            missing.add("detail.lastStatus");
        }
        return missing;
    }

    public EcsTask toTask() {
        return new EcsTask(taskArn, clusterArn, taskDefinitionArn, group, startedBy, lastStatus, desiredStatus,
                stoppedReason, launchType, platformVersion, platformFamily, enableExecuteCommand, containerInstanceArn,
                availabilityZone, version,
                present(attachments).filter(a -> a.type() != null).map(TaskStateChangeDetail::attachment).toList(),
                present(containers).filter(c -> c.name() != null).map(TaskStateChangeDetail::container).toList(),
                overrides == null ? TaskOverrides.NONE : new TaskOverrides(overrides.taskRoleArn(),
                        present(overrides.containerOverrides())
                                .filter(o -> o.name() != null)
                                .map(o -> new ContainerOverride(o.name(),
                                        present(o.environment()).map(EnvironmentName::name).filter(Objects::nonNull).toList()))
                                .toList()));
    }

    /** The list's elements without JSON nulls: ECS never sends them, a crafted event may. */
    private static <T> java.util.stream.Stream<T> present(List<T> list) {
        return list == null ? java.util.stream.Stream.empty() : list.stream().filter(Objects::nonNull);
    }

    private static TaskAttachment attachment(Attachment a) {
        Map<String, String> details = new LinkedHashMap<>();
        present(a.details()).filter(d -> d.name() != null && d.value() != null).forEach(d -> details.put(d.name(), d.value()));
        return new TaskAttachment(a.type(), a.status(), details);
    }

    private static TaskContainer container(Container c) {
        List<ManagedAgent> agents = c.managedAgents() == null ? null : present(c.managedAgents())
                .map(a -> new ManagedAgent(a.name(), a.status(), a.reason(), a.lastStartedAt()))
                .toList();
        return new TaskContainer(c.name(), c.containerArn(), c.lastStatus(), c.image(), agents, c.runtimeId());
    }
}
