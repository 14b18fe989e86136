package org.baihua.formats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * The host's built-in {@code csv} adapter, offered to every domain. Quoted fields may span lines,
 * line endings may be CRLF, a UTF-8 byte-order mark is skipped.
 *
 * <p>Options: {@code delimiter} (one character, or {@code tab}; by default guessed from the first
 * line among comma, semicolon, tab and pipe, since files named .csv are often tab-separated),
 * {@code header} ({@code true} by default), {@code columns} (comma-separated names, required when
 * {@code header=false}). Values are trimmed; empty values count as missing.
 */
public final class CsvAdapter implements DataAdapter {

    private static final char[] CANDIDATES = {',', ';', '\t', '|'};

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public void read(InputStream in, AdapterOptions options, RecordSink sink) throws IOException {
        BoundedRecords bounded = new BoundedRecords(TextInput.reader(in, options));
        BufferedReader reader = new BufferedReader(bounded, 1 << 16);
        String firstLine = firstLine(reader);
        if (firstLine == null) {
            throw new IllegalArgumentException("the file is empty");
        }
        if (firstLine.startsWith("\uFEFF")) {
            reader.skip(1);
            firstLine = firstLine.substring(1);
        }
        char delimiter = delimiter(options, firstLine);
        boolean header = options.flag("header", true);
        List<String> names = header ? null : columns(options);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
                .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Iterator<CSVRecord> rows = parser.iterator();
            long lastLine = 0;
            if (header) {
                if (!rows.hasNext()) {
                    throw new IllegalArgumentException("the file has no header line");
                }
                names = headerNames(rows.next());
                lastLine = parser.getCurrentLineNumber();
                bounded.boundary();
            }
            while (true) {
                CSVRecord row;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    row = rows.next();
                } catch (UncheckedIOException e) {
                    // A broken quote makes the rest of the file unreadable: report where it started.
                    sink.reject(lastLine + 1, "unreadable CSV from here on: " + e.getCause().getMessage());
                    return;
                }
                bounded.boundary();
                long line = lastLine + 1;
                lastLine = parser.getCurrentLineNumber();
                if (row.size() != names.size()) {
                    sink.reject(line, "has " + row.size() + " columns, expected " + names.size()
                            + (header ? " (as in the header)" : " (as in option columns)"));
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    String value = row.get(i);
                    if (!value.isEmpty()) {
                        values.put(names.get(i), value);
                    }
                }
                sink.accept(new DataRecord(line, values));
            }
        }
    }

    /** Longest first line read to guess the delimiter; a header line of a very wide table fits. */
    static final int MAX_FIRST_LINE = 1 << 20;

    /** Reads line 1 and resets to its start; refuses one longer than {@link #MAX_FIRST_LINE} characters. */
    private static String firstLine(BufferedReader reader) throws IOException {
        reader.mark(MAX_FIRST_LINE + 2);
        StringBuilder line = new StringBuilder();
        int c = reader.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n' && c != '\r') {
            if (line.length() == MAX_FIRST_LINE) {
                throw new IllegalArgumentException("line 1 is longer than " + MAX_FIRST_LINE + " characters; is this a CSV file?");
            }
            line.append((char) c);
            c = reader.read();
        }
        reader.reset();
        return line.toString();
    }

    private static List<String> headerNames(CSVRecord header) {
        List<String> names = header.toList().stream().map(String::trim).toList();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                throw new IllegalArgumentException("header column " + (i + 1) + " has no name");
            }
            if (names.indexOf(names.get(i)) != i) {
                throw new IllegalArgumentException("header names column '" + names.get(i) + "' twice");
            }
        }
        return names;
    }

    private static List<String> columns(AdapterOptions options) {
        String columns = options.get("columns", null);
        if (columns == null || columns.isBlank()) {
            throw new IllegalArgumentException("option header=false needs option columns=name1,name2,... to name the columns");
        }
        List<String> names = Arrays.stream(columns.split(",")).map(String::trim).toList();
        if (names.stream().anyMatch(String::isEmpty) || names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("option columns must name each column once: '" + columns + "'");
        }
        return names;
    }

    static char delimiter(AdapterOptions options, String firstLine) {
        String given = options.get("delimiter", null);
        if (given != null && !given.isEmpty()) {
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
