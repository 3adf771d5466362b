package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.functions.local.LocalCheckerRun;
import io.execready.harness.Invocation;
import io.execready.harness.LambdaFunction;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The task-event function on the runtime's SnapStart path: the runtime interface client runs the
 * org.crac checkpoint hook (priming) after init and before asking for {@code restore/next}, then
 * the restore hook, and the restored environment then evaluates a real event against the emulator.
 */
@Tag("emulator")
class SnapStartEndToEndTest {

    private static final String HANDLER = "io.execready.functions.TaskStateChangeFunction::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalCheckerRun run;

    @BeforeAll
    static void start() {
        run = LocalCheckerRun.start(System.getProperty("java.class.path"));
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void snapStart_primesBeforeTheCheckpoint_restores_thenEvaluatesTheFirstEvent() throws Exception {
        String event = run.asDeliveredHere(Files.readString(LocalCheckerRun.eventsDirectory().resolve("task-running-exec-ready.json")));
        Map<String, String> environment = new LinkedHashMap<>(run.functionEnvironment());
        environment.putAll(LambdaFunction.snapStartEnvironment());

        Invocation first;
        List<String> lines;
        try (LambdaFunction function = LambdaFunction.start(HANDLER, System.getProperty("java.class.path"), environment)) {
            first = function.invoke(event, LocalCheckerRun.INVOKE_TIMEOUT);
            lines = function.logLines();
            assertThat(function.checkpointedAt()).as("the runtime asked restore/next after its checkpoint hooks").isPresent();
        }

        assertThat(first.succeeded()).as("%s %s", first.errorType(), first.errorMessage()).isTrue();
        assertThat(JSON.readTree(first.payload()).get("outcome").asText()).isEqualTo("EVALUATED");
        int primed = indexOfOutcome(lines, "PRIMED");
        int restored = indexOfOutcome(lines, "RESTORED");
        assertThat(primed).as("a PRIMED line in %s", lines).isNotNegative();
        assertThat(restored).as("a RESTORED line after the PRIMED one").isGreaterThan(primed);
        JsonNode primedLine = JSON.readTree(lines.get(primed));
        assertThat(primedLine.get("sdkOperationsRefused")).isEmpty();
        assertThat(primedLine.get("checksEvaluated").asInt()).isPositive();
        assertThat(primedLine.get("findingsImported").asInt()).as("the rehearsed first event published offline").isPositive();
    }

    private static int indexOfOutcome(List<String> lines, String outcome) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{") && lines.get(i).contains("\"outcome\":\"" + outcome + "\"")) {
                return i;
            }
        }
        return -1;
    }
}
