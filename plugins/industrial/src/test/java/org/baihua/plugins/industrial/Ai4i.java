package org.baihua.plugins.industrial;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.baihua.sdk.DataRecord;

/** The shipped AI4I sample read as the host would: tab-separated, columns mapped to the task's fields. */
public final class Ai4i {

    private Ai4i() {}

    /** Every row with the mapped fields plus all original columns (as a host that keeps them would). */
    public static List<DataRecord> records() throws IOException {
        List<DataRecord> records = new ArrayList<>();
        try (Reader reader = new InputStreamReader(new IndustrialSamples().open("ai4i-machine-failure"),
                StandardCharsets.UTF_8)) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter('\t').setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord row : format.parse(reader)) {
                Map<String, Object> values = new LinkedHashMap<>(row.toMap());
                IndustrialSamples.AI4I_FIELDS.forEach((field, column) -> values.put(field, row.get(column)));
                records.add(new DataRecord(row.getRecordNumber() + 1, values));
            }
        }
        return records;
    }
}
