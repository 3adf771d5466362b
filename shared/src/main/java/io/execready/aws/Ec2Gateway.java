package io.execready.aws;

import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's own network interface, the one EC2 read that is not a plain {@link AwsRead}: no other
 * task shares it, so it is not cached per invocation but batched, many ids per call, when a sweep
 * prefetches a whole batch of tasks ({@link NetworkInterfacePrefetch}). Every other EC2 read is an
 * {@link Ec2Reads} constant. Failures come back as data, never thrown.
 */
public interface Ec2Gateway {

    /** The network interface; Absent when it does not exist (any more). */
    Fetched<NetworkInterface> describeNetworkInterface(String networkInterfaceId);

    /**
     * The network interfaces, one entry per distinct id in {@code networkInterfaceIds}: Absent for an id
     * that does not exist, Failed for every id of a read that failed. This default reads them one by
     * one; an SDK implementation reads many ids per call.
     */
    default Map<String, Fetched<NetworkInterface>> describeNetworkInterfaces(Collection<String> networkInterfaceIds) {
        Map<String, Fetched<NetworkInterface>> found = new LinkedHashMap<>();
        for (String id : networkInterfaceIds) {
            found.computeIfAbsent(id, this::describeNetworkInterface);
        }
        return found;
    }
}
