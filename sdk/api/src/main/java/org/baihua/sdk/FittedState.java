package org.baihua.sdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Preprocessor} learned from the training split, persisted by the host as JSON in
 * the model version and handed back at serving time.
 *
 * <p>Values must be JSON-like: {@code String}, finite {@code Number}, {@code Boolean}, null,
 * {@code List} and {@code Map<String, ?>} of these; the constructor refuses anything else, naming
 * the path at fault ({@code state 'means.glucose' is NaN}), so a state that could not be stored
 * fails in {@code fit}, not when the host writes the model version. After a round trip through
 * JSON, numbers may come back as another {@code Number} type: read them with
 * {@link Number#doubleValue()}.
 *
 * @param values state name &rarr; value, unmodifiable all the way down
 */
public record FittedState(Map<String, Object> values) {

    public FittedState {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key == null) {
                throw new IllegalArgumentException("fitted state has a null name");
            }
            copy.put(key, jsonLike(value, key));
        });
        values = Collections.unmodifiableMap(copy);
    }

    /** A deep, unmodifiable copy of a JSON-like value; throws naming the path of anything else. */
    private static Object jsonLike(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            if (Double.isNaN(number.doubleValue()) || Double.isInfinite(number.doubleValue())) {
                throw new IllegalArgumentException("state '" + path + "' is " + number + ", which JSON cannot hold; store null or leave it out");
            }
            return number;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(jsonLike(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("state '" + path + "' is a map with a " + (k == null ? "null" : k.getClass().getName())
                            + " key; use String keys");
                }
                copy.put(key, jsonLike(v, path + "." + key));
            });
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException("state '" + path + "' holds a " + value.getClass().getName()
                + "; a fitted state holds only String, Number, Boolean, List and Map<String, ?>");
    }

    /** A preprocessor that learns nothing. */
    public static FittedState empty() {
        return new FittedState(Map.of());
    }

    /** A state value, or null. */
    public Object get(String key) {
        return values.get(key);
    }

    /** A numeric state value, or {@code fallback}. */
    public double number(String key, double fallback) {
        return values.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }
}
