package io.execready.cli.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * What a program answered to {@code --version}, remembered per program file: the AWS CLI takes a
 * third of a second or more to start, and its answer cannot change while its file does not. An entry
 * holds the program's real path (symlinks resolved), size and modification time; any difference, or
 * an entry that cannot be read, runs the program again.
 */
public sealed interface ToolVersionCache {

    /** The remembered answer of the program at {@code path}, when the file is the one that gave it. */
    Optional<String> lookUp(String name, Path path);

    /** Remembers an answer; a cache that cannot be written is only slower, never wrong. */
    void remember(String name, Path path, String output);

    /** Remembers nothing: every run asks the programs. */
    static ToolVersionCache none() {
        return new None();
    }

    /** Remembers answers as files in {@code directory}. */
    static ToolVersionCache in(Path directory) {
        return new InDirectory(directory);
    }

    record None() implements ToolVersionCache {
        @Override
        public Optional<String> lookUp(String name, Path path) {
            return Optional.empty();
        }

        @Override
        public void remember(String name, Path path, String output) {
        }
    }

    record InDirectory(Path directory) implements ToolVersionCache {

        public InDirectory {
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public Optional<String> lookUp(String name, Path path) {
            Optional<String> key = identity(path);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            try {
                String entry = Files.readString(file(name, key.get()), StandardCharsets.UTF_8);
                int end = entry.indexOf('\n');
                return end > 0 && entry.substring(0, end).equals(key.get()) ? Optional.of(entry.substring(end + 1)) : Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        @Override
        public void remember(String name, Path path, String output) {
            Optional<String> key = identity(path);
            if (key.isEmpty()) {
                return;
            }
            try {
                Files.createDirectories(directory);
                Path partial = Files.createTempFile(directory, name, ".partial");
                Files.writeString(partial, key.get() + "\n" + output, StandardCharsets.UTF_8);
                Files.move(partial, file(name, key.get()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                // The next run asks the program again.
            }
        }

        /** One entry per program file, so that two PATHs naming two AWS CLIs do not evict each other. */
        private Path file(String name, String identity) {
            String realPath = identity.substring(0, identity.indexOf('\t'));
            return directory.resolve(name + "-" + Integer.toHexString(realPath.hashCode()) + ".version");
        }

        /** The program file's real path, size and modification time, on one line. */
        private static Optional<String> identity(Path path) {
            try {
                Path real = path.toRealPath();
                BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
                return Optional.of(real + "\t" + attributes.size() + "\t" + attributes.lastModifiedTime().toMillis());
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
