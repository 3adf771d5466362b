package io.execready.functions;

import io.execready.aws.AwsCallRecorder;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The AWS calls one unit of work made, by operation ({@code service:Operation -> count}, sorted),
 * as every log line reports them.
 */
record AwsCallCount(Map<String, Long> byOperation) {

    AwsCallCount {
        byOperation = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(byOperation, "byOperation")));
    }

    /** The calls recorded since the last drain; the recorder starts again from zero. */
    static AwsCallCount drain(AwsCallRecorder recorder) {
        return new AwsCallCount(recorder.drain());
    }

    long total() {
        return byOperation.values().stream().mapToLong(Long::longValue).sum();
    }

    long of(String operation) {
        return byOperation.getOrDefault(operation, 0L);
    }
}
