package io.execready.checks.container;

import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.ExecCapableContainers;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.ContainerOverride;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Static AWS credential variables in a container override the task role the exec agent needs. Only
 * names are looked at: the snapshot never holds values, so none can reach a message or finding.
 */
public final class NoStaticCredentialsCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "no-static-credentials",
            "No static AWS credentials override the task role",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html");

    static final List<String> CREDENTIAL_VARIABLES = List.of(
            "AWS_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_PROFILE",
            "AWS_SHARED_CREDENTIALS_FILE");

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        EcsTask task = snapshot.task();
        ExecCapableContainers capable = ExecCapableContainers.of(snapshot);
        // container name -> "AWS_PROFILE in environment", in the order found
        Map<String, List<String>> found = new LinkedHashMap<>();
        snapshot.taskDefinition().asOptional().ifPresent(td -> {
            for (ContainerDefinition container : td.containers()) {
                if (capable.judges(container.name())) {
                    collect(found, container.name(), container.environmentNames(), "environment");
                    collect(found, container.name(), container.secretNames(), "secrets");
                }
            }
        });
        for (ContainerOverride override : task.overrides().containerOverrides()) {
            if (capable.judges(override.name())) {
                collect(found, override.name(), override.environmentNames(), "launch overrides");
            }
        }
        if (!found.isEmpty()) {
            return warn(snapshot.target(), found, snapshot.taskDefinition());
        }
        return UnreadableFact.withTaskDefinition(DEFINITION, snapshot, td -> capable.listSkipped(DEFINITION.pass(
                "No exec-capable container of " + Wording.task(snapshot.target()) + " sets " + Wording.list(CREDENTIAL_VARIABLES)
                        + " in its environment, secrets or launch overrides."), td.containers().stream().map(ContainerDefinition::name).toList()));
    }

    private static void collect(Map<String, List<String>> found, String container, List<String> names, String source) {
        for (String name : names) {
            if (CREDENTIAL_VARIABLES.contains(name)) {
                found.computeIfAbsent(container, c -> new ArrayList<>()).add(name + " in " + source);
            }
        }
    }

    private static CheckResult warn(EvaluatedTask target, Map<String, List<String>> found, Fetched<TaskDefinition> taskDefinition) {
        EcsTask task = target.task();
        List<String> perContainer = found.entrySet().stream()
                .map(e -> "container " + e.getKey() + " sets " + Wording.list(e.getValue()))
                .toList();
        List<String> containers = List.copyOf(found.keySet());
        CheckResult result = DEFINITION.warn(
                "In " + Wording.task(target) + ", " + Wording.list(perContainer)
                        + ", static AWS credential settings that override the task role the exec agent needs.",
                "Remove these variables from the environment, secrets and launch overrides of " + Wording.containers(containers)
                        + " and grant what they granted to the task role instead, then " + RemediationCommands.registerAndRollOut(task) + ".");
        result = result.withEvidence("credentialVariables", String.join("; ", perContainer));
        if (taskDefinition instanceof Fetched.Failed<TaskDefinition> failed) {
            // Found in the launch overrides alone; the task definition may name more.
            result = result.withEvidence("taskDefinitionReadFailure", failed.failure().describe());
        }
        return result;
    }
}
