package io.execready.checks.container;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.Severity;
import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exec agent and its sessions take memory from the task; when the containers reserve all of
 * the task-level memory there is none left for them.
 *
 * <p>A container counts with its soft limit ({@code memoryReservation}), else its hard limit
 * ({@code memory}); a container with neither reserves nothing. A task definition without
 * task-level memory (possible on EC2) has no shared budget to exhaust: each container is bounded
 * by its own limits and the instance, so the check does not apply.
 */
public final class ExecResourceHeadroomCheck implements Check {

    public static final CheckDefinition DEFINITION = new CheckDefinition(
            "exec-resource-headroom",
            "Task memory leaves headroom for the exec agent",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-considerations",
            Severity.LOW);

    /** "1024", "1024 MiB", "1 GB", "0.5GB": the forms ECS accepts for task memory. */
    private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(mib|mb|gib|gb)?");

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return UnreadableFact.withTaskDefinition(DEFINITION, snapshot, td -> evaluate(snapshot.target(), td));
    }

    private static CheckResult evaluate(EvaluatedTask target, TaskDefinition taskDefinition) {
        EcsTask task = target.task();
        String where = Wording.taskDefinition(taskDefinition) + " (" + Wording.task(target) + ")";
        if (taskDefinition.memory() == null || taskDefinition.memory().isBlank()) {
            return DEFINITION.notApplicable(Wording.capitalised(where)
                    + " sets no task-level memory, so there is no shared task budget the containers could use up.");
        }
        Optional<Integer> taskMemory = mebibytes(taskDefinition.memory());
        if (taskMemory.isEmpty()) {
            return DEFINITION.unknown(
                    Wording.capitalised(where) + " reports task memory \"" + taskDefinition.memory() + "\", which is not a size in MiB.",
                    "Read it with aws ecs describe-task-definition --task-definition " + ShellWords.quote(Wording.revision(taskDefinition.taskDefinitionArn()))
                            + " --query taskDefinition.memory and check that the containers leave part of it free.");
        }
        int reserved = 0;
        List<String> reservations = new ArrayList<>();
        for (ContainerDefinition container : taskDefinition.containers()) {
            Integer reservation = container.memoryReservation() != null ? container.memoryReservation() : container.memory();
            if (reservation != null) {
                reserved += reservation;
                reservations.add(container.name() + " " + reservation);
            }
        }
        int available = taskMemory.get();
        String detail = reservations.isEmpty() ? "" : " (" + Wording.list(reservations) + ")";
        CheckResult result;
        if (reserved >= available) {
            List<String> reserving = taskDefinition.containers().stream()
                    .filter(c -> c.memoryReservation() != null || c.memory() != null)
                    .map(ContainerDefinition::name)
                    .toList();
            result = DEFINITION.warn(
                    "The containers of " + where + " reserve " + reserved + " MiB" + detail + " of the task's " + available
                            + " MiB, leaving no memory for the exec agent and its sessions.",
                    "Raise the task-level \"memory\" above " + available + " MiB (to a size allowed for its cpu of "
                            + String.valueOf(taskDefinition.cpu()) + ") or lower the memoryReservation (or memory, where no reservation is set) of "
                            + Wording.containers(reserving) + ", then " + RemediationCommands.registerAndRollOut(task) + ".");
        } else if (reserved == 0) {
            result = DEFINITION.pass("No container of " + where + " reserves memory, so the exec agent shares all of the task's "
                    + available + " MiB with them.");
        } else {
            result = DEFINITION.pass("The containers of " + where + " reserve " + reserved + " MiB" + detail + " of the task's "
                    + available + " MiB, leaving " + (available - reserved) + " MiB for the exec agent.");
        }
        result = result.withEvidence("taskMemoryMiB", String.valueOf(available)).withEvidence("reservedMemoryMiB", String.valueOf(reserved));
        return taskDefinition.cpu() == null ? result : result.withEvidence("taskCpu", taskDefinition.cpu());
    }

    private static Optional<Integer> mebibytes(String memory) {
        Matcher matcher = MEMORY.matcher(memory.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        String unit = matcher.group(2);
        if (unit != null && unit.startsWith("g")) {
            amount = amount.multiply(BigDecimal.valueOf(1024));
        }
        try {
            return Optional.of(amount.setScale(0, RoundingMode.DOWN).intValueExact());
        } catch (ArithmeticException tooLarge) {
            return Optional.empty();
        }
    }
}
