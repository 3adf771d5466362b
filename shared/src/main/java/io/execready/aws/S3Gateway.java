package io.execready.aws;

import io.execready.policy.PolicyDocument;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.S3Bucket;

/** The S3 reads the checker makes. Failures come back as data, never thrown. */
public interface S3Gateway {

    /**
     * The bucket with its default encryption (s3:GetEncryptionConfiguration through
     * GetBucketEncryption); Absent when the bucket does not exist.
     */
    Fetched<S3Bucket> describeBucket(String bucketName);

    /** The bucket's policy (s3:GetBucketPolicy); Absent when the bucket has none or does not exist. */
    Fetched<PolicyDocument> bucketPolicy(String bucketName);
}
