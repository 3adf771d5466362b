package io.execready.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * A security group with its rules.
 *
 * @param groupId  the group id
 * @param ownerId  the account that owns it, or null
 * @param inbound  its inbound rules
 * @param outbound its outbound rules
 */
public record SecurityGroup(String groupId, String ownerId, List<SecurityGroupRule> inbound, List<SecurityGroupRule> outbound) {

    public SecurityGroup {
        Objects.requireNonNull(groupId, "groupId");
        inbound = inbound == null ? List.of() : List.copyOf(inbound);
        outbound = outbound == null ? List.of() : List.copyOf(outbound);
    }
}
