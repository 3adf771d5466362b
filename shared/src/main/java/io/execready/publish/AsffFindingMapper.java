package io.execready.publish;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.ReportResources;
import io.execready.engine.Severity;
import io.execready.engine.SubjectReport;
import io.execready.snapshot.Arn;
import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.ExecLogging;
import io.execready.snapshot.ManagedAgent;
import io.execready.snapshot.NextTaskOf;
import io.execready.snapshot.RunningTask;
import io.execready.snapshot.Subject;
import io.execready.snapshot.TaskContainer;
import io.execready.snapshot.TaskDefinition;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.securityhub.model.AwsEcsClusterConfigurationDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEcsClusterConfigurationExecuteCommandConfigurationDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEcsClusterConfigurationExecuteCommandConfigurationLogConfigurationDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEcsClusterDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEcsContainerDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEcsServiceDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEcsTaskDefinitionContainerDefinitionsDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEcsTaskDefinitionContainerDefinitionsEnvironmentDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEcsTaskDefinitionContainerDefinitionsMountPointsDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEcsTaskDefinitionDetails;
import software.amazon.awssdk.services.securityhub.model.AwsEcsTaskDetails;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.Compliance;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;
import software.amazon.awssdk.services.securityhub.model.FindingProviderFields;
import software.amazon.awssdk.services.securityhub.model.FindingProviderSeverity;
import software.amazon.awssdk.services.securityhub.model.Recommendation;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.Remediation;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.ResourceDetails;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;

/**
 * Turns check results into Security Hub findings (ASFF). Pure: no clock, no I/O; the same report
 * and context always give the same findings.
 *
 * <p>A finding is about the report's subject (the service, or cluster and group), one per check,
 * and every result becomes one, PASS included: a subject that is ready again must turn PASSED.
 */
public final class AsffFindingMapper {

    public static final String SCHEMA_VERSION = "2018-10-08";
    public static final String FINDING_TYPE = "Software and Configuration Checks/AWS Security Best Practices";
    /** Shown as product and company in the console; settable only because this is a custom integration. */
    public static final String PRODUCT_NAME = "ExecReady";
    /** Our namespace in ProductFields; {@code aws/} belongs to Security Hub. */
    public static final String PRODUCT_FIELD_PREFIX = "execready/";

    static final String TYPE_ECS_SERVICE = "AwsEcsService";
    static final String TYPE_ECS_TASK = "AwsEcsTask";
    static final String TYPE_ECS_TASK_DEFINITION = "AwsEcsTaskDefinition";

    static final String TYPE_ECS_CLUSTER = "AwsEcsCluster";
    static final String TYPE_OTHER = "Other";

    /** The subject's key ({@link Subject#key()}): what a re-check evaluates again. */
    public static final String PRODUCT_FIELD_SUBJECT = PRODUCT_FIELD_PREFIX + "Subject";
    /** Our own verdict, which Compliance.Status does not tell (WARN and FAIL are both FAILED). */
    public static final String PRODUCT_FIELD_STATUS = PRODUCT_FIELD_PREFIX + "Status";

    private static final List<String> TYPES = List.of(FINDING_TYPE);

    /** One finding per result that Security Hub should hold, in the report's order: NOT_APPLICABLE results are not findings. */
    public List<AwsSecurityFinding> map(SubjectReport report, FindingContext context) {
        return report.results().stream().filter(result -> imported(result.status())).map(result -> map(result, report, context)).toList();
    }

