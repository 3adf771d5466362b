package io.execready.engine;

import io.execready.snapshot.Arn;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.VpcEndpoint;
import java.util.Objects;

/**
 * The AWS resource a result blames or judged, when it is not the task itself: the IAM role that
 * lacks a permission, the subnet without a route out, the security group that blocks 443, the log
 * group without a key. Typed, so a finding can name it as the resource type Security Hub knows
 * (with its details) and a reviewer can filter on it.
 */
public sealed interface CauseResource {

    /** The ASFF resource type, such as {@code AwsIamRole}, or {@code Other} where ASFF has none. */
    String type();

    /** The resource's ARN where it has one, else its identifier. */
    String id();

    record IamRole(String roleArn) implements CauseResource {
        public IamRole {
            Objects.requireNonNull(roleArn, "roleArn");
        }

        public String type() {
            return "AwsIamRole";
        }

        public String id() {
            return roleArn;
        }
    }

    record IamUser(String userArn) implements CauseResource {
        public IamUser {
            Objects.requireNonNull(userArn, "userArn");
        }

        public String type() {
            return "AwsIamUser";
        }

        public String id() {
            return userArn;
        }
    }

    /** A KMS key named by its key ARN (never an alias, which is not the key). */
    record KmsKey(String keyArn) implements CauseResource {
        public KmsKey {
            Objects.requireNonNull(keyArn, "keyArn");
        }

        public String type() {
            return "AwsKmsKey";
        }

        public String id() {
            return keyArn;
        }
    }

    record Ec2Subnet(Subnet subnet) implements CauseResource {
        public Ec2Subnet {
            Objects.requireNonNull(subnet, "subnet");
        }

        public String type() {
            return "AwsEc2Subnet";
        }

        public String id() {
            return subnet.subnetId();
        }
    }

    record Ec2RouteTable(RouteTable routeTable) implements CauseResource {
        public Ec2RouteTable {
            Objects.requireNonNull(routeTable, "routeTable");
        }

        public String type() {
            return "AwsEc2RouteTable";
        }

        public String id() {
            return routeTable.routeTableId();
        }
    }

    record Ec2SecurityGroup(SecurityGroup group, String vpcId) implements CauseResource {
        public Ec2SecurityGroup {
            Objects.requireNonNull(group, "group");
        }

        public String type() {
            return "AwsEc2SecurityGroup";
        }

        public String id() {
            return group.groupId();
        }
    }

    /**
     * A VPC endpoint (the consumer side). ASFF's {@code AwsEc2VpcEndpointService} is the provider's
     * service, not an endpoint, so an endpoint is reported as {@code Other} with its facts.
     */
    record Ec2VpcEndpoint(VpcEndpoint endpoint, String vpcId) implements CauseResource {
        public Ec2VpcEndpoint {
            Objects.requireNonNull(endpoint, "endpoint");
        }

        public String type() {
            return "Other";
        }

        public String id() {
            return endpoint.vpcEndpointId();
        }
    }

    /** An endpoint a VPC lacks: what to create, and where. */
    record MissingVpcEndpoint(String vpcId, String serviceName) implements CauseResource {
        public MissingVpcEndpoint {
            Objects.requireNonNull(vpcId, "vpcId");
            Objects.requireNonNull(serviceName, "serviceName");
        }

        public String type() {
            return "Other";
        }

        public String id() {
            return vpcId + "/missing-endpoint/" + serviceName;
        }
    }

    /** @param bucketArn {@code arn:PARTITION:s3:::NAME} */
    record S3Bucket(String bucketArn, String name) implements CauseResource {
        public S3Bucket {
            Objects.requireNonNull(bucketArn, "bucketArn");
            Objects.requireNonNull(name, "name");
        }

        public String type() {
            return "AwsS3Bucket";
        }

        public String id() {
            return bucketArn;
        }
    }

    /** A CloudWatch Logs log group; ASFF has no typed details for one, so it is {@code Other}. */
    record LogGroup(String logGroupArn, String name, String kmsKeyId) implements CauseResource {
        public LogGroup {
            Objects.requireNonNull(logGroupArn, "logGroupArn");
            Objects.requireNonNull(name, "name");
        }

        public String type() {
            return "Other";
        }

        public String id() {
            return logGroupArn;
        }
    }

    record Other(String id) implements CauseResource {
        public Other {
            Objects.requireNonNull(id, "id");
        }

        public String type() {
            return "Other";
        }
    }

    static CauseResource iamRole(String roleArn) {
        return new IamRole(roleArn);
    }

    static CauseResource other(String id) {
        return new Other(id);
    }

    /** The key by its ARN; a key named only by alias or id is {@code Other}, since an alias is not the key. */
    static CauseResource kmsKey(String keyIdOrArn) {
        boolean keyArn = Arn.parse(keyIdOrArn).map(arn -> "kms".equals(arn.service()) && arn.resource().startsWith("key/")).orElse(false);
        return keyArn ? new KmsKey(keyIdOrArn) : new Other(keyIdOrArn);
    }

    static CauseResource subnet(Subnet subnet) {
        return new Ec2Subnet(subnet);
    }

    static CauseResource routeTable(RouteTable routeTable) {
        return new Ec2RouteTable(routeTable);
    }
}
