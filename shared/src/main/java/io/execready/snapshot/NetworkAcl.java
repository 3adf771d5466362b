package io.execready.snapshot;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A network ACL with the subnets it is associated with and its rules.
 *
 * @param networkAclId the ACL id
 * @param subnetIds    the subnets associated with it
 * @param entries      its rules, both directions
 */
public record NetworkAcl(String networkAclId, List<String> subnetIds, List<Entry> entries) {

    /**
     * One rule. Protocol "-1" is every protocol, "6" TCP; ports are null for every protocol.
     *
     * @param ruleNumber evaluated in ascending order, first match wins; 32767 is the final catch-all deny
     */
    public record Entry(int ruleNumber, boolean egress, String protocol, boolean allow, String cidrBlock, Integer fromPort, Integer toPort) {
    }

    public NetworkAcl {
        Objects.requireNonNull(networkAclId, "networkAclId");
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        entries = entries == null ? List.of() : entries.stream().sorted(Comparator.comparingInt(Entry::ruleNumber)).toList();
    }

    /** The rules of one direction in evaluation order. */
    public List<Entry> rules(boolean egress) {
        return entries.stream().filter(e -> e.egress() == egress).toList();
    }
}
