package io.execready.engine;

/** Severity labels, named as Security Hub's ASFF labels them. */
public enum Severity {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL
}
