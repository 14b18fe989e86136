package org.baihua.core.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.baihua.sdk.DecisionPolicy;

/**
 * The host's one Jackson configuration. SDK types carry no Jackson annotations (plugins must not
 * see Jackson), so what JSON needs to know about them is added here as mix-ins.
 */
public final class Json {

    private Json() {}

    /** A new mapper with the host's settings: unknown properties are errors, no timestamps as numbers. */
    public static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper();
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
