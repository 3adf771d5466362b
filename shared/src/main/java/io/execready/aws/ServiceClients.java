package io.execready.aws;

import java.util.List;
import software.amazon.awssdk.core.SdkClient;

/**
 * The SDK client of a service, by its type: what an {@link AwsRead} is made with. {@link AwsClients}
 * builds each on first use; {@link #of} hands in clients made elsewhere (a test's stub client).
 */
public interface ServiceClients {

    /** The client of this type; a type this source does not hold is a defect, not a failed read. */
    <C extends SdkClient> C client(Class<C> type);

    /** Exactly these clients, each found by the type it implements. */
    static ServiceClients of(SdkClient... clients) {
        List<SdkClient> held = List.of(clients);
        return new ServiceClients() {
            @Override
            public <C extends SdkClient> C client(Class<C> type) {
                return held.stream().filter(type::isInstance).map(type::cast).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no " + type.getSimpleName() + " was handed in"));
            }
        };
    }
}
