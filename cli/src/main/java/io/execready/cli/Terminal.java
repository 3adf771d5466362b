package io.execready.cli;

import io.execready.cli.machine.ToolVersionCache;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the command line runs: its environment (PATH for the local programs, NO_COLOR), its output
 * streams, and whether standard output is a terminal. Tests hand in their own.
 *
 * @param stdoutIsTerminal whether standard output is a terminal a person reads, so colour is welcome
 */
public record Terminal(Map<String, String> environment, PrintStream out, PrintStream err, boolean stdoutIsTerminal) {

    /** Set by the launcher script from {@code [ -t 1 ]}: the JVM alone cannot tell a pipe from a terminal on every JDK. */
    static final String TTY_PROPERTY = "execready.stdout.tty";
    static final String CACHE_VARIABLE = "EXECREADY_CACHE_DIR";

    public Terminal {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    static Terminal system() {
        String tty = System.getProperty(TTY_PROPERTY);
        boolean terminal = tty != null ? Boolean.parseBoolean(tty) : System.console() != null;
        return new Terminal(System.getenv(), System.out, System.err, terminal);
    }

    /**
     * Where the programs' versions are remembered: {@code EXECREADY_CACHE_DIR}, which the launcher
     * sets to its cache directory; nowhere when it is not set.
     */
    ToolVersionCache toolVersionCache() {
        return Optional.ofNullable(environment.get(CACHE_VARIABLE)).filter(directory -> !directory.isBlank())
                .map(directory -> ToolVersionCache.in(Path.of(directory, "tools")))
                .orElseGet(ToolVersionCache::none);
    }

    /** Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org). */
    boolean wantsColor() {
        String noColor = environment.get("NO_COLOR");
        return stdoutIsTerminal && (noColor == null || noColor.isEmpty());
    }
}
