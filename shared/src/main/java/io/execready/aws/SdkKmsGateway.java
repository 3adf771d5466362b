package io.execready.aws;

import io.execready.snapshot.Fetched;
import io.execready.snapshot.KmsKey;
import java.util.Objects;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** {@link KmsGateway} over the AWS SDK's KMS client. */
public final class SdkKmsGateway implements KmsGateway {

    private final KmsClient kms;

    public SdkKmsGateway(KmsClient kms) {
        this.kms = Objects.requireNonNull(kms, "kms");
    }

    @Override
    public Fetched<KmsKey> describeKey(String keyId) {
        return AwsReads.read("kms:DescribeKey", () -> {
            try {
                KeyMetadata metadata = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
                return Fetched.present(new KmsKey(metadata.arn(), metadata.keyStateAsString()));
            } catch (NotFoundException e) {
                return Fetched.absent("KMS key " + keyId + " does not exist");
            }
        });
    }
}
