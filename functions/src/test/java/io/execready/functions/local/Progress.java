package io.execready.functions.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Says what a slow step is doing while it runs and how long it took, so a person watching the demo
 * never faces minutes of silence. The end-to-end tests use {@link #silent()}.
 */
public final class Progress {

    private static final Progress SILENT = new Progress(null);

    private final PrintStream out;

    private Progress(PrintStream out) {
        this.out = out;
    }

    public static Progress silent() {
        return SILENT;
    }

    /** Progress lines on {@code out}, prefixed like the scripts' own lines. */
    public static Progress printingTo(PrintStream out) {
        return new Progress(out);
    }

    /** Runs {@code work}, announcing {@code what} first and its duration after. */
    public <T> T step(String what, Supplier<T> work) {
        if (out == null) {
            return work.get();
        }
        out.printf("[execready] %s ...%n", what);
        long started = System.nanoTime();
        T result = work.get();
        out.printf("[execready] %s: done in %s%n", what, seconds(Duration.ofNanos(System.nanoTime() - started)));
        return result;
    }

    /** A one-line note between steps. */
    public void note(String line) {
        if (out != null) {
            out.printf("[execready] %s%n", line);
        }
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
