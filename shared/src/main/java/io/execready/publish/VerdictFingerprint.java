package io.execready.publish;

import io.execready.engine.CheckResult;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.NextTaskOf;
import io.execready.snapshot.RunningTask;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a finding says, reduced to a hash: status, severity, message, remediation and the resource
 * at fault. Not which task said it: every task of a deployment would otherwise count as a change
 * and be imported again. Messages name the task they were evaluated on ("Task 4f0c... in cluster
 * prod ..."), so the task's ARN and id are replaced by a placeholder before hashing.
 */
public final class VerdictFingerprint {

    static final String TASK_PLACEHOLDER = "<task>";

    private VerdictFingerprint() {
    }

    public static String of(CheckResult result, EvaluatedTask task) {
        StringBuilder verdict = new StringBuilder()
                .append(result.status()).append('\n')
                .append(result.severity()).append('\n')
                .append(withoutTask(result.message(), task)).append('\n')
                .append(withoutTask(result.remediation(), task)).append('\n');
        result.causeResource().ifPresent(cause -> verdict.append(cause.type()).append(' ').append(cause.id()));
        return sha256(verdict.toString());
    }

    static String withoutTask(String text, EvaluatedTask evaluated) {
        return switch (evaluated) {
            case NextTaskOf next -> {
                // A preflight names "the next task of service S" where a task's evaluation names "task ID":
                // the same verdict either way, so both become the placeholder.
                String service = next.service().serviceName();
                String named = text.replace("the next task of service " + service, "task " + TASK_PLACEHOLDER)
                        .replace("The next task of service " + service, "Task " + TASK_PLACEHOLDER);
                yield named.replace(next.task().taskArn(), TASK_PLACEHOLDER);
            }
            case RunningTask running -> {
                String withoutArn = text.replace(running.task().taskArn(), TASK_PLACEHOLDER);
                String taskId = running.task().taskId();
                yield taskId.isEmpty() ? withoutArn : withoutArn.replace(taskId, TASK_PLACEHOLDER);
            }
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
