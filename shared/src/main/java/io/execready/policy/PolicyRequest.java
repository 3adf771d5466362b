package io.execready.policy;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The request a resource policy is asked about: who calls, which action, on what, and what the
 * request context holds. Condition keys are of three kinds: defined in {@code context} (with their
 * values), known to be absent from this request ({@code absentKeys}), or unknown: a statement that
 * depends on an unknown key cannot be decided.
 *
 * @param principalArn the calling role or user, e.g. {@code arn:aws:iam::111122223333:role/app}
 * @param action       the IAM action, e.g. {@code kms:Decrypt}
 * @param resource     the resource ARN; empty when the request's resource is not known (then only
 *                     {@code "Resource": "*"} decides)
 * @param context      condition keys the request carries, with their values
 * @param absentKeys   condition keys the request is known not to carry
 */
public record PolicyRequest(String principalArn, String action, Optional<String> resource,
                            Map<String, List<String>> context, Set<String> absentKeys) {

    public PolicyRequest {
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Map<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        context.forEach((key, values) -> keys.put(key, List.copyOf(values)));
        context = Collections.unmodifiableMap(keys);
        absentKeys = absentKeys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A request by {@code principalArn} with the keys every AWS request defines from the caller:
     * {@code aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:SecureTransport} (the agent
     * and the CLI use TLS), and {@code aws:RequestedRegion}.
     */
    public static PolicyRequest of(String principalArn, String action, String resource, String region) {
        return new PolicyRequest(principalArn, action, Optional.ofNullable(resource), Map.of(
                "aws:PrincipalArn", List.of(principalArn),
                "aws:PrincipalAccount", List.of(accountOf(principalArn)),
                "aws:SecureTransport", List.of("true"),
                "aws:RequestedRegion", List.of(region)), Set.of());
    }

    /** A copy with one more context key. */
    public PolicyRequest with(String key, String... values) {
        Map<String, List<String>> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        more.putAll(context);
        more.put(key, List.of(values));
        return new PolicyRequest(principalArn, action, resource, more, absentKeys);
    }

    /** A copy that knows these keys are not in the request. */
    public PolicyRequest without(String... keys) {
        Set<String> more = new HashSet<>(absentKeys);
        more.addAll(List.of(keys));
        return new PolicyRequest(principalArn, action, resource, context, more);
    }

    /** The account of the caller: the fifth field of its ARN. */
    public String principalAccount() {
        return accountOf(principalArn);
    }

    boolean knowsAbsent(String key) {
        return absentKeys.contains(key.toLowerCase(Locale.ROOT));
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 4 ? parts[4] : "";
    }
}
