package io.execready.cli.machine;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A version such as 1.2.764.0, compared number by number (1.10 is newer than 1.9); missing parts count as 0. */
public record DottedVersion(int[] parts) implements Comparable<DottedVersion> {

    private static final Pattern VERSION = Pattern.compile("\\d+(?:\\.\\d+)+|\\d+");

    public DottedVersion {
        parts = parts.clone();
    }

    public static DottedVersion of(String text) {
        return find(text).orElseThrow(() -> new IllegalArgumentException("not a version: " + text));
    }

    /** The first version in the text. */
    public static Optional<DottedVersion> find(String text) {
        Matcher matcher = VERSION.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DottedVersion(Arrays.stream(matcher.group().split("\\.")).mapToInt(Integer::parseInt).toArray()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public int major() {
        return parts[0];
    }

    public boolean isOlderThan(DottedVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(DottedVersion other) {
        for (int i = 0; i < Math.max(parts.length, other.parts.length); i++) {
            int mine = i < parts.length ? parts[i] : 0;
            int theirs = i < other.parts.length ? other.parts[i] : 0;
            if (mine != theirs) {
                return Integer.compare(mine, theirs);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DottedVersion other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        int length = parts.length;
        while (length > 1 && parts[length - 1] == 0) {
            length--;
        }
        return Arrays.hashCode(Arrays.copyOf(parts, length));
    }

    @Override
    public String toString() {
        return String.join(".", Arrays.stream(parts).mapToObj(Integer::toString).toList());
    }
}
