package io.execready.checks;

import static io.execready.fixtures.ContainerFixture.container;
import static io.execready.fixtures.ContainerFixture.guardDutySidecar;
import static io.execready.fixtures.NetworkPathFixture.ENDPOINT_SUBNET_ID;
import static io.execready.fixtures.NetworkPathFixture.NAT_GATEWAY_ID;
import static io.execready.fixtures.NetworkPathFixture.OTHER_ZONE_SUBNET_ID;
import static io.execready.fixtures.NetworkPathFixture.SUBNET_ID;
import static io.execready.fixtures.NetworkPathFixture.TASK_SECURITY_GROUP_ID;
import static io.execready.fixtures.TaskSnapshotFixture.ACCOUNT;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_BUCKET;
import static io.execready.fixtures.TaskSnapshotFixture.CLUSTER_ARN;
import static io.execready.fixtures.TaskSnapshotFixture.OPERATOR_ARN;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.checks.network.SharedVpcCheck;
import io.execready.engine.Check;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.ServiceCheck;
import io.execready.fixtures.NetworkPathFixture;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.ServiceSnapshotFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.probe.ProbeOutcome;
import io.execready.probe.ProbePhase;
import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.ExecLogging;
import io.execready.snapshot.ExecProbe;
import io.execready.snapshot.InstanceMetadataOptions;
import io.execready.snapshot.NetworkAcl;
import io.execready.snapshot.PolicyDecision;
import io.execready.snapshot.SecurityGroupRule;
import io.execready.snapshot.ServiceSnapshot;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every registered check, over snapshots whose every name is hostile ({@link HostileNames}), in the
 * situations that make it FAIL, WARN or go UNKNOWN for lack of a fact: each AWS CLI command in a
 * remediation, read the way a POSIX shell reads it ({@link PosixWords}), keeps each hostile name as
 * one literal word and expands nothing. A check that concatenates a name unquoted splits it into
 * several words (or leaves a quote open, or runs its {@code $(id)}) and fails this test.
 */
class HostileNamesRemediationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PROFILE_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/platform-operator";
    private static final String ALICE = "arn:aws:iam::" + ACCOUNT + ":user/alice";
    private static final String NANO = "mcr.microsoft.com/windows/nanoserver:ltsc2022";

    /** Broken tasks, taken from the checks' own tests: together they make every task check FAIL or WARN. */
    private static Map<String, Supplier<TaskSnapshot>> taskScenarios() {
        Map<String, Supplier<TaskSnapshot>> s = new LinkedHashMap<>();
        s.put("starting", () -> TaskSnapshotFixture.runningFargateTask().withLastStatus("PENDING").build());
        s.put("service task stopped", () -> TaskSnapshotFixture.runningFargateTask().withLastStatus("STOPPED").withDesiredStatus("STOPPED").build());
        s.put("standalone task stopped", () -> TaskSnapshotFixture.standaloneFargateTask().withLastStatus("STOPPED").build());
        s.put("exec off, service on", () -> TaskSnapshotFixture.runningFargateTask().withExecEnabled(false).withServiceExecEnabled(true).build());
        s.put("exec off everywhere", () -> TaskSnapshotFixture.runningFargateTask().withExecEnabled(false).withServiceExecEnabled(false).build());
        s.put("standalone exec off", () -> TaskSnapshotFixture.standaloneFargateTask().withExecEnabled(false).build());
        s.put("agent stopped", () -> TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withStoppedAgent("ExecuteCommandAgent exited with code 1")).withContainer(guardDutySidecar()).build());
        s.put("agent pending", () -> TaskSnapshotFixture.runningFargateTask().withContainer(container("worker").withAgentStatus("PENDING")).build());
        s.put("no agents", () -> TaskSnapshotFixture.runningFargateTask().withOnlyContainers(container("app").withoutManagedAgents()).build());
        s.put("old platform", () -> TaskSnapshotFixture.runningFargateTask().withPlatformVersion("1.3.0").build());
        s.put("old standalone platform", () -> TaskSnapshotFixture.standaloneFargateTask().withPlatformVersion("1.3.0").build());
        s.put("old linux agent", () -> TaskSnapshotFixture.runningEc2Task().withAgentVersion("1.50.1").build());
        s.put("old windows agent", () -> TaskSnapshotFixture.runningWindowsEc2Task().withAgentVersion("1.55.0").build());
        s.put("old agent, unknown os", () -> TaskSnapshotFixture.runningEc2Task()
                .withContainerInstanceAttribute(ContainerInstance.OS_TYPE, null).withAgentVersion("1.55.0").build());
        s.put("no agent version", () -> TaskSnapshotFixture.runningEc2Task().withAgentVersion(null).build());
        s.put("container instance gone", () -> TaskSnapshotFixture.runningEc2Task().withContainerInstanceAbsent("no such container instance").build());
        s.put("no exec capability", () -> TaskSnapshotFixture.runningEc2Task()
                .withContainerInstanceAttribute("ecs.capability.execute-command", null).build());
        s.put("nano server", () -> TaskSnapshotFixture.runningWindowsFargateTask().withContainer(container("legacy").withImage(NANO)).build());
        s.put("restart policy", () -> TaskSnapshotFixture.runningFargateTask().withContainer(container("worker").withRestartPolicyEnabled(true)).build());
        s.put("read-only root", () -> TaskSnapshotFixture.runningFargateTask().withContainer(container("app").withReadOnlyRoot()).build());
        s.put("no init", () -> TaskSnapshotFixture.runningFargateTask().withContainer(container("cron").withInitProcessEnabled(false)).build());
        s.put("static credentials", () -> TaskSnapshotFixture.runningFargateTask().withContainer(container("app").withSecrets("AWS_SECRET_ACCESS_KEY"))
                .withContainer(container("worker")).withEnvironmentOverride("worker", "AWS_PROFILE").build());
        s.put("pid mode task", () -> TaskSnapshotFixture.runningFargateTask().withPidMode("task").build());
        s.put("no memory headroom", () -> TaskSnapshotFixture.runningFargateTask().withContainer(container("app").withMemoryReservation(768))
                .withContainer(container("worker").withMemory(256)).build());
        s.put("memory unreadable", () -> TaskSnapshotFixture.runningFargateTask().withTaskMemory("lots").build());
        s.put("task definition gone", () -> TaskSnapshotFixture.runningFargateTask().withTaskDefinitionAbsent("no such revision").build());
        s.put("no task role", () -> TaskSnapshotFixture.runningFargateTask().withoutTaskRole().build());
        s.put("ssmmessages denied", () -> TaskSnapshotFixture.runningFargateTask()
                .withSsmDecision("ssmmessages:CreateControlChannel", PolicyDecision.EXPLICIT_DENY, "a service control policy")
                .withSsmDecision("ssmmessages:CreateDataChannel", PolicyDecision.IMPLICIT_DENY, null).build());
        s.put("decrypt denied", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withTaskRoleDecision("kms:Decrypt", PolicyDecision.IMPLICIT_DENY, (String) null).build());
        s.put("put log events denied", () -> TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleDecision("logs:PutLogEvents", PolicyDecision.IMPLICIT_DENY, (String) null).build());
        s.put("put object denied", () -> TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleDecision("s3:PutObject", PolicyDecision.EXPLICIT_DENY, (String) null).build());
        s.put("task role simulation missing", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withoutTaskRoleDecision("kms:Decrypt").build());
        s.put("operators denied", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withOperators(OPERATOR_ARN, ALICE)
                .withOperatorDecision(OPERATOR_ARN, "ecs:ExecuteCommand", CLUSTER_ARN, PolicyDecision.IMPLICIT_DENY)
                .withOperatorDecision(ALICE, "ecs:ExecuteCommand", PolicyDecision.IMPLICIT_DENY, null).build());
        s.put("start session allowed", () -> TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withOperatorDecision(OPERATOR_ARN, "ssm:StartSession", PolicyDecision.ALLOWED, null).build());
        s.put("logging none", () -> TaskSnapshotFixture.runningFargateTask().withClusterLoggingMode("NONE").build());
        s.put("logging unrecognised", () -> TaskSnapshotFixture.runningFargateTask().withClusterLoggingMode("SOMETIMES").build());
        s.put("default logging, no awslogs", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withClusterLoggingMode(null)
                .withContainer(container("app").withLogDriver("awsfirelens")).build());
        s.put("log group missing", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withAuditLogGroupMissing().withAuditBucketMissing().build());
        s.put("destinations unencrypted", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withAuditLogGroupKmsKey(null)
                .withAuditBucketEncryption(null).build());
        s.put("key disabled", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withExecKmsKeyState("Disabled").build());
        s.put("key pending deletion", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withExecKmsKeyState("PendingDeletion").build());
        s.put("key unavailable", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withExecKmsKeyState("Unavailable").build());
        s.put("key missing", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withExecKmsKeyMissing().build());
        s.put("key policy denies", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withExecAccess(a -> a.withKeyPolicy(policy(
                "{\"Sid\":\"NoDecrypt\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + TASK_ROLE_ARN + "\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}")))
                .build());
        s.put("key policy undecided", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withExecAccess(a -> a.withKeyPolicy(policy(
                "{\"Sid\":\"Org\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-123\"}}}"))).build());
        s.put("bucket policy denies", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withExecAccess(a -> a.withBucketPolicy(policy(
                "{\"Sid\":\"NoUploads\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::"
                        + AUDIT_BUCKET + "/*\"}"))).build());
        s.put("bucket policy undecided", () -> TaskSnapshotFixture.fullyConfiguredFargateTask().withExecAccess(a -> a.withBucketPolicy(policy(
                "{\"Sid\":\"Org\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-123\"}}}"))).build());
        s.put("internet gateway, no public ip", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withInternetGateway(null)).build());
        s.put("no route out", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(NetworkPathFixture::withoutRouteOut).build());
        s.put("nat blackhole", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withDefaultRoute(NAT_GATEWAY_ID, "blackhole")).build());
        s.put("route table gone", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withRouteTableAbsent("no route table")).build());
        s.put("endpoint private dns off", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut()
                .withEndpoint("vpce-0nodns", "ssmmessages", "Interface", "available", false, ENDPOINT_SUBNET_ID)).build());
        s.put("endpoint pending", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut()
                .withEndpoint("vpce-0pending", "ssmmessages", "Interface", "pendingAcceptance", true, ENDPOINT_SUBNET_ID)).build());
        s.put("endpoint in another zone", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut()
                .withEndpoint("vpce-0otheraz", "ssmmessages", "Interface", "available", true, OTHER_ZONE_SUBNET_ID)).build());
        s.put("endpoint refuses 443", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()
                .withEndpointInbound(tcp(80, List.of("10.0.0.0/16"), List.of(TASK_SECURITY_GROUP_ID)))
                .withTaskOutbound(tcp(5432, List.of("0.0.0.0/0"), List.of()))).build());
        s.put("endpoint groups not visible", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()
                .withEndpointSecurityGroupsNotVisible()).build());
        s.put("private endpoints incomplete", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint())
                .withClusterKmsKey(TaskSnapshotFixture.EXEC_KEY_ARN)
                .withClusterLogging(new ExecLogging("OVERRIDE", TaskSnapshotFixture.AUDIT_LOG_GROUP, false, null, null, false)).build());
        s.put("s3 gateway on another table", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()
                .withS3GatewayEndpoint(false)).withClusterLogging(new ExecLogging("OVERRIDE", null, false, AUDIT_BUCKET, "prod/", false)).build());
        s.put("shared vpc", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withSubnetOwner(NetworkPathFixture.VPC_OWNER)
                .withRouteTableAbsent("the route table belongs to the owner")).build());
        s.put("endpoint policy refuses", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()
                .withEndpointPolicy("ssmmessages", "{\"Statement\":[{\"Sid\":\"OnlyControl\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":[\"ssmmessages:CreateControlChannel\"],\"Resource\":\"*\"}]}")).build());
        s.put("endpoint policy undecided", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()
                .withEndpointPolicy("ssmmessages", "{\"Statement\":[{\"Sid\":\"OrgOnly\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-123\"}}}]}")).build());
        s.put("vpc dns off", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()
                .withVpcDns(false, false)).build());
        s.put("acl denies 443", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withNetworkAcls(new NetworkAcl("acl-0task",
                List.of(SUBNET_ID), List.of(rule(50, true, false, "0.0.0.0/0", 443, 443), rule(100, true, true, "0.0.0.0/0", null, null),
                        rule(100, false, true, "0.0.0.0/0", null, null))))).build());
        s.put("acl partly covers", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()
                .withNetworkAcls(NetworkPathFixture.allowAllAcl("acl-0task", SUBNET_ID, OTHER_ZONE_SUBNET_ID), new NetworkAcl("acl-0endpoint",
                        List.of(ENDPOINT_SUBNET_ID), List.of(rule(90, false, false, "10.0.1.0/25", null, null),
                                rule(100, false, true, "0.0.0.0/0", null, null), rule(100, true, true, "0.0.0.0/0", null, null))))).build());
        s.put("no acl for the subnet", () -> TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withNetworkAcls(
                NetworkPathFixture.allowAllAcl("acl-0other", OTHER_ZONE_SUBNET_ID))).build());
        s.put("imds hop limit", () -> TaskSnapshotFixture.runningEc2Task()
                .withInstanceProfileRole(PROFILE_ROLE, new InstanceMetadataOptions("enabled", "required", 1)).build());
        s.put("proxy without no_proxy", () -> TaskSnapshotFixture.runningFargateTask().withContainer(container("app").withEnvironment("HTTP_PROXY")).build());
        s.put("probe failed", () -> TaskSnapshotFixture.runningFargateTask().build().withExecProbe(new ExecProbe.Probed(
                new ProbeOutcome.Failed("ecs-execute-command-2", ProbePhase.HANDSHAKE, "the agent did not answer"))));
        s.put("cluster unreadable", () -> TaskSnapshotFixture.runningFargateTask().withClusterFailed(ReadFailures.throttled("ecs:DescribeClusters")).build());
        return s;
    }

    private static Map<String, Supplier<ServiceSnapshot>> serviceScenarios() {
        Map<String, Supplier<ServiceSnapshot>> s = new LinkedHashMap<>();
        s.put("service exec off", () -> ServiceSnapshotFixture.fargateService().withExecEnabled(false).build());
        s.put("service tasks predate the flag", () -> ServiceSnapshotFixture.fargateService()
                .withPrimaryTask("aaa111", false).withPrimaryTask("bbb222", true).withPrimaryTask("ccc333", null).build());
        return s;
    }

    @Test
    void everyCheck_quotesEveryHostileNameAsOneWordInItsCommands() {
        List<Judged> judged = new ArrayList<>();
        taskScenarios().forEach((name, scenario) -> {
            TaskSnapshot hostile = HostileNames.everywhere(scenario.get());
            for (Check check : CheckRegistry.all()) {
                judged.add(new Judged(name, check.evaluate(hostile)));
            }
        });
        serviceScenarios().forEach((name, scenario) -> {
            ServiceSnapshot hostile = HostileNames.everywhere(scenario.get());
            for (ServiceCheck check : ServiceCheckRegistry.all()) {
                judged.add(new Judged(name, check.evaluate(hostile)));
            }
        });

        List<String> broken = new ArrayList<>();
        Set<String> checksQuotingANameInACommand = new TreeSet<>();
        int hostileWords = 0;
        for (Judged j : judged) {
            if (j.result().status() == CheckStatus.PASS || j.result().status() == CheckStatus.NOT_APPLICABLE) {
                continue;
            }
            for (PosixWords.Command command : PosixWords.commands(j.result().remediation())) {
                String where = j.result().checkId() + " in \"" + j.scenario() + "\": " + command.text();
                if (command.error() != null) {
                    broken.add(where + " -> " + command.error());
                    continue;
                }
                for (String word : command.words()) {
                    if (word.startsWith("{")) {
                        broken.addAll(jsonStringsSplittingAName(word).stream().map(value -> where + " -> the JSON string [" + value
                                + "] of a document holds part of a name").toList());
                        hostileWords += occurrences(word, HostileNames.MARKER);
                        continue;
                    }
                    int fragments = occurrences(word, HostileNames.MARKER);
                    if (fragments == 0) {
                        continue;
                    }
                    if (occurrences(word, HostileNames.SUFFIX) != fragments) {
                        broken.add(where + " -> the word [" + word + "] holds part of a name");
                    } else {
                        hostileWords++;
                        checksQuotingANameInACommand.add(j.result().checkId());
                    }
                }
            }
        }

        assertThat(broken).as("commands that a shell would split, expand or leave open").isEmpty();
        Set<String> failedOrWarned = judged.stream()
                .filter(j -> j.result().status() == CheckStatus.FAIL || j.result().status() == CheckStatus.WARN)
                .map(j -> j.result().checkId())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> registered = new TreeSet<>();
        CheckRegistry.all().forEach(check -> registered.add(check.id()));
        ServiceCheckRegistry.all().forEach(check -> registered.add(check.id()));
        Set<String> neverFailing = Set.of(SharedVpcCheck.DEFINITION.id());
        Set<String> failingCheckIds = new TreeSet<>(registered);
        failingCheckIds.removeAll(neverFailing);
        assertThat(failedOrWarned).as("checks made to FAIL or WARN with hostile names").isEqualTo(failingCheckIds);
        assertThat(judged).as("the check that never fails, made UNKNOWN with a command to run")
                .anyMatch(j -> neverFailing.contains(j.result().checkId()) && j.result().status() == CheckStatus.UNKNOWN
                        && !PosixWords.commands(j.result().remediation()).isEmpty());
        assertThat(checksQuotingANameInACommand).as("checks whose commands carried a hostile name").hasSizeGreaterThanOrEqualTo(36);
        assertThat(hostileWords).isGreaterThanOrEqualTo(200);
    }

    @Test
    void posixWords_catchesANameConcatenatedUnquoted() {
        String cluster = HostileNames.name("prod");
        List<PosixWords.Command> unquoted = PosixWords.commands("Run aws ecs describe-clusters --clusters " + cluster + ", then look.");
        List<PosixWords.Command> quoted = PosixWords.commands("Run aws ecs describe-clusters --clusters "
                + io.execready.checks.support.ShellWords.quote(cluster) + ", then look.");

        assertThat(unquoted).singleElement().satisfies(command -> assertThat(command.error() != null
                || command.words().stream().noneMatch(word -> word.equals(cluster))).isTrue());
        assertThat(quoted).singleElement().satisfies(command -> {
            assertThat(command.error()).isNull();
            assertThat(command.words()).containsExactly("aws", "ecs", "describe-clusters", "--clusters", cluster);
        });
    }

    /**
     * A policy document passed as one word: the names inside are JSON strings, so they are judged
     * after JSON decoding; a name that broke the document's JSON is a broken command too.
     */
    private static List<String> jsonStringsSplittingAName(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            return List.of(document);
        }
        List<String> splitting = new ArrayList<>();
        List<JsonNode> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            JsonNode node = pending.removeLast();
            if (node.isTextual() && occurrences(node.asText(), HostileNames.MARKER) != occurrences(node.asText(), HostileNames.SUFFIX)) {
                splitting.add(node.asText());
            }
            node.forEach(pending::add);
        }
        return splitting;
    }

    private record Judged(String scenario, CheckResult result) {
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    private static SecurityGroupRule tcp(int port, List<String> cidrs, List<String> groups) {
        return new SecurityGroupRule("tcp", port, port, cidrs, groups);
    }

    private static NetworkAcl.Entry rule(int number, boolean egress, boolean allow, String cidr, Integer from, Integer to) {
        return new NetworkAcl.Entry(number, egress, from == null ? "-1" : "6", allow, cidr, from, to);
    }
}
