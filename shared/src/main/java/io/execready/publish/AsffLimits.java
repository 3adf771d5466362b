package io.execready.publish;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every size limit of the AWS Security Finding Format that ExecReady's findings can reach, and the
 * one way to meet them: text is cut with an ellipsis, maps keep their first entries, never an
 * exception. Security Hub rejects a whole finding that breaks any of them (as an
 * {@code InvalidInput} entry in {@code FailedFindings}), so nothing is left to chance.
 *
 * <p>Lengths are counted in UTF-16 units, which is never less than the characters Security Hub
 * counts, so a value that fits here fits there.
 */
public final class AsffLimits {

    public static final int FINDING_ID = 512;
    public static final int GENERATOR_ID = 512;
    public static final int TITLE = 256;
    public static final int DESCRIPTION = 1024;
    public static final int RECOMMENDATION_TEXT = 512;
    public static final int RESOURCES = 32;
    public static final int RESOURCE_ID = 512;
    public static final int PRODUCT_FIELDS = 50;
    public static final int PRODUCT_FIELD_KEY = 128;
    public static final int PRODUCT_FIELD_VALUE = 2048;
    public static final int OTHER_DETAILS = 50;
    /** "fewer than 128 characters". */
    public static final int OTHER_DETAIL_KEY = 127;
    /** "fewer than 1,024 characters". */
    public static final int OTHER_DETAIL_VALUE = 1023;
    public static final int TAGS = 50;
    public static final int TAG_KEY = 128;
    public static final int TAG_VALUE = 256;
    /** 240 KB per finding, counted in decimal kilobytes to stay on the safe side. */
    public static final int FINDING_BYTES = 240_000;

    /** The key that says how many entries a full map left out. */
    public static final String OMITTED_ENTRIES = "OmittedEntries";

    /** ASCII, so a cut value never changes encoding and counts the same everywhere. */
    public static final String ELLIPSIS = "...";

    private AsffLimits() {
    }

    /**
     * {@code text} when it fits in {@code max} characters, else its start followed by
     * {@link #ELLIPSIS}, never splitting a surrogate pair.
     */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        if (max <= ELLIPSIS.length()) {
            return ELLIPSIS.substring(0, Math.max(max, 0));
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    /** Product fields: at most 50 entries, keys and values cut to their limits, blank values left out. */
    public static Map<String, String> productFields(Map<String, String> fields) {
        return boundedMap(fields, PRODUCT_FIELDS, PRODUCT_FIELD_KEY, PRODUCT_FIELD_VALUE,
                AsffFindingMapper.PRODUCT_FIELD_PREFIX + OMITTED_ENTRIES);
    }

    /**
     * {@code Details.Other}: at most 50 entries, keys and values cut to their limits, blank values
     * left out. When entries are left out, the last slot says how many, so a reader knows the
     * list is incomplete.
     */
    public static Map<String, String> otherDetails(Map<String, String> details) {
        return boundedMap(details, OTHER_DETAILS, OTHER_DETAIL_KEY, OTHER_DETAIL_VALUE, OMITTED_ENTRIES);
    }

    /**
     * Resource tags as ASFF takes them: keys of 1 to 128 and values of 0 to 256 characters, at most
     * 50 (AWS's own tag limit); what does not fit is cut, never an exception.
     */
    public static Map<String, String> tags(Map<String, String> tags) {
        Map<String, String> bounded = new LinkedHashMap<>();
        tags.entrySet().stream()
                .filter(e -> e.getKey() != null && !e.getKey().isBlank() && e.getValue() != null)
                .sorted(Map.Entry.comparingByKey())
                .limit(TAGS)
                .forEach(e -> bounded.putIfAbsent(truncate(e.getKey(), TAG_KEY), truncate(e.getValue(), TAG_VALUE)));
        return bounded;
    }

    /** At most 32 resources, in the given order (the most important first). */
    public static <T> List<T> resources(List<T> resources) {
        return resources.size() <= RESOURCES ? List.copyOf(resources) : List.copyOf(resources.subList(0, RESOURCES));
    }

    private static Map<String, String> boundedMap(Map<String, String> entries, int maxEntries, int maxKey, int maxValue, String omittedKey) {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        Set<String> seenKeys = new HashSet<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String value = entry.getValue();
            if (value == null || value.isBlank()) {
                continue;
            }
            String key = truncate(entry.getKey(), maxKey);
            // Two long keys may be cut to the same text; the first one keeps it.
            if (seenKeys.add(key)) {
                kept.add(Map.entry(key, truncate(value, maxValue)));
            }
        }
        Map<String, String> bounded = new LinkedHashMap<>();
        if (kept.size() <= maxEntries) {
            kept.forEach(e -> bounded.put(e.getKey(), e.getValue()));
            return bounded;
        }
        kept.subList(0, maxEntries - 1).forEach(e -> bounded.put(e.getKey(), e.getValue()));
        int omitted = kept.size() - (maxEntries - 1);
        bounded.put(omittedKey, omitted + " more entries left out (limit of " + maxEntries + ")");
        return bounded;
    }
}
