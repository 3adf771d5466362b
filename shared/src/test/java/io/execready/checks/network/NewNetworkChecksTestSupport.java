package io.execready.checks.network;

import io.execready.fixtures.ReadFailures;
import io.execready.snapshot.ReadFailure;
import java.util.stream.Stream;

/** A failure of each kind for one action, for the UNKNOWN-by-kind tests of the network checks. */
final class NewNetworkChecksTestSupport {

    private NewNetworkChecksTestSupport() {
    }

    static Stream<ReadFailure> failuresOf(String action) {
        return Stream.of(ReadFailures.denied(action, "UnauthorizedOperation"), ReadFailures.throttled(action),
                ReadFailures.timedOut(action), ReadFailures.unreachable(action));
    }
}
