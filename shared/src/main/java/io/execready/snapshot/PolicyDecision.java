package io.execready.snapshot;

/** IAM's verdict on one action, as iam:SimulatePrincipalPolicy reports it. */
public enum PolicyDecision {
    ALLOWED,
    /** A statement denies it: an identity policy, a permissions boundary or an SCP. */
    EXPLICIT_DENY,
    /** Nothing allows it. */
    IMPLICIT_DENY
}
