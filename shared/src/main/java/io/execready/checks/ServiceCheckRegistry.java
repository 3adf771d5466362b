package io.execready.checks;

import io.execready.checks.service.ServiceExecEnabledCheck;
import io.execready.checks.service.ServiceTasksCurrentCheck;
import io.execready.engine.ServiceCheck;
import java.util.List;

/** Every implemented service check, in the catalog's order. Listed by hand, like {@link CheckRegistry}. */
public final class ServiceCheckRegistry {

    private static final List<ServiceCheck> ALL = List.of(
            new ServiceExecEnabledCheck(),
            new ServiceTasksCurrentCheck());

    private ServiceCheckRegistry() {
    }

    /** The service checks, in catalog order; the list is immutable and the checks are stateless. */
    public static List<ServiceCheck> all() {
        return ALL;
    }
}
