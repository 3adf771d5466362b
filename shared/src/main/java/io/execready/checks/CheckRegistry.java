package io.execready.checks;

import io.execready.checks.audit.AuditBucketPolicyAllowsCheck;
import io.execready.checks.container.ProxyBypassCheck;
import io.execready.checks.iam.KmsKeyPolicyAllowsCheck;
import io.execready.checks.network.EndpointPolicyAllowsCheck;
import io.execready.checks.network.SsmEndpointInTaskAzCheck;
import io.execready.checks.network.SubnetNetworkAclCheck;
import io.execready.checks.network.VpcDnsForEndpointsCheck;
import io.execready.checks.task.ExecCapabilityRegisteredCheck;
import io.execready.checks.task.InstanceMetadataReachableCheck;
import io.execready.checks.audit.AuditLogDestinationReadyCheck;
import io.execready.checks.audit.AuditLoggingConfiguredCheck;
import io.execready.checks.audit.ExecKmsKeyUsableCheck;
import io.execready.checks.container.ExecResourceHeadroomCheck;
import io.execready.checks.container.InitProcessEnabledCheck;
import io.execready.checks.container.NoStaticCredentialsCheck;
import io.execready.checks.container.PidModeCheck;
import io.execready.checks.container.WritableRootFilesystemCheck;
import io.execready.checks.iam.OperatorCanExecuteCheck;
import io.execready.checks.iam.OperatorStartSessionRestrictedCheck;
import io.execready.checks.iam.TaskRoleAuditLogCloudWatchCheck;
import io.execready.checks.iam.TaskRoleAuditLogS3Check;
import io.execready.checks.iam.TaskRoleKmsDecryptCheck;
import io.execready.checks.iam.TaskRolePresentCheck;
import io.execready.checks.iam.TaskRoleSsmMessagesCheck;
import io.execready.checks.network.PrivateEndpointsCompleteCheck;
import io.execready.checks.network.SharedVpcCheck;
import io.execready.checks.network.SsmEndpointSecurityGroupCheck;
import io.execready.checks.network.SsmReachableCheck;
import io.execready.checks.task.AgentVersionCheck;
import io.execready.checks.task.ExecEnabledCheck;
import io.execready.checks.task.ExecSessionProbeCheck;
import io.execready.checks.task.LaunchTypeSupportedCheck;
import io.execready.checks.task.ManagedAgentRunningCheck;
import io.execready.checks.task.PlatformVersionCheck;
import io.execready.checks.task.RestartPolicyCheck;
import io.execready.checks.task.TaskRunningCheck;
import io.execready.engine.Check;
import java.util.List;
import java.util.Set;

/** Every implemented check, in the catalog's order. Listed by hand: no classpath scanning at cold start. */
public final class CheckRegistry {

    private static final List<Check> ALL = List.of(
            new TaskRunningCheck(),
            new ExecEnabledCheck(),
            new ManagedAgentRunningCheck(),
            new PlatformVersionCheck(),
            new AgentVersionCheck(),
            new LaunchTypeSupportedCheck(),
            new RestartPolicyCheck(),
            new WritableRootFilesystemCheck(),
            new InitProcessEnabledCheck(),
            new NoStaticCredentialsCheck(),
            new PidModeCheck(),
            new ExecResourceHeadroomCheck(),
            new TaskRolePresentCheck(),
            new TaskRoleSsmMessagesCheck(),
            new TaskRoleKmsDecryptCheck(),
            new TaskRoleAuditLogCloudWatchCheck(),
            new TaskRoleAuditLogS3Check(),
            new OperatorCanExecuteCheck(),
            new OperatorStartSessionRestrictedCheck(),
            new AuditLoggingConfiguredCheck(),
            new AuditLogDestinationReadyCheck(),
            new ExecKmsKeyUsableCheck(),
            new SsmReachableCheck(),
            new SsmEndpointInTaskAzCheck(),
            new SsmEndpointSecurityGroupCheck(),
            new PrivateEndpointsCompleteCheck(),
            new SharedVpcCheck(),
            new KmsKeyPolicyAllowsCheck(),
            new EndpointPolicyAllowsCheck(),
            new AuditBucketPolicyAllowsCheck(),
            new VpcDnsForEndpointsCheck(),
            new SubnetNetworkAclCheck(),
            new ExecCapabilityRegisteredCheck(),
            new InstanceMetadataReachableCheck(),
            new ProxyBypassCheck(),
            new ExecSessionProbeCheck());

    /**
     * Checks that judge what only a started task shows (its status, its agents, the flag it started
     * with, the agent of the instance it was placed on): a preflight of a service skips them.
     */
    private static final Set<String> NEED_A_RUNNING_TASK = Set.of(
            TaskRunningCheck.DEFINITION.id(),
            ExecEnabledCheck.DEFINITION.id(),
            ManagedAgentRunningCheck.DEFINITION.id(),
            AgentVersionCheck.DEFINITION.id(),
            ExecCapabilityRegisteredCheck.DEFINITION.id(),
            ExecSessionProbeCheck.DEFINITION.id());

    /** Checks of the task's network path: known before a task starts only from an awsvpc service's subnets. */
    private static final Set<String> NEED_A_PLACEMENT = Set.of(
            SsmReachableCheck.DEFINITION.id(),
            SsmEndpointInTaskAzCheck.DEFINITION.id(),
            SsmEndpointSecurityGroupCheck.DEFINITION.id(),
            PrivateEndpointsCompleteCheck.DEFINITION.id(),
            SharedVpcCheck.DEFINITION.id(),
            EndpointPolicyAllowsCheck.DEFINITION.id(),
            VpcDnsForEndpointsCheck.DEFINITION.id(),
            SubnetNetworkAclCheck.DEFINITION.id());

    private CheckRegistry() {
    }

    /**
     * The checks a service's preflight runs on the task it will start next, in catalog order: every
     * check but those needing a running task, and the network ones only when the service names its
     * awsvpc subnets (a bridge or host mode task's network is the instance it lands on).
     */
    public static List<Check> preflight(boolean awsvpcNetworkKnown) {
        return ALL.stream()
                .filter(check -> !NEED_A_RUNNING_TASK.contains(check.id()))
                .filter(check -> awsvpcNetworkKnown || !NEED_A_PLACEMENT.contains(check.id()))
                .toList();
    }

    /** The checks, in catalog order; the list is immutable and the checks are stateless. */
    public static List<Check> all() {
        return ALL;
    }
}
