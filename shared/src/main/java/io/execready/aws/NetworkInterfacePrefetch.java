package io.execready.aws;

import java.util.Collection;

/**
 * Reads the network interfaces of many tasks ahead of their one-by-one evaluation, so that a sweep
 * of a large cluster makes a few batched EC2 calls instead of one per task.
 */
@FunctionalInterface
public interface NetworkInterfacePrefetch {

    /** Prefetches nothing: every task reads its own interface. */
    NetworkInterfacePrefetch NONE = networkInterfaceIds -> { };

    void prefetchNetworkInterfaces(Collection<String> networkInterfaceIds);
}
