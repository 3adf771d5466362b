package io.execready.evaluation;

import io.execready.aws.ContextEntry;
import io.execready.aws.IamGateway;
import io.execready.aws.PermissionQuery;
import io.execready.snapshot.ActionDecision;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionAssessment;
import io.execready.snapshot.PermissionNeed;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.ReadFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Simulates what one principal needs for several purposes at once: one iam:SimulatePrincipalPolicy
 * call per resource, carrying every action any purpose needs on it, all calls in parallel. Each
 * purpose then gets the decisions on its own needs; a purpose any of whose calls failed gets that
 * failure, and the other purposes are unaffected.
 */
final class PrincipalSimulator {

    private static final String SIMULATE = "iam:SimulatePrincipalPolicy";

    private final IamGateway iam;
    private final ExecutorService executor;

    PrincipalSimulator(IamGateway iam, ExecutorService executor) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * @param contextFor the context entries a real request on the given resource would carry
     * @return one assessment per purpose, in the order given
     */
    CompletableFuture<List<PermissionAssessment>> assess(String principalArn, List<List<PermissionNeed>> purposes,
                                                         Function<String, List<ContextEntry>> contextFor) {
        Map<String, Set<String>> actionsByResource = new LinkedHashMap<>();
        for (List<PermissionNeed> needs : purposes) {
            for (PermissionNeed need : needs) {
                actionsByResource.computeIfAbsent(need.resource(), r -> new LinkedHashSet<>()).add(need.action());
            }
        }
        Map<String, CompletableFuture<Fetched<PermissionSimulation>>> calls = new LinkedHashMap<>();
        actionsByResource.forEach((resource, actions) -> {
            PermissionQuery query = new PermissionQuery(principalArn, List.copyOf(actions), List.of(resource), contextFor.apply(resource));
            calls.put(resource, CompletableFuture.supplyAsync(() -> iam.simulate(query), executor)
                    .exceptionally(e -> Fetched.failed(AsyncReads.unexpected(SIMULATE, e))));
        });
        return CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new))
                .thenApply(done -> purposes.stream()
                        .map(needs -> new PermissionAssessment(principalArn, needs, combine(principalArn, needs, calls)))
                        .toList());
    }

    /** The decisions on {@code needs}, taken from the calls on their resources. */
    private static Fetched<PermissionSimulation> combine(String principalArn, List<PermissionNeed> needs,
                                                         Map<String, CompletableFuture<Fetched<PermissionSimulation>>> calls) {
        List<ActionDecision> decisions = new ArrayList<>();
        for (String resource : needs.stream().map(PermissionNeed::resource).distinct().toList()) {
            Fetched<PermissionSimulation> call = calls.get(resource).join();
            switch (call) {
                case Fetched.Failed<PermissionSimulation> failed -> {
                    return failed.retyped();
                }
                case Fetched.Absent<PermissionSimulation> absent -> {
                    return Fetched.failed(new ReadFailure(SIMULATE, FailureKind.INVALID_RESPONSE,
                            "no evaluation result for " + resource + ": " + absent.description()));
                }
                case Fetched.Present<PermissionSimulation> present -> {
                    for (ActionDecision decision : present.value().decisions()) {
                        // The call named one resource, so every decision in it is about that resource,
                        // whether IAM echoed the ARN or answered at the action level.
                        ActionDecision onResource = new ActionDecision(decision.action(), resource, decision.decision(),
                                decision.deniedBy(), decision.missingContextValues());
                        if (needs.stream().anyMatch(need -> need.matches(onResource))) {
                            decisions.add(onResource);
                        }
                    }
                }
            }
        }
        return Fetched.present(new PermissionSimulation(principalArn, decisions));
    }
}
