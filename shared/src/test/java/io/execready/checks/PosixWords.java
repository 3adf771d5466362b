package io.execready.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the AWS CLI commands out of a remediation the way a POSIX shell would read them when pasted:
 * single quotes, double quotes and backslashes; an unquoted operator ({@code ; & | < > ( )}) or
 * newline ends a command, and so does a word closing a clause with an unquoted comma or full stop,
 * which is how remediations go back to prose. A command substitution or parameter expansion, or an
 * unterminated quote, is an error: nothing a remediation means to say needs one.
 */
final class PosixWords {

    /** Where a command starts: {@code aws SERVICE SUBCOMMAND}. */
    private static final Pattern COMMAND = Pattern.compile("(?<![A-Za-z0-9_./:-])aws [a-z0-9-]+ [a-z]");
    private static final String OPERATORS = ";&|<>()\n";

    /** One command: its words as the shell passes them, or the reason the shell would not read it as meant. */
    record Command(String text, List<String> words, String error) {
    }

    private PosixWords() {
    }

    /** Every AWS CLI command in {@code remediation}. */
    static List<Command> commands(String remediation) {
        List<Command> commands = new ArrayList<>();
        Matcher start = COMMAND.matcher(remediation);
        while (start.find()) {
            commands.add(read(remediation, start.start()));
        }
        return commands;
    }

    private static Command read(String text, int from) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                if (word != null) {
                    if (endsClause(word)) {
                        words.add(word.substring(0, word.length() - 1));
                        return new Command(text.substring(from, i), words, null);
                    }
                    words.add(word.toString());
                    word = null;
                }
                i++;
                continue;
            }
            if (OPERATORS.indexOf(c) >= 0) {
                break;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            switch (c) {
                case '\'' -> {
                    int close = text.indexOf('\'', i + 1);
                    if (close < 0) {
                        return new Command(text.substring(from), words, "unterminated single quote");
                    }
                    word.append(text, i + 1, close);
                    i = close + 1;
                }
                case '"' -> {
                    i++;
                    while (i < text.length() && text.charAt(i) != '"') {
                        char d = text.charAt(i);
                        if (d == '\\' && i + 1 < text.length() && "$`\"\\\n".indexOf(text.charAt(i + 1)) >= 0) {
                            word.append(text.charAt(i + 1));
                            i += 2;
                            continue;
                        }
                        if (expands(text, i)) {
                            return new Command(text.substring(from), words, "expansion inside double quotes at " + i);
                        }
                        word.append(d);
                        i++;
                    }
                    if (i >= text.length()) {
                        return new Command(text.substring(from), words, "unterminated double quote");
                    }
                    i++;
                }
                case '\\' -> {
                    if (i + 1 < text.length()) {
                        word.append(text.charAt(i + 1));
                    }
                    i += 2;
                }
                default -> {
                    if (expands(text, i)) {
                        return new Command(text.substring(from), words, "unquoted expansion at " + i);
                    }
                    word.append(c);
                    i++;
                }
            }
        }
        if (word != null) {
            words.add(endsClause(word) ? word.substring(0, word.length() - 1) : word.toString());
        }
        return new Command(text.substring(from, i), words, null);
    }

    /** A backtick, or a dollar sign the shell expands ({@code $(}, {@code ${}, {@code $NAME}, {@code $1}). */
    private static boolean expands(String text, int i) {
        char c = text.charAt(i);
        if (c == '`') {
            return true;
        }
        if (c != '$' || i + 1 >= text.length()) {
            return false;
        }
        char next = text.charAt(i + 1);
        return next == '(' || next == '{' || Character.isLetterOrDigit(next) || "_?!#@*$-".indexOf(next) >= 0;
    }

    private static boolean endsClause(StringBuilder word) {
        char last = word.charAt(word.length() - 1);
        return last == ',' || last == '.';
    }
}
