package org.baihua.plugins.industrial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.FittedState;

/**
 * What a fitted state looks like after the host stores it as JSON and reads it back: whole numbers
 * as Integer or Long, other numbers as Double, lists as ArrayList, objects as LinkedHashMap.
 * Anything that is not JSON-like fails here, as it would in the host.
 */
public final class JsonLike {

    private JsonLike() {}

    public static FittedState roundTrip(FittedState state) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) convert(state.values(), "$");
        return new FittedState(values);
    }

    private static Object convert(Object value, String path) {
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(path + " is not finite: JSON cannot hold " + d);
            }
            if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                return (int) d;
            }
            return d == Math.rint(d) && Math.abs(d) < 9e15 ? (Object) (long) d : (Object) d;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(convert(list.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException(path + " has a non-string key " + k);
                }
                out.put(key, convert(v, path + "." + key));
            });
            return out;
        }
        throw new IllegalArgumentException(path + " is not JSON-like: " + (value == null ? "null" : value.getClass()));
    }
}
