package io.execready.cli;

import io.execready.engine.CheckStatus;

/** ANSI colours when the output is a terminal that wants them; the same text, uncoloured, otherwise. */
record Palette(boolean enabled) {

    private static final String RESET = "\u001b[0m";

    String status(CheckStatus status) {
        String label = label(status);
        String padded = label + " ".repeat(Math.max(0, 7 - label.length()));
        return paint(switch (status) {
            case PASS -> "\u001b[32m";
            case WARN -> "\u001b[33m";
            case FAIL -> "\u001b[1;31m";
            case UNKNOWN -> "\u001b[35m";
            case NOT_APPLICABLE -> "\u001b[2m";
        }, padded);
    }

    static String label(CheckStatus status) {
        return status == CheckStatus.NOT_APPLICABLE ? "N/A" : status.name();
    }

    String bold(String text) {
        return paint("\u001b[1m", text);
    }

    String dim(String text) {
        return paint("\u001b[2m", text);
    }

    String verdict(boolean good, String text) {
        return paint(good ? "\u001b[1;32m" : "\u001b[1;31m", text);
    }

    String undecided(String text) {
        return paint("\u001b[1;35m", text);
    }

    private String paint(String code, String text) {
        return enabled ? code + text + RESET : text;
    }
}
