package io.execready.publish;

import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.engine.TaskReport;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.ManagedAgent;
import io.execready.snapshot.Subject;
import io.execready.snapshot.TaskAttachment;
import io.execready.snapshot.TaskContainer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Readable task reports for the publish tests: a running Fargate service task unless told otherwise. */
final class ReportFixture {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final Instant EVALUATED_AT = Instant.parse("2025-03-01T10:15:30.123456789Z");

    private String partition = "aws";
    private String region = REGION;
    private String account = ACCOUNT;
    private String clusterName = "prod";
    private String group = "service:payments-api";
    private String taskId = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private Boolean execEnabled = Boolean.TRUE;
    private List<TaskContainer> containers = new ArrayList<>(List.of(container("app", "RUNNING")));
    private List<String> execCapable = new ArrayList<>(List.of("app"));
    private final List<CheckResult> results = new ArrayList<>();

    static ReportFixture serviceTask() {
        return new ReportFixture();
    }

    ReportFixture partition(String newPartition, String newRegion) {
        this.partition = newPartition;
        this.region = newRegion;
        return this;
    }

    ReportFixture cluster(String name) {
        this.clusterName = name;
        return this;
    }

    ReportFixture service(String name) {
        this.group = "service:" + name;
        return this;
    }

    ReportFixture group(String newGroup) {
        this.group = newGroup;
        return this;
    }

    ReportFixture taskId(String id) {
        this.taskId = id;
        return this;
    }

    ReportFixture execEnabled(Boolean enabled) {
        this.execEnabled = enabled;
        return this;
    }

    ReportFixture containers(List<TaskContainer> newContainers) {
        this.containers = new ArrayList<>(newContainers);
        this.execCapable = newContainers.stream()
                .filter(c -> c.executeCommandAgent().map(a -> "RUNNING".equals(a.status())).orElse(false))
                .map(TaskContainer::name)
                .toList();
        return this;
    }

    ReportFixture result(CheckResult result) {
        results.add(result);
        return this;
    }

    ReportFixture results(List<CheckResult> more) {
        results.addAll(more);
        return this;
    }

    String clusterArn() {
        return "arn:" + partition + ":ecs:" + region + ":" + account + ":cluster/" + clusterName;
    }

    String taskArn() {
        return "arn:" + partition + ":ecs:" + region + ":" + account + ":task/" + clusterName + "/" + taskId;
    }

    String taskDefinitionArn() {
        return "arn:" + partition + ":ecs:" + region + ":" + account + ":task-definition/payments:42";
    }

    TaskReport build() {
        EcsTask task = new EcsTask(
                taskArn(), clusterArn(), taskDefinitionArn(), group, "ecs-svc/1234567890123456789",
                "RUNNING", "RUNNING", null, "FARGATE", "1.4.0", "Linux", execEnabled, null, region + "a", 7L,
                List.of(new TaskAttachment("ElasticNetworkInterface", "ATTACHED", Map.of("subnetId", "subnet-0abc", "networkInterfaceId", "eni-0abc"))),
                containers, null);
        return new TaskReport(task, Subject.of(task), EVALUATED_AT, results, execEnabled == Boolean.TRUE ? execCapable : List.of());
    }

    static TaskContainer container(String name, String agentStatus) {
        return new TaskContainer(name, null, "RUNNING", "public.ecr.aws/example/" + name + ":1",
                List.of(new ManagedAgent(ManagedAgent.EXECUTE_COMMAND_AGENT, agentStatus, null, null)));
    }

    static CheckDefinition definition(String checkId) {
        return new CheckDefinition(checkId, "Title of " + checkId, "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html", Severity.MEDIUM);
    }

    /** A result of the given status with a plain message and, where the status has one, a fix. */
    static CheckResult result(String checkId, CheckStatus status) {
        CheckDefinition definition = definition(checkId);
        return switch (status) {
            case PASS -> definition.pass("The requirement " + checkId + " is met.");
            case WARN -> definition.warn("The recommendation " + checkId + " is not met.", "Apply the recommendation for " + checkId + ".");
            case FAIL -> definition.fail("The requirement " + checkId + " is not met.", "Fix " + checkId + " with this command.");
            case UNKNOWN -> definition.unknown("Could not read what " + checkId + " needs: ecs:DescribeTaskDefinition was denied.", "Grant ecs:DescribeTaskDefinition.");
            case NOT_APPLICABLE -> definition.notApplicable(checkId + " does not apply to this task.");
        };
    }
}
