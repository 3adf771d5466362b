package io.execready.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * A finding as compact bytes (gzip'd ASFF JSON) and back, so the subject store can keep exactly
 * what was last imported. Archiving re-imports that finding with only RecordState and UpdatedAt
 * changed: {@code BatchImportFindings} replaces a finding whole, and a rebuilt one would lose the
 * task, evidence and resources a reviewer saw.
 *
 * <p>The JSON is written and read from the SDK model's own field metadata (the names and types its
 * JSON protocol uses), so every field the model has round-trips without a hand-kept list.
 */
public final class AsffFindingCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AsffFindingCodec() {
    }

    public static byte[] encode(AwsSecurityFinding finding) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, object(finding));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode finding " + finding.id(), e);
        }
        return bytes.toByteArray();
    }

    /** The finding as BatchImportFindings sends it: ASFF JSON with the API's member names. */
    public static ObjectNode json(AwsSecurityFinding finding) {
        return object(finding);
    }

    public static AwsSecurityFinding decode(byte[] encoded) {
        JsonNode json;
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(encoded))) {
            json = JSON.readTree(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a stored finding", e);
        }
        AwsSecurityFinding.Builder builder = AwsSecurityFinding.builder();
        fill((SdkPojo) builder, json);
        return builder.build();
    }

    private static ObjectNode object(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            // Unset list and map members are placeholders the SDK does not send either.
            if (value != null && !(value instanceof SdkAutoConstructList<?>) && !(value instanceof SdkAutoConstructMap<?, ?>)) {
                node.set(field.locationName(), value(value));
            }
        }
        return node;
    }

    private static JsonNode value(Object value) {
        return switch (value) {
            case String text -> NODES.textNode(text);
            case SdkPojo pojo -> object(pojo);
            case List<?> list -> {
                ArrayNode array = NODES.arrayNode();
                list.forEach(member -> array.add(member == null ? NODES.nullNode() : value(member)));
                yield array;
            }
            case Map<?, ?> map -> {
                ObjectNode object = NODES.objectNode();
                map.forEach((key, member) -> object.set(String.valueOf(key), member == null ? NODES.nullNode() : value(member)));
                yield object;
            }
            case Boolean bool -> NODES.booleanNode(bool);
            case Integer number -> NODES.numberNode(number);
            case Long number -> NODES.numberNode(number);
            case Double number -> NODES.numberNode(number);
            case Float number -> NODES.numberNode(number);
            case BigDecimal number -> NODES.numberNode(number);
            case Instant instant -> NODES.textNode(instant.toString());
            case SdkBytes bytes -> NODES.textNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
            default -> throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        };
    }

    private static void fill(SdkPojo builder, JsonNode json) {
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = json.get(field.locationName());
            if (value != null && !value.isNull()) {
                field.set(builder, read(field, value));
            }
        }
    }

    private static Object read(SdkField<?> field, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return value.asText();
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo builder = field.constructor().get();
            fill(builder, value);
            return ((SdkBuilder<?, ?>) builder).build();
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            value.forEach(element -> list.add(read(member, element)));
            return list;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(entry -> map.put(entry.getKey(), read(member, entry.getValue())));
            return map;
        }
        if (type == MarshallingType.BOOLEAN) {
            return value.booleanValue();
        }
        if (type == MarshallingType.INTEGER) {
            return value.intValue();
        }
        if (type == MarshallingType.LONG) {
            return value.longValue();
        }
        if (type == MarshallingType.DOUBLE) {
            return value.doubleValue();
        }
        if (type == MarshallingType.FLOAT) {
            return value.floatValue();
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return value.decimalValue();
        }
        if (type == MarshallingType.INSTANT) {
            return Instant.parse(value.asText());
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asText()));
        }
        throw new IllegalStateException("field " + field.memberName() + " has a type the codec does not read: " + type);
    }
}
