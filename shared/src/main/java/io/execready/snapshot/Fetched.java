package io.execready.snapshot;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fact the snapshot loader tried to read, keeping "could not read" apart from "read, and not
 * there". Checks switch over the three cases: a {@link Failed} read becomes UNKNOWN, never a guess.
 */
public sealed interface Fetched<T> {

    /** The fact was read and exists. */
    record Present<T>(T value) implements Fetched<T> {
        public Present {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The fact was read, and does not exist (no task role, no owning service). */
    record Absent<T>(String description) implements Fetched<T> {
        public Absent {
            Objects.requireNonNull(description, "description");
        }
    }

    /** The fact could not be read: {@code failure} names the AWS action and the kind of failure. */
    record Failed<T>(ReadFailure failure) implements Fetched<T> {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }

        /** The same failure, as a fact of another type (a read that depended on this one). */
        public <R> Fetched<R> retyped() {
            return new Failed<>(failure);
        }
    }

    static <T> Fetched<T> present(T value) {
        return new Present<>(value);
    }

    static <T> Fetched<T> absent(String description) {
        return new Absent<>(description);
    }

    static <T> Fetched<T> failed(ReadFailure failure) {
        return new Failed<>(failure);
    }

    /** Present when {@code value} is non-null, else Absent with the given description. */
    static <T> Fetched<T> ofNullable(T value, String absentDescription) {
        return value == null ? absent(absentDescription) : present(value);
    }

    default Optional<T> asOptional() {
        return this instanceof Present<T> p ? Optional.of(p.value()) : Optional.empty();
    }

    default boolean isPresent() {
        return this instanceof Present<T>;
    }

    default boolean isFailed() {
        return this instanceof Failed<T>;
    }

    /** Transforms a present value; Absent passes through with its text, Failed with its failure. */
    default <R> Fetched<R> map(Function<? super T, ? extends R> mapper) {
        return switch (this) {
            case Present<T> p -> Fetched.present(mapper.apply(p.value()));
            case Absent<T> a -> Fetched.absent(a.description());
            case Failed<T> f -> f.retyped();
        };
    }

    /** Chains a read that depends on this one. */
    default <R> Fetched<R> flatMap(Function<? super T, Fetched<R>> mapper) {
        return switch (this) {
            case Present<T> p -> mapper.apply(p.value());
            case Absent<T> a -> Fetched.absent(a.description());
            case Failed<T> f -> f.retyped();
        };
    }
}
