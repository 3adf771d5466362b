package io.execready.snapshot;

/**
 * An EC2 instance's metadata service settings, as ec2:DescribeInstances reports them.
 *
 * @param httpEndpoint "enabled" or "disabled"; null when unreported
 * @param httpTokens   "required" (IMDSv2 only) or "optional" (IMDSv1 allowed); null when unreported
 * @param hopLimit     {@code HttpPutResponseHopLimit}: how many network hops an IMDSv2 token
 *                     response survives; null when unreported
 */
public record InstanceMetadataOptions(String httpEndpoint, String httpTokens, Integer hopLimit) {

    /** Whether IMDS answers at all. */
    public boolean endpointDisabled() {
        return "disabled".equalsIgnoreCase(httpEndpoint);
    }

    /** Whether IMDSv1 (no token, no hop limit) is allowed. */
    public boolean allowsVersion1() {
        return "optional".equalsIgnoreCase(httpTokens);
    }
}
