package io.execready.aws;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * Builds each SDK client once per Lambda environment, on first use, sharing one lightweight HTTP
 * client. Endpoints are never configured here: the SDK itself honours {@code AWS_ENDPOINT_URL}, which
 * is how local runs reach an emulator without any code path of their own.
 */
public final class AwsClients implements ServiceClients {

    private final Region region;
    private final AwsCallRecorder callRecorder = new AwsCallRecorder();
    private final SdkHttpClient httpClient;
    private final ClientOverrideConfiguration overrides;
    private final Lazy<EcsClient> ecs;
    private final Lazy<Ec2Client> ec2;
    private final Lazy<IamClient> iam;
    private final Lazy<KmsClient> kms;
    private final Lazy<CloudWatchLogsClient> logs;
    private final Lazy<S3Client> s3;
    private final Lazy<SecurityHubClient> securityHub;
    private final Lazy<SnsClient> sns;
    private final Map<Region, SnsClient> otherRegionSns = new ConcurrentHashMap<>();
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<SqsClient> sqs;
    private final Map<Class<? extends SdkClient>, Supplier<? extends SdkClient>> readClients = Map.of(
            EcsClient.class, this::ecs, Ec2Client.class, this::ec2, IamClient.class, this::iam,
            KmsClient.class, this::kms, CloudWatchLogsClient.class, this::logs, S3Client.class, this::s3);

    public AwsClients(Region region) {
        this(region, AwsCallLimits.DEFAULT);
    }

    /**
     * @param limits timeouts and attempts of every call: standard retries with jittered backoff, so
     *               throttling or a timeout that outlasts them surfaces as a failed read
     */
    public AwsClients(Region region, AwsCallLimits limits) {
        this(region, limits, UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(limits.attemptTimeout())
                .build());
    }

    /** The same over the given HTTP client, which every client built here shares (the command line defers its TLS set-up). */
    public AwsClients(Region region, AwsCallLimits limits, SdkHttpClient httpClient) {
        this.region = region;
        this.httpClient = httpClient;
        this.overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(limits.maxAttempts()).build())
                .apiCallAttemptTimeout(limits.attemptTimeout())
                .apiCallTimeout(limits.callTimeout())
                .addExecutionInterceptor(callRecorder)
                .build();
        this.ecs = lazily(EcsClient::builder);
        this.ec2 = lazily(Ec2Client::builder);
        // IAM is a global service: the SDK maps every region of a partition to IAM's single endpoint.
        this.iam = lazily(IamClient::builder);
        this.kms = lazily(KmsClient::builder);
        this.logs = lazily(CloudWatchLogsClient::builder);
        // An audit bucket may live in another region; the client follows S3's redirect to it.
        this.s3 = lazily(S3Client::builder, builder -> builder.crossRegionAccessEnabled(true));
        this.securityHub = lazily(SecurityHubClient::builder);
        // An SNS error after SNS accepted a message cannot be told from one before it, and publishing
        // is not idempotent: the SDK retries only throttling (a refusal, nothing was sent). Other
        // errors fail the send; the alert claim is given back and Lambda's retry sends once more.
        this.sns = lazily(SnsClient::builder, builder -> builder.overrideConfiguration(overrides.toBuilder()
                .retryStrategy(StandardRetryStrategy.builder()
                        .maxAttempts(limits.maxAttempts())
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(5)))
                        .retryOnException(AwsClients::throttled)
                        .treatAsThrottling(AwsClients::throttled)
                        .circuitBreakerEnabled(false)
                        // Else the client adds its defaults, which retry server errors and timeouts too.
                        .useClientDefaults(false)
                        .build())
                .build()));
        this.dynamoDb = lazily(DynamoDbClient::builder);
        this.sqs = lazily(SqsClient::builder);
    }

    private static boolean throttled(Throwable e) {
        return e instanceof SdkServiceException service && service.isThrottlingException();
    }

    public Region region() {
        return region;
    }

    /** Every call made through these clients, by operation. */
    public AwsCallRecorder callRecorder() {
        return callRecorder;
    }

    /** The client an {@link AwsRead} declares, among those the checker reads with. */
    @Override
    public <C extends SdkClient> C client(Class<C> type) {
        return Optional.ofNullable(readClients.get(type))
                .map(client -> type.cast(client.get()))
                .orElseThrow(() -> new IllegalArgumentException("AwsClients builds no " + type.getSimpleName() + " for reads"));
    }

    public EcsClient ecs() {
        return ecs.getValue();
    }

    public Ec2Client ec2() {
        return ec2.getValue();
    }

    public IamClient iam() {
        return iam.getValue();
    }

    /** The HTTP client every SDK client shares, for the one call made without an SDK client (ssm:TerminateSession). */
    public SdkHttpClient httpClient() {
        return httpClient;
    }

    public KmsClient kms() {
        return kms.getValue();
    }

    public CloudWatchLogsClient logs() {
        return logs.getValue();
    }

    public S3Client s3() {
        return s3.getValue();
    }

    public SecurityHubClient securityHub() {
        return securityHub.getValue();
    }

    public SnsClient sns() {
        return sns.getValue();
    }

    /**
     * An SNS client of the given region, for a topic that lives there (an organisation's central
     * alert topic): SNS only accepts a publish sent to the topic's own regional endpoint.
     */
    public SnsClient sns(Region topicRegion) {
        if (topicRegion.equals(region)) {
            return sns();
        }
        return otherRegionSns.computeIfAbsent(topicRegion, other -> SnsClient.builder()
                .region(other)
                .httpClient(httpClient)
                .overrideConfiguration(overrides)
                .build());
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.getValue();
    }

    public SqsClient sqs() {
        return sqs.getValue();
    }

    private <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> Lazy<C> lazily(Supplier<B> builder) {
        return lazily(builder, UnaryOperator.identity());
    }

    private <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> Lazy<C> lazily(Supplier<B> builder, UnaryOperator<B> serviceSettings) {
        // The service's own settings last, so that they may replace the shared ones.
        return new Lazy<>(() -> serviceSettings.apply(builder.get()
                .region(region)
                .httpClient(httpClient)
                .overrideConfiguration(overrides))
                .build());
    }
}
