package io.execready.aws;

import io.execready.policy.PolicyDocument;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.KmsKey;
import java.util.Objects;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** {@link KmsGateway} over the AWS SDK's KMS client. */
public final class SdkKmsGateway implements KmsGateway {

    private final KmsClient kms;
    private final ReadCache cache;

    /** A gateway that remembers nothing: every call reads. */
    public SdkKmsGateway(KmsClient kms) {
        this(kms, ReadCache.none());
    }

    public SdkKmsGateway(KmsClient kms, ReadCache cache) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Fetched<KmsKey> describeKey(String keyId) {
        return cache.read("kms:DescribeKey", keyId, () -> {
            try {
                KeyMetadata metadata = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
                return Fetched.present(new KmsKey(metadata.arn(), metadata.keyStateAsString()));
            } catch (NotFoundException e) {
                return Fetched.absent("KMS key " + keyId + " does not exist");
            }
        });
    }

    @Override
    public Fetched<PolicyDocument> keyPolicy(String keyArn) {
        return cache.read("kms:GetKeyPolicy", keyArn, () -> {
            try {
                return AwsReads.policy("kms:GetKeyPolicy", kms.getKeyPolicy(r -> r.keyId(keyArn).policyName("default")).policy());
            } catch (NotFoundException e) {
                return Fetched.absent("KMS key " + keyArn + " does not exist");
            }
        });
    }
}
