package io.execready.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the local agent saw of one session: whether the token was accepted, the input the client
 * sent (a sequence number twice is a resend), which of its output the client acknowledged, whether
 * the encryption challenge passed, whether the client closed the socket and terminated the session,
 * and any protocol problem it noticed.
 */
public record AgentSessionRecord(boolean tokenAccepted, boolean tokenRefused, List<Long> inputSequences,
                                 List<Integer> inputPayloadTypes, Set<Long> outputSent, Set<Long> outputAcknowledged,
                                 boolean challengePassed, boolean clientClosedSocket, boolean terminated,
                                 List<String> problems) {

    public AgentSessionRecord {
        inputSequences = List.copyOf(inputSequences);
        inputPayloadTypes = List.copyOf(inputPayloadTypes);
        outputSent = Set.copyOf(outputSent);
        outputAcknowledged = Set.copyOf(outputAcknowledged);
        problems = List.copyOf(problems);
    }

    /** Every output message the agent sent and the client acknowledged. */
    public boolean allOutputAcknowledged() {
        return outputAcknowledged.containsAll(outputSent);
    }

    /** The session was left the way a client must leave it: socket closed, session terminated. */
    public boolean closed() {
        return clientClosedSocket && terminated;
    }

    static final class Builder {
        private boolean tokenAccepted;
        private boolean tokenRefused;
        private final List<Long> inputSequences = new ArrayList<>();
        private final List<Integer> inputPayloadTypes = new ArrayList<>();
        private final Set<Long> outputSent = new TreeSet<>();
        private final Set<Long> outputAcknowledged = new TreeSet<>();
        private boolean challengePassed;
        private boolean clientClosedSocket;
        private boolean terminated;
        private final List<String> problems = new ArrayList<>();
        private final CountDownLatch socketDone = new CountDownLatch(1);

        synchronized void tokenAccepted() {
            tokenAccepted = true;
        }

        synchronized void tokenRefused() {
            tokenRefused = true;
        }

        synchronized void inputReceived(long sequence, int payloadType) {
            inputSequences.add(sequence);
            inputPayloadTypes.add(payloadType);
        }

        synchronized void outputSent(long sequence) {
            outputSent.add(sequence);
        }

        synchronized void outputAcknowledged(long sequence) {
            outputAcknowledged.add(sequence);
        }

        synchronized void challengePassed() {
            challengePassed = true;
        }

        synchronized void clientClosed(int statusCode) {
            clientClosedSocket = statusCode != 1006;
            if (statusCode == 1006) {
                problems.add("the client dropped the socket without a close frame");
            }
        }

        synchronized void terminated() {
            terminated = true;
        }

        synchronized void problem(String problem) {
            problems.add(problem);
        }

        void socketDone() {
            socketDone.countDown();
        }

        void awaitSocketDone(long timeoutMillis) throws InterruptedException {
            socketDone.await(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        synchronized AgentSessionRecord build() {
            return new AgentSessionRecord(tokenAccepted, tokenRefused, inputSequences, inputPayloadTypes, outputSent,
                    outputAcknowledged, challengePassed, clientClosedSocket, terminated, problems);
        }
    }
}
