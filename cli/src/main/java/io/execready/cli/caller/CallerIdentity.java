package io.execready.cli.caller;

import io.execready.aws.AwsReads;
import io.execready.snapshot.Fetched;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Who runs the command line, as the principal IAM simulates: sts:GetCallerIdentity, then for an
 * assumed role one iam:GetRole for its path. Present with the principal's ARN; Absent when the
 * caller is one IAM cannot simulate (the description says why); Failed when a read failed.
 */
public final class CallerIdentity {

    private final Supplier<StsClient> sts;
    private final Supplier<IamClient> iam;

    public CallerIdentity(Supplier<StsClient> sts, Supplier<IamClient> iam) {
        this.sts = Objects.requireNonNull(sts, "sts");
        this.iam = Objects.requireNonNull(iam, "iam");
    }

    public Fetched<String> principalArn() {
        return AwsReads.read("sts:GetCallerIdentity", () -> Fetched.present(sts.get().getCallerIdentity().arn()))
                .flatMap(this::principalOf);
    }

    private Fetched<String> principalOf(String callerArn) {
        return switch (CallerArn.parse(callerArn)) {
            case CallerArn.Simulatable simulatable -> Fetched.present(simulatable.principalArn());
            case CallerArn.NotSimulatable not -> Fetched.absent("you are " + not.arn() + ": " + not.why());
            case CallerArn.AssumedRole role -> AwsReads.read("iam:GetRole", () -> {
                try {
                    return Fetched.present(role.roleArn(iam.get().getRole(r -> r.roleName(role.roleName())).role().path()));
                } catch (NoSuchEntityException e) {
                    return Fetched.absent("you are " + role.sessionArn() + ", a session of role " + role.roleName()
                            + ", which iam:GetRole does not find in account " + role.account());
                }
            });
        };
    }
}
