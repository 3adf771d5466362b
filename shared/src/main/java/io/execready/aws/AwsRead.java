package io.execready.aws;

import io.execready.snapshot.Fetched;
import java.util.Objects;
import java.util.function.BiFunction;
import software.amazon.awssdk.core.SdkClient;

/**
 * One AWS read, declared once as a constant of its service (e.g. {@link KmsReads#KEY_POLICY}): the IAM
 * action it needs, and the SDK call that makes it with the answer mapped to a snapshot value. The call
 * returns Present, or Absent when AWS says there is no such thing; any other SDK error is classified
 * by {@link AwsReads} where the read is made ({@link SdkReadSource}), so a declaration holds no
 * error handling but its service's "not found". Loaders ask a {@link ReadSource} for it, and tests
 * answer it through one generic double, so a new read is one constant and nothing else in this package.
 *
 * @param <A> what the read is about (a key id, a bucket name)
 * @param <T> what it answers
 */
public final class AwsRead<A, T> {

    private final String action;
    private final BiFunction<ServiceClients, A, Fetched<T>> call;

    private AwsRead(String action, BiFunction<ServiceClients, A, Fetched<T>> call) {
        this.action = Objects.requireNonNull(action, "action");
        this.call = Objects.requireNonNull(call, "call");
    }

    /**
     * @param action the IAM action the read needs, as the template grants it ({@code kms:GetKeyPolicy})
     * @param client the type of the SDK client that makes the call; the client is taken only when the
     *               read is made, so a service that is never read never builds its client
     * @param call   the SDK call and the mapping of its answer
     */
    public static <C extends SdkClient, A, T> AwsRead<A, T> of(String action, Class<C> client, BiFunction<C, A, Fetched<T>> call) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(call, "call");
        return new AwsRead<>(action, (clients, argument) -> call.apply(clients.client(client), argument));
    }

    public String action() {
        return action;
    }

    /** Makes the SDK call; only {@link SdkReadSource} calls it, through the cache and the classification. */
    Fetched<T> call(ServiceClients clients, A argument) {
        return call.apply(clients, argument);
    }

    @Override
    public String toString() {
        return action;
    }
}
