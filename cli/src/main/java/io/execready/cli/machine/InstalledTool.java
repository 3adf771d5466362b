package io.execready.cli.machine;

import java.nio.file.Path;
import java.util.Objects;

/** What running a program's {@code --version} on this machine showed. */
public sealed interface InstalledTool {

    /** The program's name, as looked up on PATH. */
    String name();

    /** Found on PATH; it answered with {@code output} (stdout and stderr together: AWS CLI v1 prints its version on stderr). */
    record Found(String name, Path path, String output) implements InstalledTool {
        public Found {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(output, "output");
        }
    }

    /** No executable of that name on PATH. */
    record Missing(String name, String searched) implements InstalledTool {
        public Missing {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(searched, "searched");
        }
    }

    /** On PATH, but it could not be run, timed out, or failed. */
    record Unusable(String name, Path path, String why) implements InstalledTool {
        public Unusable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(why, "why");
        }
    }
}
