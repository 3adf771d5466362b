package io.execready.aws;

import io.execready.policy.PolicyDocument;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.KmsKey;

/** The KMS reads the checker makes. Failures come back as data, never thrown. */
public interface KmsGateway {

    /**
     * The key's ARN and state (kms:DescribeKey), by key id, key ARN, alias name or alias ARN;
     * Absent when KMS has no such key.
     */
    Fetched<KmsKey> describeKey(String keyId);

    /** The key's policy (kms:GetKeyPolicy, policy name "default"), by key id or key ARN; Absent when KMS has no such key. */
    Fetched<PolicyDocument> keyPolicy(String keyArn);
}
