package io.execready.snapshot;

/**
 * The VPC attributes that make an interface endpoint's private DNS name resolve
 * (ec2:DescribeVpcAttribute enableDnsSupport and enableDnsHostnames).
 */
public record VpcDnsSettings(String vpcId, boolean dnsSupport, boolean dnsHostnames) {
}
