package io.execready.engine;

import java.util.Objects;

/**
 * The AWS resource a result blames, when it is not the task itself: the IAM role that lacks a
 * permission, the VPC endpoint that is missing, the log group without a key.
 *
 * @param type an ASFF resource type, such as {@code AwsIamRole} or {@code Other}
 * @param id   the resource's ARN where it has one, else its identifier
 */
public record CauseResource(String type, String id) {
    public CauseResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static CauseResource iamRole(String roleArn) {
        return new CauseResource("AwsIamRole", roleArn);
    }

    public static CauseResource other(String id) {
        return new CauseResource("Other", id);
    }
}
