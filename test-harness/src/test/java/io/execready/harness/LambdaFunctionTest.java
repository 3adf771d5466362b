package io.execready.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.harness.testfunctions.EchoHandler;
import io.execready.harness.testfunctions.ExitingHandler;
import io.execready.harness.testfunctions.FailingHandler;
import io.execready.harness.testfunctions.MisconfiguredHandler;
import io.execready.harness.testfunctions.SleepingHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Tag("emulator")
class LambdaFunctionTest {

    private static final String CLASSPATH = System.getProperty("java.class.path");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void invoke_withStreamHandler_returnsItsPayloadContextAndLogs() throws Exception {
        try (LambdaFunction function = LambdaFunction.start(EchoHandler.class.getName() + "::handleRequest", CLASSPATH,
                Map.of("GREETING", "hello from the test"))) {

            Invocation first = function.invoke("{\"detail-type\":\"ECS Task State Change\"}", TIMEOUT);

            assertThat(first.succeeded()).isTrue();
            assertThat(first.errorType()).isNull();
            JsonNode answer = JSON.readTree(first.payload());
            assertThat(answer.path("event").path("detail-type").asText()).isEqualTo("ECS Task State Change");
            assertThat(answer.path("requestId").asText()).isEqualTo(first.requestId());
            assertThat(answer.path("functionName").asText()).isEqualTo("EchoHandler").isEqualTo(function.name());
            assertThat(answer.path("invokedFunctionArn").asText())
                    .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:EchoHandler").isEqualTo(function.arn());
            assertThat(answer.path("remainingTimeInMillis").asLong()).isBetween(1L, TIMEOUT.toMillis());
            assertThat(answer.path("greeting").asText()).isEqualTo("hello from the test");
            assertThat(answer.path("region").asText()).isEqualTo("us-east-1");
            assertThat(first.logLines()).contains("EchoHandler initialising", "echo handling " + first.requestId())
                    .anyMatch(line -> line.contains("logged through the Lambda logger"));
            assertThat(first.isColdStart()).isTrue();
            assertThat(first.initDuration()).isPositive();
            assertThat(first.duration()).isLessThan(TIMEOUT);
        }
    }

    @Test
    void invoke_secondTime_reportsOnlyItsOwnLogsAndNoInit() {
        try (LambdaFunction function = LambdaFunction.start(EchoHandler.class.getName(), CLASSPATH, Map.of())) {
            Invocation first = function.invoke("{\"n\":1}", TIMEOUT);

            Invocation second = function.invoke("{\"n\":2}", TIMEOUT);

            assertThat(second.isColdStart()).isFalse();
            assertThat(second.requestId()).isNotEqualTo(first.requestId());
            assertThat(second.payload()).contains("\"n\":2");
            assertThat(second.logLines()).contains("echo handling " + second.requestId())
                    .doesNotContain("echo handling " + first.requestId(), "EchoHandler initialising");
            assertThat(function.logLines()).contains("echo handling " + first.requestId(), "echo handling " + second.requestId());
        }
    }

    @Test
    void invoke_whenHandlerThrows_returnsTheErrorAsLambdaDoes() {
        try (LambdaFunction function = LambdaFunction.start(FailingHandler.class.getName() + "::handleRequest", CLASSPATH,
                Map.of())) {

            Invocation invocation = function.invoke("{}", TIMEOUT);

            assertThat(invocation.succeeded()).isFalse();
            assertThat(invocation.payload()).isNull();
            assertThat(invocation.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(invocation.errorMessage()).isEqualTo("cluster not found: demo");
            assertThat(invocation.logLines()).contains("failing handler about to throw");
        }
    }

    @Test
    void invoke_whenHandlerClassIsMissing_returnsTheInitError() {
        try (LambdaFunction function = LambdaFunction.start("io.execready.harness.testfunctions.NoSuchHandler",
                CLASSPATH, Map.of())) {

            Invocation invocation = function.invoke("{}", TIMEOUT);

            assertThat(invocation.succeeded()).isFalse();
            assertThat(invocation.errorType()).isNotBlank();
            assertThat(invocation.errorMessage()).contains("NoSuchHandler");
        }
    }

    @Test
    void invoke_whenHandlerConstructorFails_returnsTheInitErrorEveryTime() {
        try (LambdaFunction function = LambdaFunction.start(MisconfiguredHandler.class.getName(), CLASSPATH, Map.of())) {

            Invocation first = function.invoke("{}", TIMEOUT);
            Invocation second = function.invoke("{}", TIMEOUT);

            for (Invocation invocation : List.of(first, second)) {
                assertThat(invocation.succeeded()).isFalse();
                assertThat(invocation.errorType()).isEqualTo("java.lang.IllegalStateException");
                assertThat(invocation.errorMessage()).isEqualTo("FINDINGS_TOPIC_ARN is not set");
            }
            assertThat(first.isColdStart()).isTrue();
            assertThat(first.logLines()).anyMatch(line -> line.contains("MisconfiguredHandler.<init>"));
        }
    }

    @Test
    void invoke_whenProcessDies_failsWithItsLastLogLines() {
        try (LambdaFunction function = LambdaFunction.start(ExitingHandler.class.getName(), CLASSPATH, Map.of())) {

            assertThatThrownBy(() -> function.invoke("{}", TIMEOUT))
                    .isInstanceOf(HarnessException.class)
                    .hasMessageContaining("exited with code 7")
                    .hasMessageContaining("exiting handler going down");
        }
    }

    @Test
    void invoke_whenTimeoutPasses_killsTheProcessAndFails() {
        try (LambdaFunction function = LambdaFunction.start(SleepingHandler.class.getName(), CLASSPATH, Map.of())) {

            assertThatThrownBy(() -> function.invoke("{}", Duration.ofSeconds(3)))
                    .isInstanceOf(HarnessException.class)
                    .hasMessageContaining("did not answer")
                    .hasMessageContaining("sleeping handler started");
            assertThatThrownBy(() -> function.invoke("{}", TIMEOUT)).hasMessageContaining("is closed");
        }
    }

    @Test
    void start_givesTheRuntimeClientAPrivateCopyOfItsJniLibrary_notTheSharedTmpFile() throws Exception {
        try (LambdaFunction function = LambdaFunction.start(EchoHandler.class.getName(), CLASSPATH, Map.of())) {
            assertThat(function.invoke("{}", TIMEOUT).succeeded()).isTrue();

            Path commandLine = Path.of("/proc/" + function.pid() + "/cmdline");
            assumeTrue(Files.isReadable(commandLine), "reads the function's command line from Linux's /proc");
            List<String> arguments = List.of(Files.readString(commandLine).split("\u0000"));
            String property = arguments.stream()
                    .filter(argument -> argument.startsWith("-D" + LambdaFunction.NATIVE_CLIENT_PROPERTY + "="))
                    .findFirst().orElseThrow();
            Path library = Path.of(property.substring(property.indexOf('=') + 1));
            assertThat(library).isRegularFile().isNotEqualTo(Path.of("/tmp/.libaws-lambda-jni.so"));
            assertThat(Files.size(library)).isPositive();
            assertThat(LambdaFunction.privateNativeClient(CLASSPATH)).contains(library);
        }
    }
}
