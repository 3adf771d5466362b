package io.execready.snapshot;

import java.util.List;

/** The IAM actions ECS Exec needs, named once for the loader that simulates them and the checks that judge them. */
public final class ExecPermissions {

    /** What the exec agent in the task calls to open its control and data channels. */
    public static final List<String> TASK_ROLE_SSM_MESSAGES = List.of(
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel");

    private ExecPermissions() {
    }
}
