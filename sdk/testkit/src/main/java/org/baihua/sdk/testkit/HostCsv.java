package org.baihua.sdk.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;

/**
 * The kit's stand-in for the host's {@code csv} adapter (the kit cannot depend on the host): the
 * same options ({@code header}, {@code delimiter}, {@code columns}), delimiter guessing, trimming
 * and empty values as missing, so that a sample that reads here reads in the host.
 */
final class HostCsv implements DataAdapter {

    private static final char[] CANDIDATES = {',', ';', '\t', '|'};

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public void read(InputStream in, AdapterOptions options, RecordSink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        reader.mark(1 << 16);
        String firstLine = reader.readLine();
        if (firstLine == null) {
            throw new IllegalArgumentException("the file is empty");
        }
        reader.reset();
        if (firstLine.startsWith("\uFEFF")) {
            reader.skip(1);
            firstLine = firstLine.substring(1);
        }
        boolean header = options.flag("header", true);
        List<String> names = header ? null : columns(options);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(options, firstLine)).setTrim(true)
                .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Iterator<CSVRecord> rows = parser.iterator();
            long lastLine = 0;
            if (header) {
                if (!rows.hasNext()) {
                    throw new IllegalArgumentException("the file has no header line");
                }
                names = rows.next().toList().stream().map(String::trim).toList();
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).isEmpty() || names.indexOf(names.get(i)) != i) {
                        throw new IllegalArgumentException("header column " + (i + 1) + " is unnamed or named twice: '" + names.get(i) + "'");
                    }
                }
                lastLine = parser.getCurrentLineNumber();
            }
            while (true) {
                CSVRecord row;
                try {
                    if (!rows.hasNext()) {
                        return;
                    }
                    row = rows.next();
                } catch (UncheckedIOException e) {
                    sink.reject(lastLine + 1, "unreadable CSV from here on: " + e.getCause().getMessage());
                    return;
                }
                long line = lastLine + 1;
                lastLine = parser.getCurrentLineNumber();
                if (row.size() != names.size()) {
                    sink.reject(line, "has " + row.size() + " columns, expected " + names.size());
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    if (!row.get(i).isEmpty()) {
                        values.put(names.get(i), row.get(i));
                    }
                }
                sink.accept(new DataRecord(line, values));
            }
        }
    }

    private static List<String> columns(AdapterOptions options) {
        String columns = options.get("columns", "");
        if (columns.isBlank()) {
            throw new IllegalArgumentException("option header=false needs option columns=name1,name2,...");
        }
        return Arrays.stream(columns.split(",")).map(String::trim).toList();
    }

    private static char delimiter(AdapterOptions options, String firstLine) {
        String given = options.get("delimiter", "");
        if (!given.isEmpty()) {
            if ("tab".equalsIgnoreCase(given) || "\\t".equals(given)) {
                return '\t';
            }
            if ("space".equalsIgnoreCase(given)) {
                return ' ';
            }
            if (given.length() != 1) {
                throw new IllegalArgumentException("option delimiter must be one character (or tab, space), was '" + given + "'");
            }
            return given.charAt(0);
        }
        char best = ',';
        long bestCount = 0;
        for (char candidate : CANDIDATES) {
            long count = firstLine.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }
}
