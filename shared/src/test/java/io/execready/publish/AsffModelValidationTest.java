package io.execready.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execready.checks.CheckRegistry;
import io.execready.checks.ServiceCheckRegistry;
import io.execready.checks.network.SsmEndpointSecurityGroupCheck;
import io.execready.checks.network.SsmReachableCheck;
import io.execready.engine.CauseResource;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckEngine;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.ReportResources;
import io.execready.engine.ServiceCheck;
import io.execready.engine.ServiceReport;
import io.execready.engine.SubjectReport;
import io.execready.engine.TaskReport;
import io.execready.fixtures.ContainerFixture;
import io.execready.fixtures.NetworkPathFixture;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.ServiceSnapshotFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.NextTaskOf;
import io.execready.snapshot.PolicyDecision;
import io.execready.snapshot.Route;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.SecurityGroupRule;
import io.execready.snapshot.Subject;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.TaskSnapshot;
import io.execready.snapshot.VpcEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.Resource;

/**
 * Every finding ExecReady can produce, validated against Security Hub's API model (botocore's
 * service model, vendored): each registered check's verdicts on a corpus of fixture snapshots, and
 * each check's every status with every kind of cause resource, for a service, a group and a
 * service's own report, active and archived, and in import batches. Not only what the emulator
 * accepts: member names, required members, enums, patterns, list sizes; and the ASFF limits the
 * model does not carry ({@link AsffAssertions}).
 */
class AsffModelValidationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30.123Z"), ZoneOffset.UTC);
    private static final SecurityHubModel MODEL = SecurityHubModel.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AsffFindingMapper mapper = new AsffFindingMapper();

    @Test
    void everyFindingOfEveryCheckAndStatus_isValidAgainstTheSecurityHubModel() {
        List<SubjectReport> reports = new ArrayList<>();
        reports.addAll(realReports());
        reports.addAll(synthesizedReports());

        List<AwsSecurityFinding> findings = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (SubjectReport report : reports) {
            FindingContext context = new FindingContext(FindingScope.of(report.task()), FindingTimestamps.fixed(FindingTimes.at(report.evaluatedAt())));
            List<AwsSecurityFinding> mapped = mapper.map(report, context);
            findings.addAll(mapped);
            report.results().stream().filter(r -> AsffFindingMapper.imported(r.status())).forEach(r -> covered.add(r.checkId() + "/" + r.status()));
        }

        for (AwsSecurityFinding finding : findings) {
            AsffAssertions.assertValidAsff(finding);
            assertValid(finding);
            assertValid(AsffFindingMapper.archived(finding, Instant.parse("2026-03-02T00:00:00Z")));
        }
        assertThat(covered).as("every check with every status that is imported").containsAll(expectedCoverage());
        assertBatchesValid(findings);
    }

    @Test
    void realVerdicts_includeNetworkFailuresNamingTheirSubnetRouteTableOrSecurityGroup() {
        TaskReport noRoute = engine().evaluate(TaskSnapshotFixture.runningFargateTask().withNetwork(NetworkPathFixture::withoutRouteOut).build());
        TaskReport blocked = engine().evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()
                        .withEndpointInbound(new SecurityGroupRule("tcp", 80, 80, List.of("10.0.0.0/16"), List.of())))
                .build());

        Resource routeTable = causeOf(noRoute, SsmReachableCheck.DEFINITION.id(), CheckStatus.FAIL);
        assertThat(routeTable.type()).isEqualTo("AwsEc2RouteTable");
        assertThat(routeTable.details().awsEc2RouteTable().routeTableId()).isEqualTo(NetworkPathFixture.ROUTE_TABLE_ID);
        assertThat(routeTable.id()).isEqualTo("arn:aws:ec2:eu-west-1:123456789012:route-table/" + NetworkPathFixture.ROUTE_TABLE_ID);

        Resource group = causeOf(blocked, SsmEndpointSecurityGroupCheck.DEFINITION.id(), CheckStatus.FAIL);
        assertThat(group.type()).isEqualTo("AwsEc2SecurityGroup");
        assertThat(group.details().awsEc2SecurityGroup().groupId()).isEqualTo(NetworkPathFixture.ENDPOINT_SECURITY_GROUP_ID);
        assertThat(group.details().awsEc2SecurityGroup().vpcId()).isEqualTo(NetworkPathFixture.VPC_ID);
    }

    @Test
    void findings_carryTheServiceClusterAndTaskDefinitionDetailsTheChecksRead() {
        TaskReport report = engine().evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().build());

        AwsSecurityFinding finding = mapper.map(report, FindingContext.evaluatedAt(report)).getFirst();

        Resource service = resource(finding, "AwsEcsService");
        assertThat(service.details().awsEcsService().enableExecuteCommand()).isTrue();
        Resource cluster = resource(finding, "AwsEcsCluster");
        assertThat(cluster.details().awsEcsCluster().clusterArn()).isEqualTo(report.subject().clusterArn());
        assertThat(cluster.details().awsEcsCluster().configuration().executeCommandConfiguration().logging()).isNotBlank();
        Resource definition = resource(finding, "AwsEcsTaskDefinition");
        assertThat(definition.details().awsEcsTaskDefinition().containerDefinitions()).isNotEmpty()
                .allSatisfy(container -> assertThat(container.name()).isNotBlank());
        assertThat(definition.details().awsEcsTaskDefinition().containerDefinitions())
                .flatExtracting(c -> c.environment())
                .allSatisfy(variable -> assertThat(variable.value()).as("environment values never leave the engine").isNull());
    }

    @Test
    void validator_reportsUnknownMembersBadEnumsBlankStringsMissingMembersAndOversizedBatches() {
        TaskReport report = engine().evaluate(TaskSnapshotFixture.runningFargateTask().build());
        ObjectNode json = AsffFindingCodec.json(mapper.map(report, FindingContext.evaluatedAt(report)).getFirst());
        json.put("Colour", "blue");
        ((ObjectNode) json.get("Compliance")).put("Status", "MOSTLY_FINE");
        json.put("Title", "   ");
        json.remove("GeneratorId");
        ObjectNode request = JSON.createObjectNode();
        ArrayNode batch = request.putArray("Findings");
        for (int i = 0; i <= SecurityHubPublisher.MAX_FINDINGS_PER_CALL; i++) {
            batch.add(AsffFindingCodec.json(mapper.map(report, FindingContext.evaluatedAt(report)).getFirst()));
        }

        assertThat(MODEL.violations("AwsSecurityFinding", json)).hasSize(4).anySatisfy(v -> assertThat(v).contains("Colour"))
                .anySatisfy(v -> assertThat(v).contains("MOSTLY_FINE")).anySatisfy(v -> assertThat(v).contains("$.Title"))
                .anySatisfy(v -> assertThat(v).contains("GeneratorId is required"));
        assertThat(MODEL.violations("BatchImportFindingsRequest", request)).containsExactly("$.Findings has 101, more than the maximum 100");
    }

    private static CheckEngine engine() {
        return new CheckEngine(CheckRegistry.all(), CLOCK);
    }

    /** The registered checks on fixture snapshots that reach their verdicts: ready, broken, unreadable, other platforms. */
    private static List<SubjectReport> realReports() {
        String operator = "arn:aws:iam::123456789012:role/operator";
        List<TaskSnapshot> snapshots = Stream.of(
                TaskSnapshotFixture.fullyConfiguredFargateTask(),
                TaskSnapshotFixture.runningFargateTask(),
                TaskSnapshotFixture.runningEc2Task(),
                TaskSnapshotFixture.runningWindowsEc2Task(),
                TaskSnapshotFixture.runningExternalTask(),
                TaskSnapshotFixture.runningWindowsFargateTask(),
                TaskSnapshotFixture.standaloneFargateTask(),
                TaskSnapshotFixture.runningFargateTask().withExecEnabled(false).withLastStatus("STOPPED"),
                TaskSnapshotFixture.runningFargateTask().withoutTaskRole(),
                TaskSnapshotFixture.runningFargateTask().withTaskRoleFailed(ReadFailures.denied("iam:GetRole")),
                TaskSnapshotFixture.runningFargateTask().withClusterFailed(ReadFailures.throttled("ecs:DescribeClusters")),
                TaskSnapshotFixture.runningFargateTask().withTaskDefinitionFailed(ReadFailures.timedOut("ecs:DescribeTaskDefinition")),
                TaskSnapshotFixture.runningFargateTask().withNetworkPathFailed(ReadFailures.unreachable("ec2:DescribeSubnets")),
                TaskSnapshotFixture.runningFargateTask().withNetwork(NetworkPathFixture::withoutRouteOut),
                TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint()),
                TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withoutRouteOut().withSsmMessagesEndpoint().withEndpointInbound()),
                TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withSubnetOwner("210987654321").withRouteTableAbsent("not visible")),
                TaskSnapshotFixture.runningFargateTask().withNetwork(n -> n.withEndpointsFailed(ReadFailures.denied("ec2:DescribeVpcEndpoints"))),
                TaskSnapshotFixture.fullyConfiguredFargateTask().withNetwork(NetworkPathFixture::withoutRouteOut),
                TaskSnapshotFixture.fullyConfiguredFargateTask().withExecKmsKeyState("Disabled").withAuditLogGroupMissing().withAuditBucketMissing(),
                TaskSnapshotFixture.fullyConfiguredFargateTask().withExecKmsKeyFailed(ReadFailures.denied("kms:DescribeKey"))
                        .withAuditLogGroupKmsKey(null).withAuditBucketEncryption(null),
                TaskSnapshotFixture.fullyConfiguredFargateTask().withTaskRoleDecision("kms:Decrypt", PolicyDecision.IMPLICIT_DENY, (String) null),
                TaskSnapshotFixture.fullyConfiguredFargateTask().withSsmDecision("ssmmessages:OpenDataChannel", PolicyDecision.EXPLICIT_DENY, "deny-all"),
                TaskSnapshotFixture.fullyConfiguredFargateTask().withOperators(operator)
                        .withOperatorDecision(operator, "ecs:ExecuteCommand", PolicyDecision.IMPLICIT_DENY, (String) null),
                TaskSnapshotFixture.runningFargateTask().withContainer(ContainerFixture.container("sidecar")).withPidMode("task")
                        .withTaskMemory("512").withEnvironmentOverride("app", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"),
                TaskSnapshotFixture.runningEc2Task().withAgentVersion("1.40.0").withContainerInstanceFailed(ReadFailures.denied("ecs:DescribeContainerInstances")))
                .map(TaskSnapshotFixture::build)
                .toList();
        List<SubjectReport> reports = new ArrayList<>();
        snapshots.forEach(snapshot -> reports.add(engine().evaluate(snapshot)));
        // A service's own report: the preflight on its next task, and the service checks.
        ServiceSnapshotFixture service = ServiceSnapshotFixture.fargateService().withExecEnabled(false);
        NextTaskOf next = NextTaskOf.of(service.service());
        List<CheckResult> serviceResults = ServiceCheckRegistry.all().stream().map(check -> check.evaluate(service.build())).toList();
        reports.add(new ServiceReport(next, CLOCK.instant(), List.of(), serviceResults));
        return reports;
    }

    /** Every check's every status, with each kind of cause, for a service and for a group. */
    private static List<SubjectReport> synthesizedReports() {
        List<CauseResource> causes = causes();
        List<CheckResult> results = new ArrayList<>();
        int i = 0;
        for (CheckDefinition definition : definitions()) {
            for (CheckStatus status : CheckStatus.values()) {
                CheckResult result = switch (status) {
                    case PASS -> definition.pass("Requirement met on task 0f1e.");
                    case WARN -> definition.warn("A recommendation is not met on task 0f1e.", "Do this.");
                    case FAIL -> definition.fail("Requirement not met on task 0f1e.", "Fix it with this command.");
                    case UNKNOWN -> definition.unknown("Could not read what the check needs.", "Grant the read.");
                    case NOT_APPLICABLE -> definition.notApplicable("Does not apply.");
                };
                results.add(result.withCause(causes.get(i++ % causes.size())).withEvidence("key", "value"));
            }
        }
        TaskSnapshot fargate = TaskSnapshotFixture.fullyConfiguredFargateTask().build();
        TaskSnapshot group = TaskSnapshotFixture.standaloneFargateTask().build();
        List<SubjectReport> reports = new ArrayList<>();
        reports.add(new TaskReport(fargate.task(), Subject.of(fargate.task()), CLOCK.instant(), results, List.of("app"),
                ReportResources.of(fargate)));
        reports.add(new TaskReport(group.task(), Subject.of(group.task()), CLOCK.instant(), results, List.of(),
                ReportResources.of(group)));
        return reports;
    }

    private static List<CheckDefinition> definitions() {
        List<CheckDefinition> definitions = new ArrayList<>();
        CheckRegistry.all().stream().map(Check::definition).forEach(definitions::add);
        ServiceCheckRegistry.all().stream().map(ServiceCheck::definition).forEach(definitions::add);
        return definitions;
    }

    private static Set<String> expectedCoverage() {
        Set<String> expected = new LinkedHashSet<>();
        for (CheckDefinition definition : definitions()) {
            Stream.of(CheckStatus.PASS, CheckStatus.WARN, CheckStatus.FAIL, CheckStatus.UNKNOWN).forEach(s -> expected.add(definition.id() + "/" + s));
        }
        return expected;
    }

    private static List<CauseResource> causes() {
        SecurityGroup group = new SecurityGroup("sg-0a0a0a0a0a0a0a0a1", "123456789012", List.of(), List.of());
        VpcEndpoint endpoint = new VpcEndpoint("vpce-0ssm0000000000001", "com.amazonaws.eu-west-1.ssmmessages", "Interface", "available", true,
                List.of("subnet-0e0e0e0e"), List.of("sg-0e0e0e0e0e0e0e0e1"), List.of());
        return List.of(
                CauseResource.iamRole("arn:aws:iam::123456789012:role/path/to/app"),
                new CauseResource.IamUser("arn:aws:iam::123456789012:user/alice"),
                CauseResource.kmsKey("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                CauseResource.kmsKey("alias/exec"),
                CauseResource.subnet(new Subnet("subnet-0a1b2c3d", "vpc-0a1b", "eu-west-1a", "10.0.1.0/24", "210987654321")),
                CauseResource.routeTable(new RouteTable("rtb-0123", "vpc-0a1b", false, List.of(
                        new Route("10.0.0.0/16", "local", "active"), new Route("0.0.0.0/0", "nat-0123", "blackhole"),
                        new Route("0.0.0.0/0", "tgw-0123", "active"), new Route("172.16.0.0/12", null, null)))),
                new CauseResource.Ec2SecurityGroup(group, "vpc-0a1b"),
                new CauseResource.Ec2VpcEndpoint(endpoint, "vpc-0a1b"),
                new CauseResource.MissingVpcEndpoint("vpc-0a1b", "com.amazonaws.eu-west-1.kms"),
                new CauseResource.S3Bucket("arn:aws:s3:::exec-audit", "exec-audit"),
                new CauseResource.LogGroup("arn:aws:logs:eu-west-1:123456789012:log-group:/exec/audit", "/exec/audit", null),
                CauseResource.other("something-else"));
    }

    private static void assertValid(AwsSecurityFinding finding) {
        assertThat(MODEL.violations("AwsSecurityFinding", AsffFindingCodec.json(finding))).as(finding.id()).isEmpty();
    }

    /** The findings as the publisher batches them: at most 100 a call. */
    private static void assertBatchesValid(List<AwsSecurityFinding> findings) {
        for (int from = 0; from < findings.size(); from += SecurityHubPublisher.MAX_FINDINGS_PER_CALL) {
            ObjectNode request = JSON.createObjectNode();
            ArrayNode batch = request.putArray("Findings");
            findings.subList(from, Math.min(findings.size(), from + SecurityHubPublisher.MAX_FINDINGS_PER_CALL)).forEach(f -> batch.add(AsffFindingCodec.json(f)));
            assertThat(MODEL.violations("BatchImportFindingsRequest", request)).isEmpty();
        }
    }

    private Resource causeOf(TaskReport report, String checkId, CheckStatus status) {
        CheckResult result = report.results().stream().filter(r -> r.checkId().equals(checkId)).findFirst().orElseThrow();
        assertThat(result.status()).as(checkId + ": " + result.message()).isEqualTo(status);
        AwsSecurityFinding finding = mapper.map(result, report, FindingContext.evaluatedAt(report));
        assertValid(finding);
        return finding.resources().getLast();
    }

    private static Resource resource(AwsSecurityFinding finding, String type) {
        return finding.resources().stream().filter(r -> r.type().equals(type)).findFirst().orElseThrow();
    }
}
