package io.execready.aws;

import io.execready.policy.PolicyDocument;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.KmsKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** The KMS reads the checker makes. */
public final class KmsReads {

    /** The key's ARN and state, by key id, key ARN, alias name or alias ARN; Absent when KMS has no such key. */
    public static final AwsRead<String, KmsKey> DESCRIBE_KEY = AwsRead.of("kms:DescribeKey", KmsClient.class, KmsReads::describeKey);

    /** The key's policy (policy name "default"), by key id or key ARN; Absent when KMS has no such key. */
    public static final AwsRead<String, PolicyDocument> KEY_POLICY = AwsRead.of("kms:GetKeyPolicy", KmsClient.class, KmsReads::keyPolicy);

    private KmsReads() {
    }

    private static Fetched<KmsKey> describeKey(KmsClient kms, String keyId) {
        try {
            KeyMetadata metadata = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
            return Fetched.present(new KmsKey(metadata.arn(), metadata.keyStateAsString()));
        } catch (NotFoundException e) {
            return Fetched.absent("KMS key " + keyId + " does not exist");
        }
    }

    private static Fetched<PolicyDocument> keyPolicy(KmsClient kms, String keyArn) {
        try {
            return AwsReads.policy("kms:GetKeyPolicy", kms.getKeyPolicy(r -> r.keyId(keyArn).policyName("default")).policy());
        } catch (NotFoundException e) {
            return Fetched.absent("KMS key " + keyArn + " does not exist");
        }
    }
}
