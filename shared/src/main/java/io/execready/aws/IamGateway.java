package io.execready.aws;

import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionSimulation;

/** IAM policy evaluation, the authoritative way: identity policies, boundary and SCPs together. */
public interface IamGateway {

    /** Simulates the query; a denied or failed simulation comes back Failed naming iam:SimulatePrincipalPolicy. */
    Fetched<PermissionSimulation> simulate(PermissionQuery query);

    /**
     * The ARN of the role in an instance profile (iam:GetInstanceProfile); Absent when the profile
     * does not exist or holds no role.
     */
    Fetched<String> instanceProfileRole(String instanceProfileArn);
}
