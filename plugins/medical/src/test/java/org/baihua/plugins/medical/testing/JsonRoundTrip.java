package org.baihua.plugins.medical.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.baihua.sdk.FittedState;

/** Sends a fitted state through JSON as the host persists it: numbers come back as Integer, Long or Double. */
public final class JsonRoundTrip {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRoundTrip() {}

    public static FittedState of(FittedState state) {
        try {
            String json = MAPPER.writeValueAsString(state.values());
            return new FittedState(MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {}));
        } catch (JsonProcessingException e) {
            throw new AssertionError("state is not JSON-like: " + state, e);
        }
    }
}