    /**
     * The finding of one result.
     *
     * @throws IllegalArgumentException for a NOT_APPLICABLE result, which is never an active finding
     */
    public AwsSecurityFinding map(CheckResult result, SubjectReport report, FindingContext context) {
        ComplianceStatus compliance = complianceStatus(result.status())
                .orElseThrow(() -> new IllegalArgumentException("A NOT_APPLICABLE result of " + result.checkId() + " is not imported"));
        FindingScope scope = context.scope();
        Subject subject = report.subject();
        FindingTimes times = context.timestamps().timesFor(subject, result.checkId());
        Instant lastObserved = report.evaluatedAt().isAfter(times.createdAt()) ? report.evaluatedAt() : times.createdAt();
        return AwsSecurityFinding.builder()
                .schemaVersion(SCHEMA_VERSION)
                .id(FindingIds.of(scope, subject, result.checkId()))
                .productArn(scope.productArn())
                .productName(PRODUCT_NAME)
                .companyName(PRODUCT_NAME)
                .generatorId(AsffLimits.truncate(result.checkId(), AsffLimits.GENERATOR_ID))
                .awsAccountId(scope.awsAccountId())
                .createdAt(timestamp(times.createdAt()))
                .updatedAt(timestamp(times.updatedAt()))
                .firstObservedAt(timestamp(times.createdAt()))
                .lastObservedAt(timestamp(lastObserved))
                // Severity and Types only as the provider's fields: a reviewer's own changes to the
                // top-level ones (BatchUpdateFindings) then survive our re-imports.
                .findingProviderFields(FindingProviderFields.builder()
                        .severity(FindingProviderSeverity.builder().label(severityLabel(result)).build())
                        .types(TYPES)
                        .build())
                .title(title(result, subject))
                .description(description(result, report))
                .compliance(Compliance.builder().status(compliance).build())
                .recordState(RecordState.ACTIVE)
                .remediation(remediation(result))
                .productFields(AsffLimits.productFields(productFields(result, report)))
                .resources(AsffLimits.resources(resources(result, report, scope)))
                .build();
    }

    /** Whether a verdict becomes a finding: every status but NOT_APPLICABLE. */
    public static boolean imported(CheckStatus status) {
        return complianceStatus(status).isPresent();
    }

    /**
     * What a verdict means in ASFF, as Security Hub's own controls report: a requirement or a
     * recommendation not met is FAILED (the severity tells them apart), met is PASSED, could not be
     * read is NOT_AVAILABLE. NOT_APPLICABLE has none: it is not a finding. ASFF's WARNING ("the
     * check is not supported") is not what our WARN says.
     */
    public static Optional<ComplianceStatus> complianceStatus(CheckStatus status) {
        return switch (status) {
            case PASS -> Optional.of(ComplianceStatus.PASSED);
            case WARN, FAIL -> Optional.of(ComplianceStatus.FAILED);
            case UNKNOWN -> Optional.of(ComplianceStatus.NOT_AVAILABLE);
            case NOT_APPLICABLE -> Optional.empty();
        };
    }

    /** The catalog's severity within the table's bounds: a WARN is LOW or MEDIUM, a verdict that is not a failure INFORMATIONAL. */
    static SeverityLabel severityLabel(CheckResult result) {
        return switch (result.status()) {
            case FAIL -> SeverityLabel.fromValue(result.severity().name());
            case WARN -> result.severity() == Severity.LOW ? SeverityLabel.LOW : SeverityLabel.MEDIUM;
            case PASS, UNKNOWN, NOT_APPLICABLE -> SeverityLabel.INFORMATIONAL;
        };
    }

    /** The ARN of the task a finding was made from: its AwsEcsTask resource. */
    public static Optional<String> evaluatedTaskArn(AwsSecurityFinding finding) {
        return finding.resources().stream().filter(r -> TYPE_ECS_TASK.equals(r.type())).map(Resource::id).findFirst();
    }

    /** The key of the subject a finding is about, as its product field names it. */
    public static Optional<String> subjectKey(AwsSecurityFinding finding) {
        return Optional.ofNullable(finding.productFields().get(PRODUCT_FIELD_SUBJECT));
    }

    /**
     * The last imported finding of a subject that is gone, archived: everything a reviewer saw
     * stays, only RecordState and UpdatedAt change (an import replaces the whole finding).
     */
    public static AwsSecurityFinding archived(AwsSecurityFinding last, Instant updatedAt) {
        return last.toBuilder().recordState(RecordState.ARCHIVED).updatedAt(timestamp(updatedAt)).build();
    }

