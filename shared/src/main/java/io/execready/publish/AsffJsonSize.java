package io.execready.publish;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * The size in bytes of an SDK model as the JSON the SDK sends (field location names as keys,
 * UTF-8 text), computed from the model's own field metadata. Security Hub limits a finding to
 * 240 KB and a call to 6 MB; this is how the publisher stays under both without marshalling
 * twice. Escapes are counted at their longest form, so the figure errs on the large side.
 */
final class AsffJsonSize {

    private AsffJsonSize() {
    }

    static long of(SdkPojo pojo) {
        long size = 2; // {}
        int written = 0;
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            // Unset list and map members are placeholders the SDK does not send.
            if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
                continue;
            }
            size += (written++ > 0 ? 1 : 0) + string(field.locationName()) + 1 + value(value);
        }
        return size;
    }

    private static long value(Object value) {
        return switch (value) {
            case String text -> string(text);
            case SdkPojo pojo -> of(pojo);
            case List<?> list -> list(list);
            case Map<?, ?> map -> map(map);
            case Boolean bool -> bool.toString().length();
            case BigDecimal number -> number.toPlainString().length();
            case Number number -> number.toString().length();
            // The SDK's JSON protocols send timestamps as epoch seconds with fractions.
            case Instant instant -> Long.toString(instant.getEpochSecond()).length() + 4;
            case SdkBytes bytes -> 2 + (bytes.asByteArray().length + 2) / 3 * 4L;
            default -> string(value.toString());
        };
    }

    private static long list(List<?> list) {
        long size = 2;
        for (int i = 0; i < list.size(); i++) {
            size += (i > 0 ? 1 : 0) + (list.get(i) == null ? 4 : value(list.get(i)));
        }
        return size;
    }

    private static long map(Map<?, ?> map) {
        long size = 2;
        int written = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            size += (written++ > 0 ? 1 : 0) + string(String.valueOf(entry.getKey())) + 1
                    + (entry.getValue() == null ? 4 : value(entry.getValue()));
        }
        return size;
    }

    /** A JSON string literal's UTF-8 length, quotes included. */
    static long string(String text) {
        long size = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                size += 2;
            } else if (c < 0x20) {
                size += 6;
            } else if (c < 0x80) {
                size += 1;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isSurrogate(c)) {
                size += 2; // a pair is 4 bytes in UTF-8
            } else {
                size += 3;
            }
        }
        return size;
    }
}
