package org.baihua.sdk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;

/**
 * The kit's stand-in for the host's {@code jsonl} adapter: one flat JSON object per line; numbers
 * as numbers, booleans as text, null as missing, arrays of scalars as lists (multilabel labels).
 */
final class HostJsonl implements DataAdapter {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String format() {
        return "jsonl";
    }

    @Override
    public void read(InputStream in, AdapterOptions options, RecordSink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String text;
        long line = 0;
        while ((text = reader.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = mapper.readTree(text);
            } catch (JsonProcessingException e) {
                sink.reject(line, "not valid JSON: " + e.getOriginalMessage());
                continue;
            }
            if (node == null || !node.isObject()) {
                sink.reject(line, "not a JSON object");
                continue;
            }
            String problem = null;
            Map<String, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext() && problem == null; ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (value.isNumber()) {
                    values.put(field.getKey(), value.doubleValue());
                } else if (value.isTextual() || value.isBoolean()) {
                    values.put(field.getKey(), value.asText());
                } else if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    for (JsonNode item : value) {
                        if (!item.isValueNode() || item.isNull()) {
                            problem = "field '" + field.getKey() + "' is an array with a non-scalar item";
                        }
                        items.add(item.asText());
                    }
                    values.put(field.getKey(), items);
                } else if (!value.isNull()) {
                    problem = "field '" + field.getKey() + "' is a nested object; flatten it";
                }
            }
            if (problem != null) {
                sink.reject(line, problem);
            } else {
                sink.accept(new DataRecord(line, values));
            }
        }
    }
}
