package io.execready.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides what a resource policy says about one request, the way AWS evaluates a resource policy
 * on its own: an explicit Deny that matches wins; else an Allow that matches the principal itself;
 * else an Allow of the principal's account, which hands the decision to IAM; else nothing allows.
 * A statement that could change that answer and depends on something the engine cannot judge (an
 * operator it does not know, a condition key the request context does not define, a resource the
 * request does not name) makes the answer {@link PolicyVerdict.Undecidable}, naming the statement:
 * no guess. Pure: no I/O, no clock.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    /** Whether a statement applies: YES, NO, or UNKNOWN with the reason. */
    private record Match(Boolean applies, String reason) {
        static final Match YES = new Match(true, null);
        static final Match NO = new Match(false, null);

        static Match unknown(String reason) {
            return new Match(null, reason);
        }

        boolean yes() {
            return Boolean.TRUE.equals(applies);
        }

        boolean no() {
            return Boolean.FALSE.equals(applies);
        }

        /** Both must apply: any NO is NO, else any UNKNOWN is UNKNOWN. */
        Match and(Match other) {
            if (no() || other.no()) {
                return NO;
            }
            return yes() ? other : this;
        }
    }

    private enum PrincipalMatch { DIRECT, ACCOUNT, NONE }

    public static PolicyVerdict evaluate(PolicyDocument policy, PolicyRequest request) {
        PolicyVerdict.Undecidable undecidedDeny = null;
        for (PolicyStatement statement : policy.statements()) {
            if (statement.effect() != PolicyStatement.Effect.DENY) {
                continue;
            }
            Match match = principalApplies(statement, request).and(actionAndResourceAndConditions(statement, request));
            if (match.yes()) {
                return new PolicyVerdict.Denied(statement.sid());
            }
            if (undecidedDeny == null && !match.no()) {
                undecidedDeny = new PolicyVerdict.Undecidable(statement.sid(), match.reason());
            }
        }
        if (undecidedDeny != null) {
            return undecidedDeny;
        }
        PolicyVerdict delegated = null;
        PolicyVerdict.Undecidable undecidedAllow = null;
        for (PolicyStatement statement : policy.statements()) {
            if (statement.effect() != PolicyStatement.Effect.ALLOW) {
                continue;
            }
            PrincipalMatch who = allowedPrincipal(statement, request);
            if (who == PrincipalMatch.NONE) {
                continue;
            }
            Match match = actionAndResourceAndConditions(statement, request);
            if (match.yes() && who == PrincipalMatch.DIRECT) {
                return new PolicyVerdict.Allowed(statement.sid());
            }
            if (match.yes() && delegated == null) {
                delegated = new PolicyVerdict.DelegatedToAccount(statement.sid());
            }
            if (!match.yes() && !match.no() && undecidedAllow == null) {
                undecidedAllow = new PolicyVerdict.Undecidable(statement.sid(), match.reason());
            }
        }
        // An account delegation decides whatever an undecidable statement would add: IAM decides either way.
        if (delegated != null) {
            return delegated;
        }
        return undecidedAllow != null ? undecidedAllow : new PolicyVerdict.NotAllowed();
    }

    private static Match actionAndResourceAndConditions(PolicyStatement statement, PolicyRequest request) {
        return actionApplies(statement, request).and(resourceApplies(statement, request)).and(conditionsApply(statement, request));
    }

    /** For a Deny: does the statement's Principal or NotPrincipal cover the caller (account root included)? */
    private static Match principalApplies(PolicyStatement statement, PolicyRequest request) {
        if (statement.principal() != null) {
            return allowedPrincipal(statement, request) == PrincipalMatch.NONE ? Match.NO : Match.YES;
        }
        if (statement.notPrincipal() != null) {
            return names(statement.notPrincipal(), request) == PrincipalMatch.DIRECT ? Match.NO : Match.YES;
        }
        // A resource policy statement without either names nobody; AWS rejects it at write time.
        return Match.NO;
    }

    private static PrincipalMatch allowedPrincipal(PolicyStatement statement, PolicyRequest request) {
        if (statement.principal() != null) {
            return names(statement.principal(), request);
        }
        if (statement.notPrincipal() != null) {
            return names(statement.notPrincipal(), request) == PrincipalMatch.NONE ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
        }
        return PrincipalMatch.NONE;
    }

    private static PrincipalMatch names(Map<String, List<String>> principals, PolicyRequest request) {
        PrincipalMatch best = PrincipalMatch.NONE;
        for (Map.Entry<String, List<String>> entry : principals.entrySet()) {
            if (!entry.getKey().equals("*") && !entry.getKey().equals("AWS")) {
                continue;
            }
            for (String value : entry.getValue()) {
                if (value.equals("*") || value.equals(request.principalArn())) {
                    return PrincipalMatch.DIRECT;
                }
                if (value.equals(request.principalAccount()) || isAccountRoot(value, request.principalAccount())) {
                    best = PrincipalMatch.ACCOUNT;
                }
            }
        }
        return best;
    }

    private static boolean isAccountRoot(String principal, String account) {
        return principal.startsWith("arn:") && principal.endsWith(":iam::" + account + ":root");
    }

    private static Match actionApplies(PolicyStatement statement, PolicyRequest request) {
        if (statement.action() != null) {
            return anyMatches(statement.action(), request.action(), true) ? Match.YES : Match.NO;
        }
        if (statement.notAction() != null) {
            return anyMatches(statement.notAction(), request.action(), true) ? Match.NO : Match.YES;
        }
        return Match.NO;
    }

    private static Match resourceApplies(PolicyStatement statement, PolicyRequest request) {
        List<String> listed = statement.resource() != null ? statement.resource() : statement.notResource();
        if (listed == null) {
            // Key policies and endpoint policies may omit Resource: it then means this resource.
            return Match.YES;
        }
        boolean negated = statement.resource() == null;
        Optional<String> resource = request.resource();
        if (resource.isEmpty()) {
            if (listed.contains("*")) {
                return negated ? Match.NO : Match.YES;
            }
            return Match.unknown("it names resources " + listed + " and the request's resource is not known");
        }
        boolean matches = anyMatches(listed, resource.get(), false);
        return matches != negated ? Match.YES : Match.NO;
    }

    private static Match conditionsApply(PolicyStatement statement, PolicyRequest request) {
        Match all = Match.YES;
        for (PolicyStatement.Condition condition : statement.conditions()) {
            all = all.and(conditionApplies(condition, request));
            if (all.no()) {
                return all;
            }
        }
        return all;
    }

    private static Match conditionApplies(PolicyStatement.Condition condition, PolicyRequest request) {
        String operator = condition.operator();
        List<String> actual = request.context().get(condition.key());
        boolean absent = actual == null;
        if (absent && !request.knowsAbsent(condition.key())) {
            return Match.unknown("its condition " + operator + " on " + condition.key() + " uses a key this request's context does not define");
        }
        if (operator.equals("Null")) {
            boolean wantsAbsent = condition.values().stream().anyMatch(v -> v.equalsIgnoreCase("true"));
            return wantsAbsent == absent ? Match.YES : Match.NO;
        }
        boolean ifExists = operator.endsWith("IfExists");
        String base = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
        Optional<Comparison> comparison = Comparison.of(base);
        if (comparison.isEmpty()) {
            return Match.unknown("its condition operator " + operator + " is not one the engine evaluates");
        }
        Comparison compare = comparison.get();
        if (absent) {
            return ifExists || compare.negated ? Match.YES : Match.NO;
        }
        boolean anyEqual = actual.stream().anyMatch(value -> condition.values().stream().anyMatch(wanted -> compare.matches(value, wanted)));
        return anyEqual != compare.negated ? Match.YES : Match.NO;
    }

    /** The string, ARN and boolean operators; a negated one holds when no value matches. */
    private enum Comparison {
        STRING_EQUALS("StringEquals", false, (value, wanted) -> value.equals(wanted)),
        STRING_NOT_EQUALS("StringNotEquals", true, (value, wanted) -> value.equals(wanted)),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, String::equalsIgnoreCase),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, String::equalsIgnoreCase),
        STRING_LIKE("StringLike", false, (value, wanted) -> wildcard(wanted, false).matcher(value).matches()),
        STRING_NOT_LIKE("StringNotLike", true, (value, wanted) -> wildcard(wanted, false).matcher(value).matches()),
        ARN_EQUALS("ArnEquals", false, (value, wanted) -> wildcard(wanted, false).matcher(value).matches()),
        ARN_LIKE("ArnLike", false, (value, wanted) -> wildcard(wanted, false).matcher(value).matches()),
        ARN_NOT_EQUALS("ArnNotEquals", true, (value, wanted) -> wildcard(wanted, false).matcher(value).matches()),
        ARN_NOT_LIKE("ArnNotLike", true, (value, wanted) -> wildcard(wanted, false).matcher(value).matches()),
        BOOL("Bool", false, String::equalsIgnoreCase);

        private final String operator;
        private final boolean negated;
        private final java.util.function.BiPredicate<String, String> test;

        Comparison(String operator, boolean negated, java.util.function.BiPredicate<String, String> test) {
            this.operator = operator;
            this.negated = negated;
            this.test = test;
        }

        boolean matches(String value, String wanted) {
            return test.test(value, wanted);
        }

        static Optional<Comparison> of(String operator) {
            for (Comparison comparison : values()) {
                if (comparison.operator.equals(operator)) {
                    return Optional.of(comparison);
                }
            }
            return Optional.empty();
        }
    }

    private static boolean anyMatches(List<String> patterns, String value, boolean ignoreCase) {
        return patterns.stream().anyMatch(pattern -> wildcard(pattern, ignoreCase).matcher(value).matches());
    }

    /** IAM wildcards: {@code *} any run of characters, {@code ?} one. */
    private static Pattern wildcard(String pattern, boolean ignoreCase) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                parts.add(Pattern.quote(literal.toString()));
                literal.setLength(0);
                parts.add(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        parts.add(Pattern.quote(literal.toString()));
        return Pattern.compile(String.join("", parts), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.DOTALL : Pattern.DOTALL);
    }
}
