package io.execready.checks.support;

import io.execready.snapshot.EcsTask;

/**
 * The AWS CLI commands remediations quote, built from the task's own cluster, service and task
 * definition names so that a person can paste them as they are; every name is one shell word
 * ({@link ShellWords}).
 */
public final class RemediationCommands {

    private RemediationCommands() {
    }

    /** Replaces a service's tasks; new tasks pick up the service's current settings. */
    public static String forceNewDeployment(String clusterName, String serviceName) {
        return "aws ecs update-service --cluster " + q(clusterName) + " --service " + q(serviceName) + " --force-new-deployment";
    }

    /** Turns ECS Exec on for a service and replaces its tasks, which is the only way running tasks get it. */
    public static String enableExecAndRedeploy(String clusterName, String serviceName) {
        return "aws ecs update-service --cluster " + q(clusterName) + " --service " + q(serviceName)
                + " --enable-execute-command --force-new-deployment";
    }

    /**
     * How to get a fresh task like this one with ECS Exec on: a new deployment of its service, or for
     * a standalone task a new run-task of the same revision.
     */
    public static String replaceTask(EcsTask task) {
        return task.serviceName()
                .map(service -> enableExecAndRedeploy(task.clusterName(), service))
                .orElseGet(() -> runTask(task) + " (with the task's original network configuration)");
    }

    /** The run-task command for the task's own revision with ECS Exec on. */
    public static String runTask(EcsTask task) {
        return "aws ecs run-task --cluster " + q(task.clusterName()) + " --task-definition "
                + q(Wording.revision(task.taskDefinitionArn())) + " --enable-execute-command";
    }

    /** Re-reads the task as ECS sees it now. */
    public static String describeTask(EcsTask task, String query) {
        return "aws ecs describe-tasks --cluster " + q(task.clusterName()) + " --tasks " + q(task.taskId()) + " --query '" + query + "'";
    }

    /**
     * The steps after a task definition change: register the edited revision, then roll it out the
     * way the task was started.
     */
    public static String registerAndRollOut(EcsTask task) {
        String family = family(Wording.revision(task.taskDefinitionArn()));
        String rollOut = task.serviceName()
                .map(service -> "aws ecs update-service --cluster " + q(task.clusterName()) + " --service " + q(service)
                        + " --task-definition " + q(family))
                .orElseGet(() -> "aws ecs run-task --cluster " + q(task.clusterName()) + " --task-definition " + q(family)
                        + " --enable-execute-command");
        return "register the edited revision with aws ecs register-task-definition --cli-input-json " + q("file://" + family + ".json")
                + " and roll it out with " + rollOut;
    }

    private static String q(String name) {
        return ShellWords.quote(name);
    }

    private static String family(String revision) {
        int colon = revision.lastIndexOf(':');
        return colon < 0 ? revision : revision.substring(0, colon);
    }
}
