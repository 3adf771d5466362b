package io.execready.cli.caller;

import java.util.Objects;

/**
 * What {@code sts:GetCallerIdentity}'s ARN says about whose permissions decide a request, read
 * without any AWS call. IAM simulates users and roles, not sessions: an assumed-role session is
 * simulated as its role, whose ARN carries a path the session ARN leaves out, so it needs one
 * {@code iam:GetRole} (never a scan of the account's roles, as the reference script does).
 */
public sealed interface CallerArn {

    /** A principal IAM can simulate as it is: an IAM user or role. */
    record Simulatable(String principalArn) implements CallerArn {
        public Simulatable {
            Objects.requireNonNull(principalArn, "principalArn");
        }
    }

    /** A session of a role ({@code arn:PARTITION:sts::ACCOUNT:assumed-role/NAME/SESSION}). */
    record AssumedRole(String sessionArn, String partition, String account, String roleName) implements CallerArn {
        public AssumedRole {
            Objects.requireNonNull(sessionArn, "sessionArn");
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(roleName, "roleName");
        }

        /** The role's ARN once its path is known ("/" for most roles, "/team/" for arn:...:role/team/NAME). */
        public String roleArn(String path) {
            String normalised = path == null || path.isBlank() ? "/" : path;
            return "arn:" + partition + ":iam::" + account + ":role" + normalised + roleName;
        }
    }

    /** A caller IAM cannot simulate (the account root, a federated user): why not. */
    record NotSimulatable(String arn, String why) implements CallerArn {
        public NotSimulatable {
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(why, "why");
        }
    }

    static CallerArn parse(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn")) {
            return new NotSimulatable(arn, "it is not an ARN");
        }
        String partition = parts[1];
        String service = parts[2];
        String account = parts[4];
        String resource = parts[5];
        if (service.equals("iam") && (resource.startsWith("user/") || resource.startsWith("role/"))) {
            return new Simulatable(arn);
        }
        if (service.equals("iam") && resource.equals("root")) {
            return new NotSimulatable(arn, "it is the account's root user, whose permissions IAM policy simulation does not evaluate");
        }
        if (service.equals("sts") && resource.startsWith("assumed-role/")) {
            String[] names = resource.split("/");
            if (names.length >= 3 && !names[1].isBlank()) {
                return new AssumedRole(arn, partition, account, names[1]);
            }
        }
        if (service.equals("sts") && resource.startsWith("user/")) {
            // Some emulators (moto) answer an IAM user's identity under sts; AWS answers under iam.
            return new Simulatable("arn:" + partition + ":iam::" + account + ":" + resource);
        }
        if (service.equals("sts") && resource.startsWith("federated-user/")) {
            return new NotSimulatable(arn, "it is a federated user, whose permissions come from a session policy IAM simulation cannot see");
        }
        return new NotSimulatable(arn, "IAM policy simulation takes users and roles, and this is neither");
    }
}
