package org.baihua.plugins.medical.fhir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.baihua.plugins.medical.labs.LabUnits;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;
import org.pf4j.Extension;

/**
 * Reads FHIR R4 JSON Bundles ({@code format=fhir-bundle}): one Bundle per file, or with
 * {@code ndjson=true} one Bundle per line. Each clinical document (DocumentReference or
 * DiagnosticReport with text) becomes a record with field {@code text}, the patient's mapped
 * Observations as numeric fields (by LOINC code, converted to the field's unit), {@code age} and a
 * {@code label} from the patient's Conditions; a patient without documents becomes one tabular
 * record. See the plugin README for the options and the rules.
 *
 * <p>A record's line is the entry number of its document (or Patient) in a single-bundle file,
 * and the line number in NDJSON; rejected entries are reported the same way, their reason naming
 * the entry.
 */
@Extension
public final class FhirBundleAdapter implements DataAdapter {

    /** The format id users name at ingest. */
    public static final String FORMAT = "fhir-bundle";

    private final ObjectMapper mapper = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private final LabUnits units;

    /** The adapter with the standard units (the constructor the host uses). */
    public FhirBundleAdapter() {
        this(LabUnits.standard());
    }

    /** An adapter converting with the given units (package-private: the host needs exactly one public constructor). */
    FhirBundleAdapter(LabUnits units) {
        this.units = Objects.requireNonNull(units, "units is null");
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void read(InputStream in, AdapterOptions options, RecordSink sink) throws IOException {
        FhirOptions parsed = FhirOptions.parse(options);
        if (parsed.ndjson()) {
            readLines(in, parsed, sink);
        } else {
            readBundle(in, parsed, sink);
        }
    }

    private void readBundle(InputStream in, FhirOptions options, RecordSink sink) throws IOException {
        JsonNode bundle;
        try {
            bundle = mapper.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a FHIR Bundle: the file is not valid JSON (" + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + "); for one Bundle per line use ndjson=true", e);
        }
        if (bundle == null || bundle.isMissingNode()) {
            throw new IllegalArgumentException("not a FHIR Bundle: the file is empty");
        }
        new BundleConverter(options, units).convert(bundle, new BundleConverter.Output() {
            @Override
            public void record(int entryNumber, Map<String, Object> values) {
                sink.accept(new DataRecord(entryNumber, values));
            }

            @Override
            public void reject(int entryNumber, String reason) {
                sink.reject(entryNumber, reason);
            }
        });
    }

    private void readLines(InputStream in, FhirOptions options, RecordSink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        BundleConverter converter = new BundleConverter(options, units);
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            long at = lineNumber;
            JsonNode bundle;
            try {
                bundle = mapper.readTree(line);
            } catch (JsonProcessingException e) {
                sink.reject(at, "not valid JSON: " + e.getOriginalMessage());
                continue;
            }
            try {
                converter.convert(bundle, new BundleConverter.Output() {
                    @Override
                    public void record(int entryNumber, Map<String, Object> values) {
                        sink.accept(new DataRecord(at, values));
                    }

                    @Override
                    public void reject(int entryNumber, String reason) {
                        sink.reject(at, reason);
                    }
                });
            } catch (IllegalArgumentException e) {
                sink.reject(at, e.getMessage());
            }
        }
    }
}
