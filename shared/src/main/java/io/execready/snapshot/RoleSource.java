package io.execready.snapshot;

/** Where the role that the ECS Exec agent uses comes from. */
public enum RoleSource {
    /** {@code overrides.taskRoleArn} given at launch. */
    TASK_OVERRIDE,
    /** The task definition's {@code taskRoleArn}. */
    TASK_DEFINITION,
    /** On EC2 without a task role, the container instance's instance profile role. */
    INSTANCE_PROFILE
}
