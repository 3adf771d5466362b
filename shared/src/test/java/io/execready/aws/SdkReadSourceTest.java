package io.execready.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.fixtures.SdkSystemProperties;
import io.execready.harness.LocalAws;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.KmsKey;
import io.execready.snapshot.LogGroup;
import io.execready.snapshot.S3Bucket;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * The KMS, CloudWatch Logs and S3 reads through {@link SdkReadSource}, and the ECS tag read, over the clients {@link AwsClients} builds,
 * against the local emulator: the requests the product makes, the answers it reads.
 */
@Tag("emulator")
class SdkReadSourceTest {

    private static LocalAws aws;
    private static SdkSystemProperties saved;
    private static AwsClients clients;

    @BeforeAll
    static void start() {
        saved = SdkSystemProperties.save();
        aws = LocalAws.start();
        aws.applyToSystemProperties();
        clients = new AwsClients(Region.US_EAST_1);
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        saved.restore();
    }

    @Test
    void describeKey_readsEachKeyState() {
        ReadSource kms = new SdkReadSource(clients);
        KeyMetadata enabled = clients.kms().createKey().keyMetadata();
        KeyMetadata disabled = clients.kms().createKey().keyMetadata();
        clients.kms().disableKey(r -> r.keyId(disabled.keyId()));
        KeyMetadata deleted = clients.kms().createKey().keyMetadata();
        clients.kms().scheduleKeyDeletion(r -> r.keyId(deleted.keyId()).pendingWindowInDays(7));

        assertThat(kms.read(KmsReads.DESCRIBE_KEY, enabled.arn())).isEqualTo(Fetched.present(new KmsKey(enabled.arn(), "Enabled")));
        assertThat(kms.read(KmsReads.DESCRIBE_KEY, disabled.keyId())).isEqualTo(Fetched.present(new KmsKey(disabled.arn(), "Disabled")));
        assertThat(kms.read(KmsReads.DESCRIBE_KEY, deleted.arn())).isEqualTo(Fetched.present(new KmsKey(deleted.arn(), "PendingDeletion")));
    }

    @Test
    void describeKey_resolvesAnAliasToItsKey() {
        ReadSource kms = new SdkReadSource(clients);
        KeyMetadata key = clients.kms().createKey().keyMetadata();
        clients.kms().createAlias(r -> r.aliasName("alias/exec-sessions").targetKeyId(key.keyId()));

        assertThat(kms.read(KmsReads.DESCRIBE_KEY, "alias/exec-sessions")).isEqualTo(Fetched.present(new KmsKey(key.arn(), "Enabled")));
    }

    @Test
    void describeKey_whenNoSuchKey_isAbsent() {
        Fetched<KmsKey> missing = new SdkReadSource(clients).read(KmsReads.DESCRIBE_KEY, "arn:aws:kms:us-east-1:" + LocalAws.ACCOUNT_ID
                + ":key/11111111-2222-3333-4444-555555555555");

        assertThat(missing).isInstanceOfSatisfying(Fetched.Absent.class,
                a -> assertThat(a.description()).contains("11111111-2222-3333-4444-555555555555", "does not exist"));
    }

    @Test
    void describeLogGroup_readsTheGroupsKmsKey() {
        ReadSource logs = new SdkReadSource(clients);
        String key = clients.kms().createKey().keyMetadata().arn();
        clients.logs().createLogGroup(r -> r.logGroupName("/ecs/exec/encrypted").kmsKeyId(key));
        clients.logs().createLogGroup(r -> r.logGroupName("/ecs/exec/plain"));

        assertThat(logs.read(LogsReads.LOG_GROUP, "/ecs/exec/encrypted")).isEqualTo(Fetched.present(new LogGroup("/ecs/exec/encrypted", key)));
        assertThat(logs.read(LogsReads.LOG_GROUP, "/ecs/exec/plain")).isEqualTo(Fetched.present(new LogGroup("/ecs/exec/plain", null)));
    }

    @Test
    void describeLogGroup_whenOnlyGroupsWithTheNameAsPrefixExist_isAbsent() {
        clients.logs().createLogGroup(r -> r.logGroupName("/ecs/audit-old"));

        Fetched<LogGroup> missing = new SdkReadSource(clients).read(LogsReads.LOG_GROUP, "/ecs/audit");

        assertThat(missing).isInstanceOfSatisfying(Fetched.Absent.class, a -> assertThat(a.description()).contains("/ecs/audit does not exist"));
    }

