package io.execready.snapshot;

import java.util.Objects;

/**
 * A VPC subnet.
 *
 * @param subnetId         the subnet id
 * @param vpcId            its VPC
 * @param availabilityZone its AZ, such as us-east-1a
 * @param cidrBlock        its IPv4 CIDR, or null
 * @param ownerId          the account that owns it: another account than the task's when the VPC
 *                         is shared through AWS RAM; null when unreported
 */
public record Subnet(String subnetId, String vpcId, String availabilityZone, String cidrBlock, String ownerId) {

    public Subnet {
        Objects.requireNonNull(subnetId, "subnetId");
        Objects.requireNonNull(vpcId, "vpcId");
    }

    /** Whether an account other than {@code accountId} owns the subnet (a shared VPC). */
    public boolean ownedByAnotherAccountThan(String accountId) {
        return ownerId != null && !ownerId.isBlank() && !ownerId.equals(accountId);
    }
}
