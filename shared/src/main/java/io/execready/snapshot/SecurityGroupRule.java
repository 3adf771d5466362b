package io.execready.snapshot;

import java.util.List;
import java.util.Locale;

/**
 * One inbound or outbound permission of a security group.
 *
 * @param protocol   {@code tcp}, {@code udp}, {@code icmp}, a protocol number, or {@code -1} for all traffic
 * @param fromPort   the first port, or null when the rule covers every port
 * @param toPort     the last port, or null when the rule covers every port
 * @param cidrBlocks IPv4 ranges the rule allows
 * @param groupIds   security groups the rule allows
 */
public record SecurityGroupRule(String protocol, Integer fromPort, Integer toPort, List<String> cidrBlocks, List<String> groupIds) {

    private static final String TCP_NUMBER = "6";

    public SecurityGroupRule {
        cidrBlocks = cidrBlocks == null ? List.of() : List.copyOf(cidrBlocks);
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
    }

    /** Whether the rule lets TCP traffic to {@code port} through (all-traffic rules included). */
    public boolean coversTcpPort(int port) {
        String p = protocol == null ? "" : protocol.toLowerCase(Locale.ROOT);
        if (p.equals("-1") || p.equals("all")) {
            return true;
        }
        if (!p.equals("tcp") && !p.equals(TCP_NUMBER)) {
            return false;
        }
        boolean allPorts = fromPort == null || toPort == null || (fromPort == -1 && toPort == -1);
        return allPorts || (fromPort <= port && port <= toPort);
    }
}