    @Test
    void describeLogGroup_readsPastTheFirstPage() {
        // DescribeLogGroups returns 50 groups a page; the exact name sorts after 60 longer ones.
        IntStream.range(0, 60).forEach(i -> clients.logs().createLogGroup(r -> r.logGroupName(String.format("/paged/a-%02d", i))));
        clients.logs().createLogGroup(r -> r.logGroupName("/paged/z"));

        assertThat(new SdkReadSource(clients).read(LogsReads.LOG_GROUP, "/paged/z")).isEqualTo(Fetched.present(new LogGroup("/paged/z", null)));
    }

    @Test
    void describeBucket_readsEncryptionAndTellsAMissingBucket() {
        ReadSource s3 = new SdkReadSource(clients);
        clients.s3().createBucket(r -> r.bucket("exec-audit-plain"));
        clients.s3().createBucket(r -> r.bucket("exec-audit-sse-s3"));
        clients.s3().putBucketEncryption(r -> r.bucket("exec-audit-sse-s3").serverSideEncryptionConfiguration(c -> c
                .rules(ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)).build())));
        clients.s3().createBucket(r -> r.bucket("exec-audit-kms"));
        clients.s3().putBucketEncryption(r -> r.bucket("exec-audit-kms").serverSideEncryptionConfiguration(c -> c
                .rules(ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)).build())));

        // The emulator answers ServerSideEncryptionConfigurationNotFoundError for a bucket that never had
        // encryption set (real S3 reports SSE-S3 for every bucket): read as no default encryption.
        assertThat(s3.read(S3Reads.BUCKET, "exec-audit-plain")).isEqualTo(Fetched.present(new S3Bucket("exec-audit-plain", null)));
        assertThat(s3.read(S3Reads.BUCKET, "exec-audit-sse-s3")).isEqualTo(Fetched.present(new S3Bucket("exec-audit-sse-s3", "AES256")));
        assertThat(s3.read(S3Reads.BUCKET, "exec-audit-kms")).isEqualTo(Fetched.present(new S3Bucket("exec-audit-kms", "aws:kms")));
        assertThat(s3.read(S3Reads.BUCKET, "exec-audit-missing")).isInstanceOfSatisfying(Fetched.Absent.class,
                a -> assertThat(a.description()).contains("exec-audit-missing does not exist"));
    }

    @Test
    void keyPolicy_readsTheDefaultPolicyOnceAndTellsAMissingKey() {
        String keyArn = clients.kms().createKey().keyMetadata().arn();
        ReadSource kms = new SdkReadSource(clients, new ReadCache());

        Fetched<io.execready.policy.PolicyDocument> policy = kms.read(KmsReads.KEY_POLICY, keyArn);

        assertThat(policy.asOptional()).hasValueSatisfying(p -> assertThat(p.statements()).anySatisfy(statement ->
                assertThat(statement.principal()).containsEntry("AWS", java.util.List.of("arn:aws:iam::" + LocalAws.ACCOUNT_ID + ":root"))));
        assertThat(kms.read(KmsReads.KEY_POLICY, keyArn)).as("read once per invocation").isSameAs(policy);
        assertThat(kms.read(KmsReads.KEY_POLICY, "arn:aws:kms:us-east-1:" + LocalAws.ACCOUNT_ID + ":key/00000000-0000-0000-0000-000000000000"))
                .isInstanceOf(Fetched.Absent.class);
    }

    @Test
    void bucketPolicy_readsItOrTellsThatThereIsNone() {
        ReadSource s3 = new SdkReadSource(clients);
        clients.s3().createBucket(r -> r.bucket("exec-audit-with-policy"));
        clients.s3().putBucketPolicy(r -> r.bucket("exec-audit-with-policy").policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"TlsOnly\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::exec-audit-with-policy/*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"));
        clients.s3().createBucket(r -> r.bucket("exec-audit-without-policy"));

        assertThat(s3.read(S3Reads.BUCKET_POLICY, "exec-audit-with-policy").asOptional()).hasValueSatisfying(p ->
                assertThat(p.statements()).singleElement().satisfies(statement -> assertThat(statement.sid()).isEqualTo("TlsOnly")));
        assertThat(s3.read(S3Reads.BUCKET_POLICY, "exec-audit-without-policy")).isInstanceOfSatisfying(Fetched.Absent.class,
                a -> assertThat(a.description()).contains("has no bucket policy"));
        assertThat(s3.read(S3Reads.BUCKET_POLICY, "exec-audit-nowhere")).isInstanceOf(Fetched.Absent.class);
    }

    @Test
    void listTagsForResource_readsTheTags() {
        String clusterArn = clients.ecs().createCluster(r -> r.clusterName("tagged").tags(software.amazon.awssdk.services.ecs.model.Tag.builder().key("team").value("payments").build())).cluster().clusterArn();

        assertThat(new SdkEcsGateway(clients.ecs()).listTagsForResource(clusterArn)).isEqualTo(Fetched.present(Map.of("team", "payments")));
    }
}
