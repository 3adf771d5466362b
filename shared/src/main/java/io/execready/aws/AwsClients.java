package io.execready.aws;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * Builds each SDK client once per Lambda environment, on first use, sharing one lightweight HTTP
 * client. Endpoints are never configured here: the SDK itself honours {@code AWS_ENDPOINT_URL}, which
 * is how local runs reach an emulator without any code path of their own.
 */
public final class AwsClients {

    /** Standard retries with jittered backoff; throttling that outlasts them surfaces as a failed read. */
    private static final int MAX_ATTEMPTS = 4;

    private final Region region;
    private final SdkHttpClient httpClient;
    private final ClientOverrideConfiguration overrides;
    private final Lazy<EcsClient> ecs;
    private final Lazy<Ec2Client> ec2;
    private final Lazy<IamClient> iam;
    private final Lazy<SecurityHubClient> securityHub;
    private final Lazy<SnsClient> sns;

    public AwsClients(Region region) {
        this.region = region;
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
        this.overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .apiCallTimeout(Duration.ofSeconds(45))
                .build();
        this.ecs = lazily(EcsClient::builder);
        this.ec2 = lazily(Ec2Client::builder);
        // IAM is a global service: the SDK maps every region of a partition to IAM's single endpoint.
        this.iam = lazily(IamClient::builder);
        this.securityHub = lazily(SecurityHubClient::builder);
        this.sns = lazily(SnsClient::builder);
    }

    public Region region() {
        return region;
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

    public SecurityHubClient securityHub() {
        return securityHub.getValue();
    }

    public SnsClient sns() {
        return sns.getValue();
    }

    private <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> Lazy<C> lazily(Supplier<B> builder) {
        return new Lazy<>(() -> builder.get()
                .region(region)
                .httpClient(httpClient)
                .overrideConfiguration(overrides)
                .build());
    }
}
