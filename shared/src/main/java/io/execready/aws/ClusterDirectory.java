package io.execready.aws;

import io.execready.snapshot.Fetched;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The account's clusters in the client's region, for the periodic sweep. */
public final class ClusterDirectory {

    private final EcsClient ecs;

    public ClusterDirectory(EcsClient ecs) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
    }

    /** Every cluster ARN, all pages of ecs:ListClusters (100 per page). */
    public Fetched<List<String>> clusterArns() {
        return AwsReads.read("ecs:ListClusters", () -> Fetched.present(ecs.listClustersPaginator(r -> r.maxResults(100))
                .clusterArns().stream().toList()));
    }
}
