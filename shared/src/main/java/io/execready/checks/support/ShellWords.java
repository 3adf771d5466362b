package io.execready.checks.support;

import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Names from the account (cluster, service, container, task definition) as words of a POSIX shell
 * command. A name of plain characters stays as it is, so the commands read as AWS documents them;
 * any other is single-quoted, so that a name with shell metacharacters pasted in a terminal is still
 * one argument and never a command of its own.
 */
public final class ShellWords {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:@=+-]+");

    private ShellWords() {
    }

    /** {@code name} as one shell word: unchanged when plain, else in single quotes (a quote inside as {@code '\''}). */
    public static String quote(String name) {
        if (name != null && PLAIN.matcher(name).matches()) {
            return name;
        }
        String text = name == null ? "" : name;
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Several names as as many shell words, separated by spaces (e.g. {@code --subnet-ids A B}). */
    public static String words(Collection<String> names) {
        return names.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    /**
     * {@code value} as a JSON string literal, quotes included, for documents (IAM policies) that
     * remediations build around account names and then pass as one quoted shell word.
     */
    public static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
