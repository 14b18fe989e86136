package org.baihua.core.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes result rows as CSV (the columns are fixed by the first row: the header) or JSON lines, one
 * row at a time, so a result of any size takes no memory beyond one row.
 */
final class ResultWriter implements Closeable {

    private final BatchFormat format;
    private final ObjectMapper json;
    private final BufferedWriter out;
    private CSVPrinter csv;
    private List<String> columns;

    ResultWriter(BatchFormat format, ObjectMapper json, OutputStream stream) {
        this.format = format;
        this.json = json;
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Rows that came before the first one with input values (rows the adapter could not read): the CSV header waits for it. */
    private final List<Map<String, Object>> waiting = new ArrayList<>();

    /**
     * Writes a row.
     *
     * @param hasInput whether the row carries the input's columns (a row the adapter could not read has none)
     */
    void write(Map<String, Object> row, boolean hasInput) throws IOException {
        if (format == BatchFormat.CSV && csv == null) {
            if (!hasInput) {
                waiting.add(row);
                return;
            }
            start(row);
            for (Map<String, Object> early : waiting) {
                print(early);
            }
            waiting.clear();
        }
        print(row);
    }

    private void start(Map<String, Object> row) throws IOException {
        columns = new ArrayList<>(row.keySet());
        csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
        csv.printRecord(columns);
    }

    private void print(Map<String, Object> row) throws IOException {
        if (format == BatchFormat.JSONL) {
            out.write(json.writeValueAsString(row));
            out.write('\n');
            return;
        }
        List<Object> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            Object value = row.get(column);
            values.add(value instanceof List<?> list ? String.join("|", list.stream().map(String::valueOf).toList()) : value);
        }
        csv.printRecord(values);
    }

    @Override
    public void close() throws IOException {
        if (csv == null && !waiting.isEmpty()) {
            start(waiting.get(0));
            for (Map<String, Object> early : waiting) {
                print(early);
            }
        }
        if (csv != null) {
            csv.close();
        } else {
            out.close();
        }
    }
}
