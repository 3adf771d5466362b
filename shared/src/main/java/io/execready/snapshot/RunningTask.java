package io.execready.snapshot;

import java.util.Objects;

/** A task ECS started, evaluated as it runs (or as it was when it stopped). */
public record RunningTask(EcsTask task) implements EvaluatedTask {

    public RunningTask {
        Objects.requireNonNull(task, "task");
    }

    @Override
    public String name() {
        return "task " + task.taskId();
    }
}
