package org.baihua.core.datasets;

import java.util.Map;
import org.baihua.sdk.AdapterOptions;

/**
 * What a user asks to ingest.
 *
 * @param domain the domain id
 * @param task the task id
 * @param format the adapter format, for example {@code csv}
 * @param name a name for people, or null
 * @param options adapter options
 * @param mapping task field or {@code label} &rarr; source column, as text ({@code text=Note,label=Dx}), or null
 * @param labelValues source value &rarr; task label, as text ({@code 0:negative,1:positive}), or null
 */
public record IngestRequest(String domain, String task, String format, String name, AdapterOptions options, String mapping,
                            String labelValues) {

    public IngestRequest {
        options = options == null ? AdapterOptions.none() : options;
    }

    /** What makes two ingests of the same bytes the same data set. */
    String identity() {
        return domain + '\n' + task + '\n' + format + '\n' + new java.util.TreeMap<>(options.values()) + '\n'
                + (mapping == null ? "" : mapping) + '\n' + (labelValues == null ? "" : labelValues);
    }

    /** The task fields (and {@code label}) the mapping names, for example {@code text} and {@code label} of {@code text=Note,label=Dept}. */
    java.util.Set<String> mappedFields() {
        return MappingCheck.named(mapping);
    }

    /** The same request with other options. */
    public IngestRequest withOptions(Map<String, String> values) {
        return new IngestRequest(domain, task, format, name, new AdapterOptions(values), mapping, labelValues);
    }
}
