package io.execready.engine;

import io.execready.snapshot.ServiceSnapshot;

/**
 * A rule about a service rather than one of its tasks: pure like {@link Check}, over a service
 * snapshot. Its results go to the same subject (the service) as its tasks' results.
 */
public interface ServiceCheck {

    CheckDefinition definition();

    CheckResult evaluate(ServiceSnapshot snapshot);

    default String id() {
        return definition().id();
    }
}
