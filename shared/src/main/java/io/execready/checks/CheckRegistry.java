package io.execready.checks;

import io.execready.engine.Check;
import java.util.List;

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
            new SsmEndpointSecurityGroupCheck(),
            new PrivateEndpointsCompleteCheck(),
            new SharedVpcCheck());

    private CheckRegistry() {
    }

    /** The checks, in catalog order; the list is immutable and the checks are stateless. */
    public static List<Check> all() {
        return ALL;
    }
}
