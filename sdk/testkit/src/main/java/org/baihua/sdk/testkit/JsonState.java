package org.baihua.sdk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.FittedState;

/**
 * The JSON round trip the host puts a {@link FittedState} through when it stores a model version,
 * and comparisons that allow what the SDK allows: a number may come back as another Number type.
 */
final class JsonState {

    private final ObjectMapper mapper = new ObjectMapper();

    /** The state written as JSON and read back. */
    FittedState roundTrip(FittedState state) {
        try {
            String json = mapper.writeValueAsString(state.values());
            Map<String, Object> values = mapper.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
            return new FittedState(values);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the fitted state cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The first path at which two JSON-like values differ (numbers compared by value), or null when equal. */
    static String firstDifference(Object a, Object b, String path) {
        if (a instanceof Number x && b instanceof Number y) {
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            return dx == dy || Double.isNaN(dx) && Double.isNaN(dy) ? null : path + ": " + a + " vs " + b;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return path + ": a list of " + x.size() + " vs " + y.size() + " items";
            }
            for (int i = 0; i < x.size(); i++) {
                String difference = firstDifference(x.get(i), y.get(i), path + "[" + i + "]");
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return path + ": keys " + x.keySet() + " vs " + y.keySet();
            }
            for (Iterator<?> it = x.keySet().iterator(); it.hasNext(); ) {
                Object key = it.next();
                String difference = firstDifference(x.get(key), y.get(key), path.isEmpty() ? key.toString() : path + "." + key);
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (a == null ? b == null : a.equals(b)) {
            return null;
        }
        return path + ": " + describe(a) + " vs " + describe(b);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " '" + value + "'";
    }
}
