package io.execready.state;

import io.execready.engine.CheckResult;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.ProspectiveTask;
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

    public static String of(CheckResult result, EcsTask task) {
        StringBuilder verdict = new StringBuilder()
                .append(result.status()).append('\n')
                .append(result.severity()).append('\n')
                .append(withoutTask(result.message(), task)).append('\n')
                .append(withoutTask(result.remediation(), task)).append('\n');
        result.causeResource().ifPresent(cause -> verdict.append(cause.type()).append(' ').append(cause.id()));
        return sha256(verdict.toString());
    }

    static String withoutTask(String text, EcsTask task) {
        if (ProspectiveTask.isProspective(task)) {
            // A preflight names "the next task of service S" where a task's evaluation names "task ID":
            // the same verdict either way, so both become the placeholder.
            String named = text.replace("the next task of service " + task.serviceName().orElse(""), "task " + TASK_PLACEHOLDER)
                    .replace("The next task of service " + task.serviceName().orElse(""), "Task " + TASK_PLACEHOLDER);
            return named.replace(task.taskArn(), TASK_PLACEHOLDER);
        }
        String withoutArn = text.replace(task.taskArn(), TASK_PLACEHOLDER);
        String taskId = task.taskId();
        return taskId.isEmpty() ? withoutArn : withoutArn.replace(taskId, TASK_PLACEHOLDER);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
