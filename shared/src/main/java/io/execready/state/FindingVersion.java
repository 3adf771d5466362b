package io.execready.state;

/**
 * The key the store compares to decide whether a finding must be imported again: the record state
 * and the verdict fingerprint. The same verdict archived and active are two versions.
 */
public final class FindingVersion {

    private static final String ACTIVE = "ACTIVE|";
    private static final String ARCHIVED = "ARCHIVED|";

    private FindingVersion() {
    }

    public static String active(String verdictFingerprint) {
        return ACTIVE + verdictFingerprint;
    }

    public static String archived(String key) {
        return ARCHIVED + verdict(key);
    }

    public static boolean isArchived(String key) {
        return key.startsWith(ARCHIVED);
    }

    private static String verdict(String key) {
        int bar = key.indexOf('|');
        return bar < 0 ? key : key.substring(bar + 1);
    }
}
