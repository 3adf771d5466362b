package io.execready.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * The route table a subnet uses.
 *
 * @param routeTableId the route table id
 * @param vpcId        its VPC
 * @param main         true when it is the VPC's main table, which the subnet uses because it has no
 *                     explicit association of its own
 * @param routes       its routes
 */
public record RouteTable(String routeTableId, String vpcId, boolean main, List<Route> routes) {

    public RouteTable {
        Objects.requireNonNull(routeTableId, "routeTableId");
        routes = routes == null ? List.of() : List.copyOf(routes);
    }
}
