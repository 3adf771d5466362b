package io.execready.checks.container;

import io.execready.checks.support.ExecCapableContainers;
import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The exec agent honours HTTP_PROXY and HTTPS_PROXY. Unless NO_PROXY names the ECS credentials
 * endpoint 169.254.170.2, its credential requests may be sent through the proxy, which cannot
 * answer them. Only the names of the proxy variables and the value of NO_PROXY are read.
 */
public final class ProxyBypassCheck implements Check {

    static final String CREDENTIALS_ENDPOINT = "169.254.170.2";
    private static final List<String> PROXY_VARIABLES = List.of("HTTP_PROXY", "HTTPS_PROXY");

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "proxy-bypass",
            "A proxied container lets the exec agent reach the credentials endpoint directly",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/http_proxy_config.html");

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        ExecCapableContainers capable = ExecCapableContainers.of(snapshot);
        return UnreadableFact.withTaskDefinition(DEFINITION, snapshot, td -> evaluate(snapshot.target(), td, capable));
    }

    private static CheckResult evaluate(EvaluatedTask target, TaskDefinition taskDefinition, ExecCapableContainers capable) {
        List<ContainerDefinition> proxied = taskDefinition.containers().stream()
                .filter(c -> capable.judges(c.name()))
                .filter(c -> c.environmentNames().stream().anyMatch(name -> PROXY_VARIABLES.contains(name.toUpperCase(Locale.ROOT))))
                .toList();
        List<String> defined = taskDefinition.containers().stream().map(ContainerDefinition::name).toList();
        if (proxied.isEmpty()) {
            return capable.listSkipped(DEFINITION.pass("No exec-capable container of " + Wording.task(target) + " sets HTTP_PROXY or HTTPS_PROXY."), defined);
        }
        List<String> notBypassed = proxied.stream().filter(c -> !bypasses(c.noProxy())).map(ContainerDefinition::name).toList();
        if (notBypassed.isEmpty()) {
            return capable.listSkipped(DEFINITION.pass("Every proxied exec-capable container of " + Wording.task(target) + " lists "
                    + CREDENTIALS_ENDPOINT + " in NO_PROXY, so the exec agent reaches the credentials endpoint directly."), defined);
        }
        return capable.listSkipped(DEFINITION.warn("In " + Wording.task(target) + ", " + Wording.containers(notBypassed)
                                + (notBypassed.size() == 1 ? " sets" : " set") + " a proxy without " + CREDENTIALS_ENDPOINT
                                + " in NO_PROXY, so the exec agent's credential requests may go to the proxy.",
                        "Add " + CREDENTIALS_ENDPOINT + " (and 169.254.169.254) to NO_PROXY in the environment of " + Wording.containers(notBypassed)
                                + ", then " + RemediationCommands.registerAndRollOut(target.task()) + ".")
                .withEvidence("proxiedWithoutBypass", String.join(",", notBypassed)), defined);
    }

    private static boolean bypasses(String noProxy) {
        return noProxy != null && Arrays.stream(noProxy.split(",")).map(String::strip).anyMatch(CREDENTIALS_ENDPOINT::equals);
    }
}
