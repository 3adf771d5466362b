package io.execready.checks.task;

import io.execready.checks.support.TaskPlatform;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.InstanceMetadataOptions;
import io.execready.snapshot.RoleSource;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskRole;
import io.execready.snapshot.TaskSnapshot;
import java.util.Locale;

/**
 * A task without a task role runs its exec agent as the instance profile's role, whose credentials
 * come from the instance metadata service. From a bridge or awsvpc container that is one network
 * hop more than from the host: with IMDSv2 required and a hop limit of 1 the token response never
 * arrives, and the agent has no credentials. host mode shares the instance's network, and a task
 * role comes from the ECS credentials endpoint instead.
 */
public final class InstanceMetadataReachableCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "instance-metadata-reachable",
            "The exec agent can reach instance metadata for the instance profile's credentials",
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html")
            .failingWith(OperatorError.TARGET_NOT_CONNECTED);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        if (TaskPlatform.isFargate(snapshot.task())) {
            return DEFINITION.notApplicable(Wording.capitalised(Wording.task(snapshot.target())) + " runs on Fargate, which has no instance metadata to reach.");
        }
        return switch (snapshot.taskRole()) {
            case Fetched.Failed<TaskRole> failed -> UnreadableFact.TASK_ROLE.unknown(DEFINITION, snapshot.target(), failed);
            case Fetched.Absent<TaskRole> absent -> DEFINITION.notApplicable(Wording.capitalised(Wording.task(snapshot.target()))
                    + " runs as no role at all (see task-role-present).");
            case Fetched.Present<TaskRole> role when role.value().source() != RoleSource.INSTANCE_PROFILE -> DEFINITION.notApplicable(
                    Wording.capitalised(Wording.task(snapshot.target())) + " has a task role, whose credentials come from the ECS credentials endpoint.");
            case Fetched.Present<TaskRole> role -> UnreadableFact.withTaskDefinition(DEFINITION, snapshot, td -> judge(snapshot, td, role.value()));
        };
    }

    private static CheckResult judge(TaskSnapshot snapshot, TaskDefinition taskDefinition, TaskRole role) {
        String mode = taskDefinition.networkMode() == null ? "bridge" : taskDefinition.networkMode().toLowerCase(Locale.ROOT);
        String task = Wording.capitalised(Wording.task(snapshot.target()));
        if ("host".equals(mode)) {
            return DEFINITION.notApplicable(task + " uses host networking, so its exec agent reaches instance metadata as the instance does.");
        }
        if (role.instanceMetadata().isEmpty()) {
            return DEFINITION.unknown(task + " runs as instance profile role " + role.roleArn()
                            + ", and EC2 reported no metadata options for its instance.",
                    "Read them with aws ec2 describe-instances --query Reservations[].Instances[].MetadataOptions, then evaluate the task again.");
        }
        InstanceMetadataOptions options = role.instanceMetadata().get();
        String settings = "HttpEndpoint " + options.httpEndpoint() + ", HttpTokens " + options.httpTokens() + ", hop limit " + options.hopLimit();
        CheckResult result;
        if (options.endpointDisabled()) {
            result = DEFINITION.fail(task + " runs as instance profile role " + role.roleArn()
                            + ", but its instance has the metadata service turned off, so the exec agent gets no credentials.",
                    "Give the task a task role (taskRoleArn), or turn metadata on with aws ec2 modify-instance-metadata-options --instance-id INSTANCE_ID"
                            + " --http-endpoint enabled --http-put-response-hop-limit 2.");
        } else if (options.allowsVersion1() || (options.hopLimit() != null && options.hopLimit() >= 2)) {
            result = DEFINITION.pass(task + " runs as instance profile role " + role.roleArn() + " in " + mode
                    + " mode, and its instance's metadata service answers a container (" + settings + ").");
        } else {
            result = DEFINITION.fail(task + " runs as instance profile role " + role.roleArn() + " in " + mode
                            + " mode, and its instance requires IMDSv2 with a hop limit of " + options.hopLimit()
                            + ", so the token never reaches the container and the exec agent gets no credentials.",
                    "Give the task a task role (taskRoleArn), or raise the hop limit with aws ec2 modify-instance-metadata-options --instance-id INSTANCE_ID"
                            + " --http-put-response-hop-limit 2 (and in the launch template for new instances).");
        }
        return result.withEvidence("metadataOptions", settings).withEvidence("networkMode", mode);
    }
}
