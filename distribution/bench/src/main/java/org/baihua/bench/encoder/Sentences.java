package org.baihua.bench.encoder;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** The benchmark's sentences: varied English sentences of 10-60 words cut from the medical abstracts. */
final class Sentences {

    private Sentences() {}

    /** {@code count} distinct sentences, a seeded random sample, from the CSV column {@code medical_abstract}. */
    static List<String> load(Path csv, int count, long seed) throws IOException {
        Set<String> sentences = new LinkedHashSet<>();
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            while (rows.hasNext()) {
                String text = rows.next().get("medical_abstract");
                if (text == null) {
                    throw new IOException(csv + " has no column 'medical_abstract'");
                }
                BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ENGLISH);
                boundaries.setText(text);
                for (int start = boundaries.first(), end = boundaries.next(); end != BreakIterator.DONE;
                        start = end, end = boundaries.next()) {
                    String sentence = text.substring(start, end).trim();
                    int words = sentence.split("\\s+").length;
                    if (words >= 10 && words <= 60) {
                        sentences.add(sentence);
                    }
                }
            }
        }
        List<String> all = new ArrayList<>(sentences);
        if (all.size() < count) {
            throw new IOException(csv + " gives only " + all.size() + " sentences of 10-60 words, need " + count);
        }
        Collections.shuffle(all, new Random(seed));
        return List.copyOf(all.subList(0, count));
    }
}
