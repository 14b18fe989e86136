package org.baihua.plugins.industrial.preprocess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expands the abbreviations of maintenance work orders ({@code repl hyd hose, lk at fitting} &rarr;
 * {@code replace hydraulic hose, leak at fitting}) from a dictionary: the documented one shipped in
 * {@code abbreviations.tsv}, or the copy a model version froze in its fitted state.
 */
final class Abbreviations {

    private static final String OPENERS = "([{\"'";
    private static final String CLOSERS = ".,;:!?)]}\"'";

    private final Map<String, String> dictionary;

    Abbreviations(Map<String, String> dictionary) {
        this.dictionary = Map.copyOf(dictionary);
    }

    /** The dictionary shipped with the plugin, sorted by abbreviation. */
    static Map<String, String> shipped() {
        Map<String, String> entries = new TreeMap<>();
        try (InputStream in = Abbreviations.class.getResourceAsStream("abbreviations.tsv")) {
            if (in == null) {
                throw new IllegalStateException("abbreviations.tsv is missing from the industrial plugin");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t");
                    entries.put(parts[0].toLowerCase(Locale.ROOT), parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read abbreviations.tsv", e);
        }
        return entries;
    }

    /** The text with abbreviations expanded, control characters dropped and whitespace collapsed. */
    String expand(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (String token : text.replaceAll("\\p{Cntrl}", " ").trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(expandToken(token));
        }
        return out.toString();
    }

    private String expandToken(String token) {
        int start = 0;
        while (start < token.length() && OPENERS.indexOf(token.charAt(start)) >= 0) {
            start++;
        }
        int end = token.length();
        while (end > start && CLOSERS.indexOf(token.charAt(end - 1)) >= 0) {
            end--;
        }
        String core = token.substring(start, end);
        String trailing = token.substring(end);
        String expanded = lookup(core);
        if (expanded == null && core.indexOf('/') > 0) {
            expanded = expandParts(core);
        }
        if (expanded == null) {
            return token;
        }
        // The dot that marks an abbreviation ("repl.") goes with it.
        String rest = trailing.startsWith(".") ? trailing.substring(1) : trailing;
        return token.substring(0, start) + expanded + rest;
    }

    /** {@code hyd/elec} &rarr; {@code hydraulic/electrical}; null when no part is an abbreviation. */
    private String expandParts(String core) {
        String[] parts = core.split("/", -1);
        boolean any = false;
        for (int i = 0; i < parts.length; i++) {
            String e = lookup(parts[i]);
            if (e != null) {
                parts[i] = e;
                any = true;
            }
        }
        return any ? String.join("/", parts) : null;
    }

    private String lookup(String core) {
        return core.isEmpty() ? null : dictionary.get(core.toLowerCase(Locale.ROOT));
    }
}
