package io.execready.checks.support;

import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.ReadFailure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an operator should do about reads that failed, by kind: only a denial asks for a permission;
 * throttling names the API's quota and that the next evaluation reads again; an outage or a timeout
 * says so. Shared by every UNKNOWN that a failed read causes, so they all advise alike.
 */
public final class ReadFailureAdvice {

    /** Published rates per account and Region (spec/events.md), for the reads ExecReady makes most. */
    private static final Map<String, String> QUOTAS = Map.of(
            "ecs:DescribeTasks", "ECS DescribeTasks is limited to 20 requests per second (burst 100) per account and Region",
            "ecs:ListTasks", "ECS ListTasks is limited to 20 requests per second (burst 100) per account and Region",
            "ecs:DescribeTaskDefinition", "ECS DescribeTaskDefinition is limited to 20 requests per second (burst 50) per account and Region",
            "ecs:DescribeClusters", "ECS DescribeClusters is limited to 20 requests per second (burst 50) per account and Region",
            "iam:SimulatePrincipalPolicy", "IAM SimulatePrincipalPolicy has no published rate and throttles early");

    private static final String EC2_DESCRIBE = "EC2 %s, like every EC2 Describe action, is limited to 20 requests per second (burst 100) "
            + "per account and Region";

    private ReadFailureAdvice() {
    }

    /**
     * One sentence: a clause per kind of failure, denials merged into one grant.
     *
     * @param again what to do once it is fixed, as "evaluate the task again"
     */
    public static String remediation(List<ReadFailure> failures, String again) {
        List<String> sentences = new ArrayList<>();
        Set<String> denied = new LinkedHashSet<>();
        failures.stream().filter(f -> f.kind() == FailureKind.DENIED).forEach(f -> denied.add(f.action()));
        if (!denied.isEmpty()) {
            sentences.add("Grant the ExecReady checker's role " + Wording.list(List.copyOf(denied)) + ", then " + again + ".");
        }
        for (FailureKind kind : FailureKind.values()) {
            if (kind == FailureKind.DENIED) {
                continue;
            }
            List<String> actions = failures.stream().filter(f -> f.kind() == kind).map(ReadFailure::action).distinct().toList();
            if (!actions.isEmpty()) {
                sentences.add(advice(kind, actions, again));
            }
        }
        // One sentence, as every remediation is: each kind's advice after the first joins it as a clause.
        StringBuilder text = new StringBuilder();
        for (String sentence : sentences) {
            if (!text.isEmpty()) {
                text.setLength(text.length() - 1);
                text.append("; ").append(Character.isLowerCase(sentence.charAt(1)) ? Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1) : sentence);
            } else {
                text.append(sentence);
            }
        }
        return text.toString();
    }

    private static String advice(FailureKind kind, List<String> actions, String again) {
        String named = Wording.list(actions);
        return switch (kind) {
            case DENIED -> "Grant the ExecReady checker's role " + named + ", then " + again + ".";
            case THROTTLED -> "AWS throttled " + named + " (" + actions.stream().map(ReadFailureAdvice::quota).collect(Collectors.joining("; "))
                    + ", shared by every caller there); no permission is missing: the next evaluation (the next task event or the "
                    + "periodic sweep) reads it again, and if throttling persists, find the other callers in CloudTrail or ask for a "
                    + "higher rate in Service Quotas.";
            case UNREACHABLE -> "AWS could not be reached for " + named + " (an AWS outage or a network problem between the checker and "
                    + "AWS); no permission is missing and the next evaluation retries, but if it persists, check the AWS Health Dashboard "
                    + "and that the checker function's VPC subnets reach AWS through a NAT gateway or VPC endpoints.";
            case TIMED_OUT -> named + " timed out: AWS did not answer in time (a degraded AWS API or a network problem); no permission "
                    + "is missing and the next evaluation retries, but if it persists, check the AWS Health Dashboard and that the "
                    + "checker function's VPC subnets reach AWS through a NAT gateway or VPC endpoints.";
            case NOT_FOUND -> "AWS reports that what " + named + " was asked for does not exist: check that it still exists in this "
                    + "account and Region, then " + again + ".";
            case INVALID_RESPONSE -> "The answer of " + named + " lacked what the checker needs (see the evidence); the next evaluation "
                    + "reads it again, and if it persists, report it to the ExecReady maintainers with that evidence.";
            case REJECTED -> "AWS rejected " + named + " with the error in the evidence; if the next evaluation meets it again, "
                    + "report it to the ExecReady maintainers with that error.";
            case UNEXPECTED -> "The ExecReady checker failed while reading " + named + " (a defect in the checker, not in your setup); "
                    + "the next evaluation retries, and if it persists, report it to the ExecReady maintainers with the error in the evidence.";
        };
    }

    /** "ECS DescribeTasks is limited to 20 requests per second ...", or a general sentence for an API without a listed rate. */
    public static String quota(String action) {
        String known = QUOTAS.get(action);
        if (known != null) {
            return known;
        }
        String operation = action.substring(action.indexOf(':') + 1);
        if (action.startsWith("ec2:Describe")) {
            return EC2_DESCRIBE.formatted(operation);
        }
        return "AWS limits how often one account may call " + action + " in a Region";
    }

    /** UNKNOWN with {@code message}, advised on and evidenced by {@code failure}. */
    public static CheckResult unknown(CheckDefinition definition, String message, ReadFailure failure, String again) {
        return withEvidence(definition.unknown(message, remediation(List.of(failure), again)), List.of(failure));
    }

    /** A simulation that answered without a decision for some of what was asked: nothing to grant, nothing to judge. */
    public static ReadFailure simulationWithoutDecision(String what) {
        return new ReadFailure("iam:SimulatePrincipalPolicy", FailureKind.INVALID_RESPONSE, what);
    }

    /** The failures as evidence: the text, the actions and the kinds, each a field of its own. */
    public static CheckResult withEvidence(CheckResult result, List<ReadFailure> failures) {
        return result.withReadFailures(failures)
                .withEvidence("readFailure", failures.stream().map(ReadFailure::describe).distinct().collect(Collectors.joining("; ")))
                .withEvidence("failedAction", failures.stream().map(ReadFailure::action).distinct().collect(Collectors.joining(", ")))
                .withEvidence("failureKind", failures.stream().map(f -> f.kind().name()).distinct().collect(Collectors.joining(", ")));
    }
}
