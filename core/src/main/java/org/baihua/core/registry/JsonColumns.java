package org.baihua.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.baihua.core.BaihuaException;

/** Turns the JSON documents stored in TEXT columns and artifact files to and from values. */
final class JsonColumns {
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, Long>> LONG_MAP = new TypeReference<>() {};

    // Unknown properties are tolerated so that rows written by a newer host stay readable.
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    ObjectMapper mapper() {
        return mapper;
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new BaihuaException(BaihuaException.Kind.INTERNAL,
                    "Cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    byte[] writeBytes(Object value) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new BaihuaException(BaihuaException.Kind.INTERNAL,
                    "Cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    <T> T read(String json, Class<T> type, String what) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw unreadable(what, e);
        }
    }

    Map<String, Object> readObjectMap(String json, String what) {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, OBJECT_MAP);
        } catch (JsonProcessingException e) {
            throw unreadable(what, e);
        }
    }

    Map<String, Long> readLongMap(String json, String what) {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, LONG_MAP);
        } catch (JsonProcessingException e) {
            throw unreadable(what, e);
        }
    }

    private static BaihuaException unreadable(String what, JsonProcessingException e) {
        return new BaihuaException(BaihuaException.Kind.INTERNAL,
                "Stored JSON of " + what + " is unreadable: " + e.getOriginalMessage(), e);
    }
}
