package io.execready.evaluation;

import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.TaskSnapshot;
import java.util.Objects;

/**
 * Whether an evaluated task may change its subject's findings. A service's verdict comes from the
 * tasks of its PRIMARY deployment: a task of an older deployment still running during a rollout
 * (or of a newer one that was rolled back) is evidence, not the verdict.
 *
 * @param authoritative whether the task's verdict is the subject's
 * @param reason        why, in one sentence
 */
public record PublishAuthority(boolean authoritative, String reason) {

    public PublishAuthority {
        Objects.requireNonNull(reason, "reason");
    }

    public static PublishAuthority of(TaskSnapshot snapshot) {
        EcsTask task = snapshot.task();
        if (task.serviceName().isEmpty()) {
            return new PublishAuthority(true, "the task is its group's latest evaluated task");
        }
        return switch (snapshot.owningService()) {
            case Fetched.Present<EcsService> present -> ofService(task, present.value());
            case Fetched.Absent<EcsService> absent -> new PublishAuthority(false,
                    "the service no longer exists (" + absent.description() + "); its findings are settled when its tasks stop");
            // Without the service its deployments are unknown; refusing every task would silence a
            // subject whose describe permission is missing, so the task speaks for it.
            case Fetched.Failed<EcsService> failed -> new PublishAuthority(true,
                    "the service could not be read (" + failed.failure().describe() + "), so the task's deployment is taken as the primary one");
        };
    }

    private static PublishAuthority ofService(EcsTask task, EcsService service) {
        if (service.draining()) {
            return new PublishAuthority(false, "service " + service.serviceName() + " is being deleted");
        }
        String primary = service.primaryDeploymentId();
        if (primary == null) {
            return new PublishAuthority(true, "service " + service.serviceName() + " reports no PRIMARY deployment to compare with");
        }
        if (primary.equals(task.startedBy())) {
            return new PublishAuthority(true, "the task belongs to the service's PRIMARY deployment " + primary);
        }
        return new PublishAuthority(false, "the task was started by " + (task.startedBy() == null ? "an unknown deployment" : task.startedBy())
                + ", not by the service's PRIMARY deployment " + primary + ": it is evidence, not the service's verdict");
    }
}
