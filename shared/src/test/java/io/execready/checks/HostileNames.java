package io.execready.checks;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns every account-provided name in a snapshot hostile: each cluster, service, family, task,
 * container, role, key, bucket, log group and EC2 id keeps its own text (so equalities, prefixes such
 * as {@code subnet-} and ARNs stay as the checks expect) and gains {@link #SUFFIX}, full of what a
 * POSIX shell would act on. Snapshots are immutable records, rebuilt through their canonical
 * constructors, so any fixture or scenario can be made hostile after it is built.
 */
final class HostileNames {

    /** Marks where a name's hostile part begins; a command word holding it must hold the whole suffix. */
    static final String MARKER = "HOSTILE";
    /** Quotes of both kinds, a command separator, expansions, a glob, a backslash and a newline. */
    static final String SUFFIX = "-" + MARKER + "'b;rm -rf ~ $(id) `x` \"q\" *\\n\nz";

    /** Names the fixtures give resources, longest first so that a name never matches inside a longer one. */
    private static final List<String> NAMES = List.of(
            "prod-exec-audit", "exec-audit", "payments-api-task", "platform-operator", "ecsTaskExecutionRole", "payments-api",
            "4f0c9a8e2b7d4d1e9c3b6a5f8e7d6c5b", "9d8c7b6a5f4e3d2c1b0a", "5e4d3c2b1a0f9e8d7c6b", "1234abcd-12ab-34cd-56ef-1234567890ab",
            "aaa111", "bbb222", "ccc333", "alice", "worker", "legacy", "cron", "prod", "app");
    /** EC2 and Systems Manager ids, whatever the fixture called them. */
    private static final String EC2_ID = "(?:vpc|subnet|eni|rtb|sg|acl|vpce|i|mi|nat|igw|tgw)-[0-9a-z]+";
    private static final Pattern NAME = Pattern.compile("(?<![A-Za-z0-9_-])(?:" + EC2_ID + "|"
            + String.join("|", NAMES.stream().map(Pattern::quote).toList()) + ")(?![A-Za-z0-9_-])");

    private HostileNames() {
    }

    /** The same facts with every name made hostile. */
    @SuppressWarnings("unchecked")
    static <T> T everywhere(T value) {
        return (T) rewrite(value);
    }

    /** {@code text} with every name in it made hostile; JSON documents are left as they are (their parsed form is rewritten). */
    static String name(String text) {
        if (text.startsWith("{")) {
            return text;
        }
        Matcher matcher = NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group() + SUFFIX));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Object rewrite(Object value) {
        return switch (value) {
            case null -> null;
            case String text -> name(text);
            case Optional<?> optional -> optional.map(HostileNames::rewrite);
            case List<?> list -> Collections.unmodifiableList(new ArrayList<>(list.stream().map(HostileNames::rewrite).toList()));
            case Set<?> set -> {
                Set<Object> copy = new LinkedHashSet<>();
                set.forEach(element -> copy.add(rewrite(element)));
                yield Collections.unmodifiableSet(copy);
            }
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(rewrite(k), rewrite(v)));
                yield Collections.unmodifiableMap(copy);
            }
            case Record record -> rebuilt(record);
            default -> value;
        };
    }

    private static Record rebuilt(Record record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                components[i].getAccessor().setAccessible(true);
                values[i] = rewrite(components[i].getAccessor().invoke(record));
                types[i] = components[i].getType();
            }
            Constructor<? extends Record> canonical = record.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + record.getClass().getName(), e);
        }
    }
}
