package io.execready.aws;

import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionSimulation;
import java.util.List;
import java.util.Objects;

/**
 * Shares simulations through a {@link ReadCache}: tasks of one service run as one role, and
 * iam:SimulatePrincipalPolicy throttles early, so a query is asked once per invocation.
 */
public final class CachingIamGateway implements IamGateway {

    private final IamGateway delegate;
    private final ReadCache cache;

    public CachingIamGateway(IamGateway delegate, ReadCache cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Fetched<PermissionSimulation> simulate(PermissionQuery query) {
        return cache.get(query, () -> delegate.simulate(query));
    }

    @Override
    public Fetched<String> instanceProfileRole(String instanceProfileArn) {
        return cache.get(List.of("iam:GetInstanceProfile", instanceProfileArn), () -> delegate.instanceProfileRole(instanceProfileArn));
    }
}
