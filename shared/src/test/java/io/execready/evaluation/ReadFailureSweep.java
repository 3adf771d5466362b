package io.execready.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.aws.AwsRead;
import io.execready.aws.ReadSource;
import io.execready.fixtures.ReadSourceDouble;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Fails, one at a time and with one kind, every read a load asks of its {@link ReadSource}, and finds
 * that exact failure somewhere in what the load returns: no failed read is lost or turned into a
 * guess. The reads are found by asking (a first load over {@code answers}), not listed, so a new read
 * needs no change to the tests that use this; a read made only under a condition the first load does
 * not meet needs a test of its own.
 */
final class ReadFailureSweep {

    private ReadFailureSweep() {
    }

    /**
     * @param answers a fresh double answering the load's reads as the test's healthy case does
     * @param load    the load under test over a read source, returning what holds the facts (a snapshot)
     * @param known   actions that must be among the reads found, so the sweep cannot pass by finding none
     */
    static void eachReadFailsVisibly(FailureKind kind, Supplier<ReadSourceDouble> answers, Function<ReadSource, Object> load, String... known) {
        ReadSourceDouble recording = answers.get();
        load.apply(recording);
        List<AwsRead<?, ?>> made = recording.asked().stream().<AwsRead<?, ?>>map(ReadSourceDouble.Asked::read).distinct().toList();
        assertThat(made).extracting(AwsRead::action).as("the reads found by asking include the known ones").contains(known);

        for (AwsRead<?, ?> failing : made) {
            ReadFailure failure = new ReadFailure(failing.action(), kind, "injected by the test");
            ReadSourceDouble reads = answers.get().fail(failing, failure);

            Object loaded = load.apply(reads);

            assertThat(holds(loaded, Fetched.failed(failure))).as("%s failed %s surfaces in what the load returns", failing, kind).isTrue();
        }
    }

    /** Whether {@code value} is {@code wanted} or holds it in a record component, collection or map, at any depth. */
    private static boolean holds(Object value, Object wanted) {
        if (wanted.equals(value)) {
            return true;
        }
        return switch (value) {
            case Collection<?> collection -> collection.stream().anyMatch(element -> holds(element, wanted));
            case Map<?, ?> map -> map.values().stream().anyMatch(element -> holds(element, wanted));
            case Record record -> components(record).stream().anyMatch(element -> holds(element, wanted));
            case null, default -> false;
        };
    }

    private static List<Object> components(Record record) {
        return java.util.Arrays.stream(record.getClass().getRecordComponents()).map(component -> read(component, record)).toList();
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
