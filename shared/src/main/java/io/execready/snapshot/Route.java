package io.execready.snapshot;

/**
 * One IPv4 route of a route table.
 *
 * @param destinationCidrBlock the destination, or null for IPv6 and prefix-list routes
 * @param target               what the route points at: {@code nat-...}, {@code igw-...}, {@code tgw-...},
 *                             {@code eni-...}, {@code pcx-...}, {@code i-...}, {@code vgw-...}, {@code vpce-...}
 *                             or {@code local}; null when unreported
 * @param state                active or blackhole
 */
public record Route(String destinationCidrBlock, String target, String state) {

    public boolean isActive() {
        return state == null || "active".equalsIgnoreCase(state);
    }
}
