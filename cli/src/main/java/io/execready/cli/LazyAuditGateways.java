package io.execready.cli;

import io.execready.aws.KmsGateway;
import io.execready.aws.LogsGateway;
import io.execready.aws.S3Gateway;
import io.execready.policy.PolicyDocument;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.KmsKey;
import io.execready.snapshot.LogGroup;
import io.execready.snapshot.S3Bucket;
import java.util.function.Supplier;
import software.amazon.awssdk.utils.Lazy;

/**
 * The KMS, CloudWatch Logs and S3 gateways, each built on its first read: only a cluster with an
 * exec key or session logging reads them, and building an SDK client is most of a cold check's CPU.
 */
final class LazyAuditGateways {

    private LazyAuditGateways() {
    }

    static KmsGateway kms(Supplier<KmsGateway> build) {
        Lazy<KmsGateway> gateway = new Lazy<>(build);
        return new KmsGateway() {
            @Override
            public Fetched<KmsKey> describeKey(String keyId) {
                return gateway.getValue().describeKey(keyId);
            }

            @Override
            public Fetched<PolicyDocument> keyPolicy(String keyArn) {
                return gateway.getValue().keyPolicy(keyArn);
            }
        };
    }

    static LogsGateway logs(Supplier<LogsGateway> build) {
        Lazy<LogsGateway> gateway = new Lazy<>(build);
        return logGroup -> gateway.getValue().describeLogGroup(logGroup);
    }

    static S3Gateway s3(Supplier<S3Gateway> build) {
        Lazy<S3Gateway> gateway = new Lazy<>(build);
        return new S3Gateway() {
            @Override
            public Fetched<S3Bucket> describeBucket(String bucketName) {
                return gateway.getValue().describeBucket(bucketName);
            }

            @Override
            public Fetched<PolicyDocument> bucketPolicy(String bucketName) {
                return gateway.getValue().bucketPolicy(bucketName);
            }
        };
    }
}
