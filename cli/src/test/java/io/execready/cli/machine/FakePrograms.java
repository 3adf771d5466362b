package io.execready.cli.machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Shell scripts standing in for the Session Manager plugin and the AWS CLI, in a directory to put on PATH. */
public final class FakePrograms {

    private final Path directory;

    public FakePrograms(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** A program that prints {@code output} and exits with {@code status}. */
    public FakePrograms program(String name, String output, int status) {
        return script(name, "printf '%s\\n' '" + output.replace("'", "'\\''") + "'\nexit " + status + "\n");
    }

    /** A program that prints {@code output} on standard error, as AWS CLI v1 does with its version. */
    public FakePrograms programOnStderr(String name, String output) {
        return script(name, "printf '%s\\n' '" + output + "' >&2\n");
    }

    /** The plugin and CLI versions current today. */
    public FakePrograms currentTools() {
        return program(SessionManagerPluginCheck.PROGRAM, "1.2.764.0", 0)
                .program(AwsCliVersionCheck.PROGRAM, "aws-cli/2.31.0 Python/3.13.7 Linux/6.1.0 exe/x86_64.debian.12", 0);
    }

    public FakePrograms script(String name, String body) {
        Path file = directory.resolve(name);
        try {
            Files.writeString(file, "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** An environment whose PATH is this directory and the system's own (for /bin/sh's printf). */
    public Map<String, String> environment() {
        return Map.of("PATH", directory + ":/usr/bin:/bin");
    }
}
