package ${package};

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;
import org.pf4j.Extension;

/**
 * Reads the export of a (fictitious) help desk tool, one ticket per line:
 * {@code channel | category | text}. Blank lines are skipped; any other line that does not have
 * three parts, or has no category or text, is rejected with its line number and the reason.
 * The host reads csv and jsonl itself; a plugin adds the formats of its field.
 *
 * <p>Option {@code separator} (one character, {@code |} by default).
 */
@Extension
public class PipeTicketAdapter implements DataAdapter {

    static final String FORMAT = "ticket-pipe";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void read(InputStream in, AdapterOptions options, RecordSink sink) throws IOException {
        String separator = options.get("separator", "|");
        if (separator.length() != 1) {
            throw new IllegalArgumentException("option separator must be one character, was '" + separator + "'");
        }
        // Not closed: the host owns the stream.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long line = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            String[] parts = text.split(java.util.regex.Pattern.quote(separator), 3);
            if (parts.length != 3) {
                sink.reject(line, "expected channel " + separator + " category " + separator + " text, found "
                        + parts.length + " part" + (parts.length == 1 ? "" : "s"));
            } else if (parts[1].isBlank() || parts[2].isBlank()) {
                sink.reject(line, parts[1].isBlank() ? "the category is empty" : "the text is empty");
            } else {
                Map<String, Object> values = new LinkedHashMap<>();
                if (!parts[0].isBlank()) {
                    values.put("channel", parts[0].strip());
                }
                values.put(DataRecord.LABEL, parts[1].strip());
                values.put("text", parts[2].strip());
                sink.accept(new DataRecord(line, values));
            }
        }
    }
}
