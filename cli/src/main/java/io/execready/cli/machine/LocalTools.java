package io.execready.cli.machine;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Finds programs on this machine's PATH and asks them their version, the only place the command
 * line starts other processes. A program that hangs is stopped after the timeout.
 */
public final class LocalTools {

    /** The AWS CLI v2 is a frozen Python app; its first start on a cold disk takes a few seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_OUTPUT_BYTES = 4096;

    private final Map<String, String> environment;
    private final Duration timeout;
    private final ToolVersionCache cache;

    /**
     * @param environment the variables the programs are looked up with (PATH) and run with
     */
    public LocalTools(Map<String, String> environment, Duration timeout) {
        this(environment, timeout, ToolVersionCache.none());
    }

    /** @param cache where answers are remembered per program file */
    public LocalTools(Map<String, String> environment, Duration timeout, ToolVersionCache cache) {
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
        this.cache = cache;
    }

    /** Runs {@code name --version}. */
    public InstalledTool version(String name) {
        Optional<Path> found = find(name);
        if (found.isEmpty()) {
            return new InstalledTool.Missing(name, environment.getOrDefault("PATH", ""));
        }
        Path path = found.get();
        Optional<String> remembered = cache.lookUp(name, path);
        if (remembered.isPresent()) {
            return new InstalledTool.Found(name, path, remembered.get());
        }
        InstalledTool asked = run(name, path);
        if (asked instanceof InstalledTool.Found answered) {
            cache.remember(name, path, answered.output());
        }
        return asked;
    }

    private InstalledTool run(String name, Path path) {
        ProcessBuilder builder = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new InstalledTool.Unusable(name, path, "it could not be started: " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            // Read while it runs, so a chatty program never blocks on a full pipe.
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAtMost(process.getInputStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new InstalledTool.Unusable(name, path, "'" + name + " --version' did not answer within " + timeout.toSeconds() + " s");
            }
            String text = new String(output.join(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                return new InstalledTool.Unusable(name, path, "'" + name + " --version' exited with status " + process.exitValue()
                        + (text.isEmpty() ? "" : ": " + firstLine(text)));
            }
            return new InstalledTool.Found(name, path, text);
        } catch (IOException e) {
            process.destroyForcibly();
            return new InstalledTool.Unusable(name, path, "its output could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new InstalledTool.Unusable(name, path, "interrupted while it ran");
        }
    }

    /** The first executable regular file named {@code name} in PATH's directories, in order. */
    Optional<Path> find(String name) {
        List<String> names = new ArrayList<>(List.of(name));
        if (File.separatorChar == '\\') {
            names.add(name + ".exe");
            names.add(name + ".cmd");
        }
        for (String directory : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            for (String candidate : names) {
                try {
                    Path path = Path.of(directory, candidate);
                    if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                        return Optional.of(path);
                    }
                } catch (InvalidPathException e) {
                    // A PATH entry that is no path names no program.
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] readAtMost(InputStream in) {
        try (in) {
            byte[] head = in.readNBytes(MAX_OUTPUT_BYTES);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return head;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
