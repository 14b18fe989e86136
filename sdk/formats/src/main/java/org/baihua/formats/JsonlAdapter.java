package org.baihua.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
 * The host's built-in {@code jsonl} adapter: one JSON object per line. Values may be strings,
 * numbers, booleans (read as {@code "true"}/{@code "false"}), null (missing) or arrays of strings
 * (multilabel labels). Blank lines are skipped; a line that is not a flat object is rejected.
 */
public final class JsonlAdapter implements DataAdapter {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String format() {
        return "jsonl";
    }

    @Override
    public void read(InputStream in, AdapterOptions options, RecordSink sink) throws IOException {
        BoundedRecords bounded = new BoundedRecords(TextInput.reader(in, options));
        BufferedReader reader = new BufferedReader(bounded);
        String text;
        long line = 0;
        while ((text = readLine(reader, line + 1)) != null) {
            bounded.boundary();
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
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && problem == null; ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    continue;
                }
                if (value.isNumber()) {
                    values.put(field.getKey(), value.doubleValue());
                } else if (value.isTextual() || value.isBoolean()) {
                    values.put(field.getKey(), value.asText());
                } else if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    for (JsonNode item : value) {
                        if (!item.isValueNode() || item.isNull()) {
                            problem = "field '" + field.getKey() + "' is an array with a non-scalar item";
                            break;
                        }
                        items.add(item.asText());
                    }
                    values.put(field.getKey(), items);
                } else {
                    problem = "field '" + field.getKey() + "' is a nested object; flatten it (for example 'a.b')";
                }
            }
            if (problem != null) {
                sink.reject(line, problem);
            } else {
                sink.accept(new DataRecord(line, values));
            }
        }
    }

    private static String readLine(BufferedReader reader, long line) throws IOException {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IOException("line " + line + ": " + e.getMessage(), e);
        }
    }
}
