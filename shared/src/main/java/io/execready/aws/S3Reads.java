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
 * The S3 reads the checker makes. One GetBucketEncryption call answers both of {@link #BUCKET}'s
 * questions: NoSuchBucket means the bucket is missing, and
 * ServerSideEncryptionConfigurationNotFoundError means it exists without default encryption.
 * Real S3 has reported SSE-S3 for every bucket since January 2023, so that second answer now comes
 * from older S3-compatible stores and emulators (moto, for a bucket that never had encryption set);
 * it is still read as "no encryption configured", which is what it says.
 */
public final class S3Reads {

    /** The bucket with its default encryption (GetBucketEncryption); Absent when the bucket does not exist. */
    public static final AwsRead<String, S3Bucket> BUCKET = AwsRead.of("s3:GetEncryptionConfiguration", S3Client.class, S3Reads::bucket);

    /** The bucket's policy; Absent when the bucket has none or does not exist. */
    public static final AwsRead<String, PolicyDocument> BUCKET_POLICY = AwsRead.of("s3:GetBucketPolicy", S3Client.class, S3Reads::bucketPolicy);

    static final String NO_SUCH_BUCKET = "NoSuchBucket";
    static final String NO_SUCH_BUCKET_POLICY = "NoSuchBucketPolicy";
    static final String NO_ENCRYPTION_CONFIGURATION = "ServerSideEncryptionConfigurationNotFoundError";

    private S3Reads() {
    }

    private static Fetched<S3Bucket> bucket(S3Client s3, String bucketName) {
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
            String code = errorCode(e);
            if (NO_SUCH_BUCKET.equals(code)) {
                return Fetched.absent("bucket " + bucketName + " does not exist");
            }
            if (NO_ENCRYPTION_CONFIGURATION.equals(code)) {
                return Fetched.present(new S3Bucket(bucketName, null));
            }
            throw e;
        }
    }

    private static Fetched<PolicyDocument> bucketPolicy(S3Client s3, String bucketName) {
        try {
            return AwsReads.policy("s3:GetBucketPolicy", s3.getBucketPolicy(r -> r.bucket(bucketName)).policy());
        } catch (S3Exception e) {
            String code = errorCode(e);
            if (NO_SUCH_BUCKET_POLICY.equals(code)) {
                return Fetched.absent("bucket " + bucketName + " has no bucket policy");
            }
            if (NO_SUCH_BUCKET.equals(code)) {
                return Fetched.absent("bucket " + bucketName + " does not exist");
            }
            throw e;
        }
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
