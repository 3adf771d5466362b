package io.execready.cli;

import io.execready.aws.AwsCallLimits;
import io.execready.aws.AwsClients;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * The SDK clients a terminal check uses, each built on first use: the engine's {@link AwsClients}
 * (shared HTTP client, timeouts, retries) and STS, which only the command line asks. Credentials
 * and endpoint come from the SDK's default chains ({@code AWS_PROFILE} / {@code aws.profile},
 * {@code AWS_ENDPOINT_URL}), as the AWS CLI's do.
 */
public final class TerminalClients {

    /** A person waits: three attempts of at most 10 s, 25 s in all per call. */
    static final AwsCallLimits LIMITS = new AwsCallLimits(3, Duration.ofSeconds(10), Duration.ofSeconds(25));

    private final AwsClients engine;
    private final Lazy<StsClient> sts;

    public TerminalClients(Region region) {
        SdkHttpClient http = new DeferredTlsHttpClient(Duration.ofSeconds(3), LIMITS.attemptTimeout());
        this.engine = new AwsClients(region, LIMITS, http);
        this.sts = new Lazy<>(() -> StsClient.builder()
                .region(region)
                .httpClient(http)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(LIMITS.attemptTimeout()).apiCallTimeout(LIMITS.callTimeout()))
                .build());
    }

    public StsClient sts() {
        return sts.getValue();
    }

    public EcsClient ecs() {
        return engine.ecs();
    }

    public Ec2Client ec2() {
        return engine.ec2();
    }

    public IamClient iam() {
        return engine.iam();
    }

    /** The engine's clients, for the reads declared as {@link io.execready.aws.AwsRead} constants. */
    AwsClients engine() {
        return engine;
    }
}
