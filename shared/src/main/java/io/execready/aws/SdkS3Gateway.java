package io.execready.aws;

import io.execready.policy.PolicyDocument;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.S3Bucket;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * {@link S3Gateway} over the AWS SDK's S3 client. One GetBucketEncryption call answers both
 * questions: NoSuchBucket means the bucket is missing, and
 * ServerSideEncryptionConfigurationNotFoundError means it exists without default encryption.
 * Real S3 has reported SSE-S3 for every bucket since January 2023, so that second answer now comes
 * from older S3-compatible stores and emulators (moto, for a bucket that never had encryption set);
 * it is still read as "no encryption configured", which is what it says.
 */
public final class SdkS3Gateway implements S3Gateway {

    static final String NO_SUCH_BUCKET = "NoSuchBucket";
    static final String NO_SUCH_BUCKET_POLICY = "NoSuchBucketPolicy";
    static final String NO_ENCRYPTION_CONFIGURATION = "ServerSideEncryptionConfigurationNotFoundError";

    private final S3Client s3;
    private final ReadCache cache;

    /** A gateway that remembers nothing: every call reads. */
    public SdkS3Gateway(S3Client s3) {
        this(s3, ReadCache.none());
    }

    public SdkS3Gateway(S3Client s3, ReadCache cache) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Fetched<S3Bucket> describeBucket(String bucketName) {
        return cache.read("s3:GetEncryptionConfiguration", bucketName, () -> {
            try {
                String algorithm = s3.getBucketEncryption(r -> r.bucket(bucketName)).serverSideEncryptionConfiguration().rules().stream()
                        .map(ServerSideEncryptionRule::applyServerSideEncryptionByDefault)
                        .filter(Objects::nonNull)
                        .map(ServerSideEncryptionByDefault::sseAlgorithmAsString)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
                return Fetched.present(new S3Bucket(bucketName, algorithm));
            } catch (S3Exception e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (NO_SUCH_BUCKET.equals(code)) {
                    return Fetched.absent("bucket " + bucketName + " does not exist");
                }
                if (NO_ENCRYPTION_CONFIGURATION.equals(code)) {
                    return Fetched.present(new S3Bucket(bucketName, null));
                }
                throw e;
            }
        });
    }

    @Override
    public Fetched<PolicyDocument> bucketPolicy(String bucketName) {
        return cache.read("s3:GetBucketPolicy", bucketName, () -> {
            try {
                return AwsReads.policy("s3:GetBucketPolicy", s3.getBucketPolicy(r -> r.bucket(bucketName)).policy());
            } catch (S3Exception e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (NO_SUCH_BUCKET_POLICY.equals(code)) {
                    return Fetched.absent("bucket " + bucketName + " has no bucket policy");
                }
                if (NO_SUCH_BUCKET.equals(code)) {
                    return Fetched.absent("bucket " + bucketName + " does not exist");
                }
                throw e;
            }
        });
    }
}