    /** ISO-8601 in UTC with at most millisecond precision, which every ASFF consumer parses. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static String title(CheckResult result, Subject subject) {
        String head = "ECS Exec: " + result.title() + " (";
        int room = AsffLimits.TITLE - head.length() - 1;
        String name = room > AsffLimits.ELLIPSIS.length() ? AsffLimits.truncate(subject.name(), room) : subject.name();
        return AsffLimits.truncate(head + name + ")", AsffLimits.TITLE);
    }

    private static String description(CheckResult result, SubjectReport report) {
        String where = report.subject().describe();
        String verdict = switch (result.status()) {
            case FAIL -> "ECS Exec will not work on " + where + " until this is fixed.";
            case WARN -> "ECS Exec works on " + where + ", but a recommendation is not met.";
            case PASS -> "Requirement met on " + where + ".";
            case UNKNOWN -> "Could not be evaluated on " + where + ".";
            case NOT_APPLICABLE -> "Does not apply to " + where + ".";
        };
        String evaluatedOn = switch (report.target()) {
            case NextTaskOf next -> " Evaluated on the service's settings, before its next task starts.";
            case RunningTask running -> " Latest task evaluated: " + running.task().taskId() + ".";
        };
        // The error an operator gets when they try, so that searching findings for it finds this one.
        String operatorSees = result.operatorError().map(error -> " Trying ECS Exec gives: " + error).orElse("");
        String text = verdict + " " + result.message() + operatorSees + evaluatedOn;
        return AsffLimits.truncate(text, AsffLimits.DESCRIPTION);
    }

    private static Remediation remediation(CheckResult result) {
        String text;
        if (!result.remediation().isBlank()) {
            text = result.remediation();
        } else if (result.status() == CheckStatus.PASS || result.status() == CheckStatus.NOT_APPLICABLE) {
            text = "No action needed.";
        } else {
            text = "See the documentation for what " + result.title() + " requires.";
        }
        Recommendation.Builder recommendation = Recommendation.builder().text(AsffLimits.truncate(text, AsffLimits.RECOMMENDATION_TEXT));
        if (!result.documentationUrl().isBlank()) {
            recommendation.url(result.documentationUrl());
        }
        return Remediation.builder().recommendation(recommendation.build()).build();
    }

    /** Only what no other field says: our verdict and the subject's key; the check, task and cause are elsewhere. */
    private static Map<String, String> productFields(CheckResult result, SubjectReport report) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(PRODUCT_FIELD_STATUS, result.status().name());
        fields.put(PRODUCT_FIELD_SUBJECT, report.subject().key());
        return fields;
    }

    /** Subject first (the finding is about it), then the latest task, its task definition, the cluster, the cause. */
    private static List<Resource> resources(CheckResult result, SubjectReport report, FindingScope scope) {
        List<Resource> resources = new ArrayList<>();
        ReportResources known = report.resources();
        resources.add(subjectResource(report.subject(), known.service(), scope));
        resources.add(taskResource(result, report, scope));
        taskDefinitionResource(report.task(), known.taskDefinition(), scope).ifPresent(resources::add);
        resources.add(clusterResource(report.subject(), known.cluster(), scope));
        result.causeResource().map(cause -> CauseResources.resource(cause, scope)).ifPresent(resources::add);
        return distinct(resources);
    }

    private static Resource subjectResource(Subject subject, Optional<EcsService> known, FindingScope scope) {
        Optional<Arn> cluster = Arn.parse(subject.clusterArn());
        if (subject.kind() == Subject.Kind.SERVICE && cluster.isPresent()) {
            String serviceArn = known.map(EcsService::serviceArn).orElseGet(subject::serviceArn);
            AwsEcsServiceDetails.Builder details = AwsEcsServiceDetails.builder()
                    .name(subject.name())
                    .serviceName(subject.name())
                    .serviceArn(serviceArn)
                    .cluster(subject.clusterArn());
            known.ifPresent(service -> details
                    .enableExecuteCommand(service.enableExecuteCommand())
                    .taskDefinition(nonBlank(service.taskDefinitionArn()))
                    .launchType(nonBlank(service.launchType()))
                    .platformVersion(nonBlank(service.platformVersion())));
            return resource(TYPE_ECS_SERVICE, serviceArn, scope)
                    .details(ResourceDetails.builder().awsEcsService(details.build()).build())
                    .build();
        }
        Map<String, String> other = new LinkedHashMap<>();
        other.put("ClusterArn", subject.clusterArn());
        other.put(subject.kind() == Subject.Kind.SERVICE ? "Service" : "Group", subject.name());
        return resource(TYPE_OTHER, subject.key(), scope)
                .details(ResourceDetails.builder().other(AsffLimits.otherDetails(other)).build())
                .build();
    }

    private static Resource taskResource(CheckResult result, SubjectReport report, FindingScope scope) {
        EcsTask task = report.task();
        AwsEcsTaskDetails details = AwsEcsTaskDetails.builder()
                .clusterArn(task.clusterArn())
                .taskDefinitionArn(nonBlank(task.taskDefinitionArn()))
                .version(task.version() == null ? null : task.version().toString())
                .startedBy(nonBlank(task.startedBy()))
                .group(nonBlank(task.group()))
                .containers(task.containers().stream()
                        .map(c -> AwsEcsContainerDetails.builder().name(c.name()).image(nonBlank(c.image())).build())
                        .toList())
                .build();
        return resource(TYPE_ECS_TASK, task.taskArn(), scope)
                .details(ResourceDetails.builder()
                        .awsEcsTask(details)
                        .other(AsffLimits.otherDetails(execEvidence(result, report)))
                        .build())
                .build();
    }

    /**
     * What the typed task details cannot hold: the facts ECS Exec depends on, then the result's own
     * evidence, then each container's agent. In that order, so that if the 50-entry limit bites,
     * the per-container lines go first.
     */
    private static Map<String, String> execEvidence(CheckResult result, SubjectReport report) {
        EcsTask task = report.task();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("EnableExecuteCommand", task.enableExecuteCommand() == null ? "not reported" : task.enableExecuteCommand().toString());
        evidence.put("LastStatus", task.lastStatus());
        evidence.put("LaunchType", task.launchType());
        evidence.put("PlatformVersion", task.platformVersion());
        evidence.put("PlatformFamily", task.platformFamily());
        evidence.put("AvailabilityZone", task.availabilityZone());
        task.networkInterface().map(eni -> eni.details().get("subnetId")).ifPresent(subnet -> evidence.put("SubnetId", subnet));
        evidence.put("ContainerInstanceArn", task.containerInstanceArn());
        evidence.put("ExecCapableContainers", report.execCapableContainers().isEmpty() ? "none" : String.join(", ", report.execCapableContainers()));
        result.evidence().forEach((key, value) -> evidence.put("Evidence." + key, value));
        List<TaskContainer> containers = task.containers();
        for (int i = 0; i < containers.size(); i++) {
            evidence.put("Container" + (i + 1) + ".ExecuteCommandAgent", describeAgent(containers.get(i)));
        }
        return evidence;
    }

    private static String describeAgent(TaskContainer container) {
        if (container.managedAgents() == null) {
            return container.name() + ": no managed agents (not exec-capable)";
        }
        Optional<ManagedAgent> agent = container.executeCommandAgent();
        if (agent.isEmpty()) {
            return container.name() + ": no " + ManagedAgent.EXECUTE_COMMAND_AGENT + " reported";
        }
        String status = agent.get().status() == null ? "status not reported" : agent.get().status();
        String reason = agent.get().reason() == null || agent.get().reason().isBlank() ? "" : " (" + agent.get().reason() + ")";
        return container.name() + ": " + status + reason;
    }

    /** The cluster, whose executeCommandConfiguration (key, session logging) several checks judge, with its tags. */
    private static Resource clusterResource(Subject subject, Optional<EcsCluster> known, FindingScope scope) {
        AwsEcsClusterDetails.Builder details = AwsEcsClusterDetails.builder().clusterArn(subject.clusterArn()).clusterName(subject.clusterName());
        known.ifPresent(cluster -> details.configuration(AwsEcsClusterConfigurationDetails.builder()
                .executeCommandConfiguration(execConfiguration(cluster))
                .build()));
        Resource.Builder resource = resource(TYPE_ECS_CLUSTER, subject.clusterArn(), scope)
                .details(ResourceDetails.builder().awsEcsCluster(details.build()).build());
        known.map(EcsCluster::tags).filter(tags -> !tags.isEmpty()).ifPresent(tags -> resource.tags(AsffLimits.tags(tags)));
        return resource.build();
    }

    private static AwsEcsClusterConfigurationExecuteCommandConfigurationDetails execConfiguration(EcsCluster cluster) {
        ExecLogging logging = cluster.logging();
        return AwsEcsClusterConfigurationExecuteCommandConfigurationDetails.builder()
                .kmsKeyId(nonBlank(cluster.kmsKeyId()))
                .logging(nonBlank(logging.mode()) == null ? "DEFAULT" : logging.mode())
                .logConfiguration(AwsEcsClusterConfigurationExecuteCommandConfigurationLogConfigurationDetails.builder()
                        .cloudWatchLogGroupName(nonBlank(logging.cloudWatchLogGroupName()))
                        .cloudWatchEncryptionEnabled(logging.cloudWatchEncryptionEnabled())
                        .s3BucketName(nonBlank(logging.s3BucketName()))
                        .s3KeyPrefix(nonBlank(logging.s3KeyPrefix()))
                        .s3EncryptionEnabled(logging.s3EncryptionEnabled())
                        .build())
                .build();
    }

    private static Optional<Resource> taskDefinitionResource(EcsTask task, Optional<TaskDefinition> known, FindingScope scope) {
        String arn = nonBlank(task.taskDefinitionArn());
        if (arn == null) {
            return Optional.empty();
        }
        Optional<String> family = Arn.parse(arn).map(Arn::resourceName).map(name -> name.contains(":") ? name.substring(0, name.lastIndexOf(':')) : name);
        AwsEcsTaskDefinitionDetails.Builder details = AwsEcsTaskDefinitionDetails.builder();
        family.ifPresent(details::family);
        known.ifPresent(definition -> details
                .taskRoleArn(nonBlank(definition.taskRoleArn()))
                .executionRoleArn(nonBlank(definition.executionRoleArn()))
                .networkMode(nonBlank(definition.networkMode()))
                .pidMode(nonBlank(definition.pidMode()))
                .cpu(nonBlank(definition.cpu()))
                .memory(nonBlank(definition.memory()))
                .containerDefinitions(definition.containers().stream().map(AsffFindingMapper::containerDefinition).toList()));
        return Optional.of(resource(TYPE_ECS_TASK_DEFINITION, arn, scope)
                .details(ResourceDetails.builder().awsEcsTaskDefinition(details.build()).build())
                .build());
    }

    /** What the container checks read. Environment variables by name only: a value may be a secret and never leaves the engine. */
    private static AwsEcsTaskDefinitionContainerDefinitionsDetails containerDefinition(ContainerDefinition container) {
        AwsEcsTaskDefinitionContainerDefinitionsDetails.Builder details = AwsEcsTaskDefinitionContainerDefinitionsDetails.builder()
                .name(container.name())
                .image(nonBlank(container.image()))
                .essential(container.essential())
                .readonlyRootFilesystem(container.readonlyRootFilesystem())
                .memory(container.memory())
                .memoryReservation(container.memoryReservation());
        if (container.initProcessEnabled() != null) {
            details.linuxParameters(AwsEcsTaskDefinitionContainerDefinitionsLinuxParametersDetails.builder()
                    .initProcessEnabled(container.initProcessEnabled())
                    .build());
        }
        List<AwsEcsTaskDefinitionContainerDefinitionsEnvironmentDetails> environment = container.environmentNames().stream()
                .filter(name -> name != null && !name.isBlank())
                .map(name -> AwsEcsTaskDefinitionContainerDefinitionsEnvironmentDetails.builder().name(name).build())
                .toList();
        if (!environment.isEmpty()) {
            details.environment(environment);
        }
        if (!container.mountPoints().isEmpty()) {
            details.mountPoints(container.mountPoints().stream()
                    .map(m -> AwsEcsTaskDefinitionContainerDefinitionsMountPointsDetails.builder()
                            .sourceVolume(nonBlank(m.sourceVolume())).containerPath(nonBlank(m.containerPath())).readOnly(m.readOnly()).build())
                    .toList());
        }
        return details.build();
    }

    /**
     * A resource in its own partition and region when its id is an ARN that names them (an IAM
     * role names no region: it is reported in the task's), else in the task's.
     */
    static Resource.Builder resource(String type, String id, FindingScope scope) {
        Optional<Arn> arn = Arn.parse(id);
        String partition = arn.map(Arn::partition).orElse(scope.partition());
        String region = arn.map(Arn::region).filter(r -> !r.isBlank()).orElse(scope.region());
        return Resource.builder()
                .type(type)
                .id(AsffLimits.truncate(id, AsffLimits.RESOURCE_ID))
                .partition(partition)
                .region(region);
    }

    private static List<Resource> distinct(List<Resource> resources) {
        Set<String> seen = new HashSet<>();
        return resources.stream().filter(r -> seen.add(r.type() + "|" + r.id())).toList();
    }

    static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
