package org.baihua.core.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.baihua.sdk.DecisionPolicy;

/**
 * The host's one Jackson configuration. SDK types carry no Jackson annotations (plugins must not
 * see Jackson), so what JSON needs to know about them is added here as mix-ins.
 */
public final class Json {

    private Json() {}

    /** Deepest nesting of JSON the host reads; its own documents need fewer than 10 levels. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** Longest JSON string value (characters); the request body limit bounds it first. */
    public static final int MAX_STRING_LENGTH = 20_000_000;

    /**
     * A new mapper with the host's settings: unknown properties, duplicate keys, trailing text after
     * the document and strings where numbers belong are errors; nesting is bounded; no timestamps as numbers.
     */
    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        ObjectMapper mapper = JsonMapper.builder(factory).disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        mapper.addMixIn(DecisionPolicy.class, DecisionPolicyMixIn.class);
        mapper.registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        return mapper;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = DecisionPolicy.Argmax.class, name = "argmax"),
        @JsonSubTypes.Type(value = DecisionPolicy.Threshold.class, name = "threshold"),
        @JsonSubTypes.Type(value = DecisionPolicy.TopK.class, name = "top-k"),
        @JsonSubTypes.Type(value = DecisionPolicy.MinimumCost.class, name = "minimum-cost")
    })
    private interface DecisionPolicyMixIn {}
}
