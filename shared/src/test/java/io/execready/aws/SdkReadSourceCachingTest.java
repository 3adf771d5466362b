package io.execready.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.KmsClient;

/** {@link SdkReadSource} without AWS: reads that answer from a counter, or throw what the SDK throws. */
class SdkReadSourceCachingTest {

    private final ServiceClients clients = ServiceClients.of(new KmsClient() {
        @Override
        public String serviceName() {
            return "kms";
        }

        @Override
        public void close() {
        }
    });
    private final AtomicInteger calls = new AtomicInteger();
    private final AwsRead<String, String> describe = AwsRead.of("kms:DescribeKey", KmsClient.class,
            (c, key) -> Fetched.present(key + "#" + calls.incrementAndGet()));
    private final AwsRead<String, String> sameActionOtherRead = AwsRead.of("kms:DescribeKey", KmsClient.class,
            (c, key) -> Fetched.present("other " + key));

    @Test
    void read_withACache_readsOncePerReadAndArgumentUntilCleared() {
        ReadCache cache = new ReadCache();
        ReadSource reads = new SdkReadSource(clients, cache);

        assertThat(reads.read(describe, "k1")).isEqualTo(Fetched.present("k1#1"));
        assertThat(reads.read(describe, "k1")).isEqualTo(Fetched.present("k1#1"));
        assertThat(reads.read(describe, "k2")).isEqualTo(Fetched.present("k2#2"));
        assertThat(reads.read(sameActionOtherRead, "k1")).as("another read of the same action has its own answer")
                .isEqualTo(Fetched.present("other k1"));
        cache.clear();
        assertThat(reads.read(describe, "k1")).isEqualTo(Fetched.present("k1#3"));
    }

    @Test
    void read_withoutACache_readsEveryTime() {
        ReadSource reads = new SdkReadSource(clients);

        reads.read(describe, "k1");
        reads.read(describe, "k1");

        assertThat(calls).hasValue(2);
    }

    @Test
    void read_whenTheSdkThrows_isFailedNamingTheActionAndTheKind() {
        AwsRead<String, String> throttled = AwsRead.of("kms:GetKeyPolicy", KmsClient.class, (c, key) -> {
            throw AwsServiceException.builder().statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded").build())
                    .build();
        });

        assertThat(new SdkReadSource(clients).read(throttled, "k1")).isEqualTo(Fetched.failed(
                new ReadFailure("kms:GetKeyPolicy", FailureKind.THROTTLED, "ThrottlingException: Rate exceeded")));
    }
}
