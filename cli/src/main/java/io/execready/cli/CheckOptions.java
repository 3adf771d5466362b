package io.execready.cli;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code execready check} was asked, parsed once from the command line.
 *
 * @param cluster cluster name or ARN
 * @param target  one task, a service's tasks, or every running task of the cluster
 * @param format  how the answer is printed
 * @param color   whether colour was allowed ({@code --no-color} turns it off; a pipe or NO_COLOR too)
 * @param profile the named profile to read credentials and region from, if given
 * @param region  the region, if given; else the SDK's default region chain decides
 */
public record CheckOptions(String cluster, Target target, OutputFormat format, boolean color, Optional<String> profile,
                           Optional<String> region) {

    public CheckOptions {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(region, "region");
    }

    /** Which tasks of the cluster are checked. */
    public sealed interface Target {
        /** One task, by id or ARN. */
        record OneTask(String task) implements Target {
            public OneTask {
                Objects.requireNonNull(task, "task");
            }
        }

        /** The service's own verdict (its preflight and service checks) and every running task it has. */
        record ServiceTasks(String service) implements Target {
            public ServiceTasks {
                Objects.requireNonNull(service, "service");
            }
        }

        /** Every running task of the cluster, with the inventory of exec-ready containers. */
        record WholeCluster() implements Target {
        }
    }

    /** How the answer is printed. */
    public enum OutputFormat {
        /** A section per subject with status, message and fix; coloured on a terminal. */
        TABLE,
        /** The on-demand check's report shape, for scripts. */
        JSON,
        /** Headings and tables to paste into a ticket. */
        MARKDOWN
    }
}
