package org.baihua.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link Preprocessor} learned from the training split, persisted by the host as JSON in
 * the model version and handed back at serving time.
 *
 * <p>Values must be JSON-like: {@code String}, {@code Number}, {@code Boolean}, {@code List} and
 * {@code Map<String, ?>} of these. After a round trip through JSON, numbers may come back as
 * another {@code Number} type: read them with {@link Number#doubleValue()}.
 *
 * @param values state name &rarr; value, unmodifiable
 */
public record FittedState(Map<String, Object> values) {

    public FittedState {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
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
