package io.execready.functions.local;

import io.execready.harness.LocalAws;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.regions.Region;

/**
 * Keeps the demo account up for commands run by hand, such as {@code ./execready check}: starts the
 * local emulator, seeds {@link DemoScenario}, starts one task of {@code web} (Exec-ready) and one of
 * {@code billing-api} (broken), prints the environment that points the AWS SDK and CLI at it, and
 * runs until interrupted (Ctrl-C) or, with {@code --until-stdin-closes}, until its input ends.
 * {@code --env-file FILE} also writes the environment there as {@code export} lines. Started by
 * {@code scripts/demo-emulator}.
 */
public final class DemoEmulator {

    private DemoEmulator() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        LocalAws aws = LocalAws.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            aws.close();
            stopped.countDown();
        }));
        aws.applyToSystemProperties();
        DemoScenario.Seeded seeded = DemoScenario.seed(aws);
        Region region = Region.of(aws.region());
        String web = DemoScenario.runServiceTask(region, seeded, DemoScenario.READY_SERVICE);
        String billing = DemoScenario.runServiceTask(region, seeded, DemoScenario.BROKEN_SERVICE);

        StringBuilder exports = new StringBuilder();
        for (Map.Entry<String, String> variable : new java.util.TreeMap<>(aws.clientEnvironment()).entrySet()) {
            exports.append("export ").append(variable.getKey()).append('=').append(variable.getValue()).append('\n');
        }
        // For scripts: which task is which (harmless to export).
        String variables = exports + "export EXECREADY_DEMO_READY_TASK=" + web.substring(web.lastIndexOf('/') + 1) + "\n"
                + "export EXECREADY_DEMO_BROKEN_TASK=" + billing.substring(billing.lastIndexOf('/') + 1) + "\n";
        int envFile = arguments.indexOf("--env-file");
        if (envFile >= 0 && envFile + 1 < arguments.size()) {
            Path file = Path.of(arguments.get(envFile + 1));
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, variables, StandardCharsets.UTF_8);
            // Renamed into place whole: a script waiting for the file never reads half of it.
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf("Demo account up at %s: cluster %s, tasks%n  %s (service %s, Exec-ready)%n  %s (service %s, not ready)%n%n"
                        + "Point the AWS SDK and CLI at it in another terminal:%n%n%s%nthen for example: ./execready check --cluster %s --all%n%n"
                        + "Stop with Ctrl-C.%n",
                aws.endpoint(), DemoScenario.CLUSTER, web, DemoScenario.READY_SERVICE, billing, DemoScenario.BROKEN_SERVICE,
                exports, DemoScenario.CLUSTER);
        System.out.flush();
        if (arguments.contains("--until-stdin-closes")) {
            try {
                System.in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // A closed or broken input means the same: stop.
            }
            System.exit(0);
        }
        stopped.await();
    }
}
