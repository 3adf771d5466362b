package io.execready.snapshot;

/** Where a task's traffic leaves from, which decides the subnet the network checks judge. */
public enum NetworkPlacement {
    /** awsvpc: the task's own ENI, from the task's ENI attachment. */
    TASK_NETWORK_INTERFACE,
    /** bridge or host mode on EC2: the container instance's primary network interface. */
    CONTAINER_INSTANCE
}
