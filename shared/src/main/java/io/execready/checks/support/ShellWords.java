package io.execready.checks.support;

import java.util.regex.Pattern;

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
}
