package io.execready.snapshot;

import java.util.Objects;

/**
 * What a finding is about: not a task (tasks are replaced on every deployment) but its owner, as
 * ECS names it in the task's {@code group}: a service, or a family / other group in a cluster.
 *
 * @param clusterArn the cluster ARN
 * @param kind       SERVICE for {@code service:NAME} groups, GROUP for everything else
 * @param name       the service name, or the whole group text such as {@code family:batch}
 */
public record Subject(String clusterArn, Kind kind, String name) {

    public enum Kind { SERVICE, GROUP }

    public Subject {
        Objects.requireNonNull(clusterArn, "clusterArn");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** The subject a task's findings belong to; a task without a group falls back to its family. */
    public static Subject of(EcsTask task) {
        if (task.serviceName().isPresent()) {
            return new Subject(task.clusterArn(), Kind.SERVICE, task.serviceName().get());
        }
        if (task.group() != null && !task.group().isBlank()) {
            return new Subject(task.clusterArn(), Kind.GROUP, task.group());
        }
        return new Subject(task.clusterArn(), Kind.GROUP, "family:" + familyOf(task.taskDefinitionArn()));
    }

    public static Subject service(String clusterArn, String serviceName) {
        return new Subject(clusterArn, Kind.SERVICE, serviceName);
    }

    public String clusterName() {
        return Arn.parse(clusterArn).map(Arn::resourceName).orElse(clusterArn);
    }

    /** The service ARN for SERVICE subjects, built in the cluster's own partition and region. */
    public String serviceArn() {
        Arn cluster = Arn.parse(clusterArn).orElseThrow(() -> new IllegalStateException("Not a cluster ARN: " + clusterArn));
        return cluster.sibling("ecs", "service/" + cluster.resourceName() + "/" + name).toString();
    }

    /** "service payments-api in cluster prod" or "group family:batch in cluster prod". */
    public String describe() {
        return (kind == Kind.SERVICE ? "service " : "group ") + name + " in cluster " + clusterName();
    }

    /** A stable key: cluster ARN and group, as ECS spells the group. */
    public String key() {
        return clusterArn + "|" + (kind == Kind.SERVICE ? "service:" + name : name);
    }

    private static String familyOf(String taskDefinitionArn) {
        if (taskDefinitionArn == null) {
            return "unknown";
        }
        String last = Arn.parse(taskDefinitionArn).map(Arn::resourceName).orElse(taskDefinitionArn);
        int colon = last.lastIndexOf(':');
        return colon < 0 ? last : last.substring(0, colon);
    }
}
