package io.execready.evaluation;

import io.execready.engine.ReadFailedException;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.Subject;
import java.util.Optional;

/**
 * Whether a service still exists, read from ecs:DescribeServices. A deleted service is DRAINING
 * until its tasks stop, then INACTIVE, which the gateway reports as absent: both are gone.
 */
public sealed interface ServicePresence {

    /** The service exists and is not being deleted. */
    record Active(EcsService service) implements ServicePresence {
    }

    /** The service was deleted and is draining its tasks. */
    record Draining(EcsService service) implements ServicePresence {
    }

    /** ECS has no such service (never created, or deleted and drained). */
    record Missing(String why) implements ServicePresence {
    }

    /** The service could not be read, so whether it exists is unknown. */
    record Unreadable(ReadFailure failure) implements ServicePresence {
    }

    static ServicePresence of(Fetched<EcsService> described) {
        return switch (described) {
            case Fetched.Present<EcsService> present when present.value().draining() -> new Draining(present.value());
            case Fetched.Present<EcsService> present -> new Active(present.value());
            case Fetched.Absent<EcsService> absent -> new Missing(absent.description());
            // ClusterNotFoundException: no cluster, so no service.
            case Fetched.Failed<EcsService> failed when failed.failure().kind() == FailureKind.NOT_FOUND -> new Missing(failed.failure().describe());
            case Fetched.Failed<EcsService> failed -> new Unreadable(failed.failure());
        };
    }

    /**
     * Why the subject's service is gone; empty while it exists. A service that cannot be read fails
     * the invocation, so that Lambda retries it rather than archiving a service that lives.
     */
    default Optional<String> gone(Subject subject) {
        return switch (this) {
            case Active active -> Optional.empty();
            case Draining draining -> Optional.of("service " + draining.service().serviceName() + " was deleted and is draining");
            case Missing missing -> Optional.of(missing.why());
            case Unreadable unreadable -> throw new ReadFailedException(
                    "Cannot tell whether " + subject.describe() + " still exists", unreadable.failure());
        };
    }
}
