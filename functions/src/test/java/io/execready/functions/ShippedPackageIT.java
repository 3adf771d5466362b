package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.execready.functions.local.DemoScenario;
import io.execready.functions.local.LocalCheckerRun;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.regions.Region;

/**
 * Every function as it ships: the handlers run from the shrunk jars that `sam build` lays out (the
 * handlers jar of each function's zip and the libraries jar of the shared layer) plus the Lambda
 * runtime interface client, not from the build's class directories. The JVM verifies every class
 * it loads as Lambda's does, so a class the shrink step (packaging/shrink.pro) dropped while a path
 * still needs it fails here. Maven runs this in the integration-test phase, after `package` made
 * the jars; ./scripts/test runs it (not --fast).
 */
@Tag("emulator")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippedPackageIT {

    /** The folder of the shipped jars, set by the failsafe configuration in functions/pom.xml. */
    private static final String PACKAGE_PROPERTY = "execready.lambda.package";
    /** What Lambda's java21 runtime puts on the classpath besides the function: the same jars scripts/lib/lambda-base-image.sh ships. */
    private static final Pattern RUNTIME_JAR = Pattern.compile(
            ".*/(aws-lambda-java-runtime-interface-client|aws-lambda-java-core|aws-lambda-java-serialization)-[0-9][^/]*\\.jar");
    private static final String FUNCTIONS = "io.execready.functions.";

    private static LocalCheckerRun run;

    @BeforeAll
    static void start() {
        run = LocalCheckerRun.start(shippedClasspath());
        Region region = Region.of(run.aws().region());
        DemoScenario.runServiceTask(region, run.seeded(), DemoScenario.READY_SERVICE);
        DemoScenario.runServiceTask(region, run.seeded(), DemoScenario.BROKEN_SERVICE);
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    /**
     * The runtime interface client from this test's classpath, then the shipped handlers and
     * libraries jars: Lambda's runtime loads its own jars first (the parent class loader of the
     * function's), so a library class both hold comes from the runtime there too.
     */
    static String shippedClasspath() {
        String folder = System.getProperty(PACKAGE_PROPERTY);
        assertThat(folder).as("system property %s (run this through Maven's integration-test phase)", PACKAGE_PROPERTY).isNotBlank();
        Path handlers = Path.of(folder, "execready-handlers.jar");
        Path libraries = Path.of(folder, "execready-libraries.jar");
        assertThat(handlers).isRegularFile();
        assertThat(libraries).isRegularFile();
        List<String> entries = new ArrayList<>(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> RUNTIME_JAR.matcher(entry.replace(File.separatorChar, '/')).matches())
                .toList());
        assertThat(entries).as("the runtime interface client on the test classpath").hasSizeGreaterThanOrEqualTo(2);
        entries.addAll(List.of(handlers.toString(), libraries.toString()));
        return String.join(File.pathSeparator, entries);
    }

    private static JsonNode invoke(String function, String eventFile) throws Exception {
        return run.responseOf(run.invoke(FUNCTIONS + function + "::handleRequest", LocalCheckerRun.eventsDirectory().resolve(eventFile)));
    }

    @Test
    void theHandlersJarHoldsOnlyTheHandlers_andTheLibrariesJarNoneOfThem() throws Exception {
        String folder = System.getProperty(PACKAGE_PROPERTY);
        try (var handlers = new ZipFile(Path.of(folder, "execready-handlers.jar").toFile());
             var libraries = new ZipFile(Path.of(folder, "execready-libraries.jar").toFile())) {
            assertThat(handlers.stream().filter(e -> !e.isDirectory()).map(e -> e.getName()).toList())
                    .isNotEmpty().allMatch(name -> name.startsWith("io/execready/functions/") || name.startsWith("META-INF/"));
            List<String> libraryEntries = libraries.stream().map(e -> e.getName()).toList();
            assertThat(libraryEntries).noneMatch(name -> name.startsWith("io/execready/functions/"))
                    .anyMatch(name -> name.startsWith("io/execready/engine/"))
                    .contains("META-INF/services/software.amazon.awssdk.http.SdkHttpService");
        }
        assertThat(Files.size(Path.of(folder, "execready-libraries.jar"))).as("the shrunk libraries jar, in bytes")
                .isLessThan(40L * 1024 * 1024);
    }

    @Test
    @Order(1)
    void taskStateChange_evaluatesANotReadyTask_publishesItsFindingsAndAlerts() throws Exception {
        JsonNode response = invoke("TaskStateChangeFunction", "task-running-not-ready.json");

        assertThat(response.get("outcome").asText()).as(response.toPrettyString()).isEqualTo("EVALUATED");
        assertThat(response.at("/report/execReady").asBoolean()).isFalse();
        assertThat(run.findingsOfSubject(DemoScenario.CLUSTER_ARN + "|service:" + DemoScenario.BROKEN_SERVICE))
                .anySatisfy(f -> assertThat(f.compliance().statusAsString()).isEqualTo("FAILED"));
        assertThat(run.alerts()).isNotEmpty();
    }

    @Test
    @Order(2)
    void taskStateChange_evaluatesAReadyTask() throws Exception {
        JsonNode response = invoke("TaskStateChangeFunction", "task-running-exec-ready.json");

        assertThat(response.get("outcome").asText()).as(response.toPrettyString()).isEqualTo("EVALUATED");
        assertThat(response.at("/report/execReady").asBoolean()).as(response.toPrettyString()).isTrue();
    }

    @Test
    @Order(3)
    void serviceChange_evaluatesACompletedDeployment() throws Exception {
        JsonNode response = invoke("ServiceChangeFunction", "deployment-completed.json");

        assertThat(response.get("outcome").asText()).as(response.toPrettyString()).isEqualTo("EVALUATED");
    }

    @Test
    @Order(4)
    void onDemand_evaluatesTheWholeCluster() throws Exception {
        JsonNode response = invoke("OnDemandCheckFunction", "on-demand-cluster.json");

        assertThat(response.get("outcome").asText()).as(response.toPrettyString()).isEqualTo("EVALUATED");
        assertThat(response.get("tasksEvaluated").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(5)
    void sweep_dispatchesTheCluster_andTheWorkerSweepsIt() throws Exception {
        JsonNode dispatched = invoke("SweepFunction", "scheduled-sweep.json");
        JsonNode swept = invoke("SweepClusterFunction", "sweep-cluster-message.json");

        assertThat(dispatched.get("outcome").asText()).as(dispatched.toPrettyString()).isEqualTo("DISPATCHED");
        assertThat(swept.get("batchItemFailures")).as(swept.toPrettyString()).isEmpty();
    }

    @Test
    @Order(6)
    void taskStateChange_keepsTheFindingsOfAStoppedTaskWhoseServiceRuns() throws Exception {
        JsonNode response = invoke("TaskStateChangeFunction", "task-stopped.json");

        assertThat(response.get("outcome").asText()).as("the stopped task's service still runs a task: its findings stay")
                .isEqualTo("KEPT");
    }
}
