package io.execready.evaluation;

import io.execready.aws.AwsRead;
import io.execready.aws.ReadSource;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Starts reads on the loader's executor. A read that throws past its gateway (a bug, not an AWS
 * error, which gateways return as Failed) still ends as Failed naming the action, so loading never aborts.
 */
final class AsyncReads {

    private final ExecutorService executor;
    private final ReadSource source;

    AsyncReads(ExecutorService executor, ReadSource source) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Starts a read declared as an {@link AwsRead}. */
    <A, T> CompletableFuture<Fetched<T>> read(AwsRead<A, T> read, A argument) {
        return read(read.action(), () -> source.read(read, argument));
    }

    <T> CompletableFuture<Fetched<T>> read(String action, Supplier<Fetched<T>> read) {
        return CompletableFuture.supplyAsync(read, executor)
                .exceptionally(e -> Fetched.failed(unexpected(action, e)));
    }

    static <T> CompletableFuture<Fetched<T>> done(Fetched<T> value) {
        return CompletableFuture.completedFuture(value);
    }

    /** A read that threw past its gateway: a defect in the checker, named by the action it was reading. */
    static ReadFailure unexpected(String action, Throwable e) {
        return new ReadFailure(action, FailureKind.UNEXPECTED, rootCause(e));
    }

    static String rootCause(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.toString();
    }
}
