package io.execready.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS API calls this execution environment makes, by operation, so each invocation can
 * log what it cost (calls per task is the number that decides whether an account hits ECS or IAM
 * throttling). Counts whole calls; the SDK's retries of one call are not counted again.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes);
    }

    /** Calls since the last drain, as {@code service:Operation -> count}, sorted; then starts again from zero. */
    public Map<String, Long> drain() {
        Map<String, Long> drained = new TreeMap<>();
        calls.forEach((operation, count) -> {
            long value = count.sumThenReset();
            if (value > 0) {
                drained.put(operation, value);
            }
        });
        return drained;
    }

    private void record(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(service + ":" + operation, key -> new LongAdder()).increment();
    }
}
