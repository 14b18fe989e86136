package org.baihua.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Sample data sets a plugin ships for its tasks, used by the quick-start demo, by conformance tests
 * and by users who want to try a task before bringing their own files.
 *
 * <p>One instance per plugin start, called from many threads at once: implementations must be
 * thread-safe (see the package documentation).
 */
public interface SampleData extends ExtensionPoint {

    /** The samples this plugin ships. */
    List<Sample> samples();

    /**
     * Opens a sample's file; the caller closes the stream.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if this plugin ships no sample of that name
     */
    InputStream open(String sampleName) throws IOException;

    /**
     * One sample file and how to ingest it.
     *
     * @param name unique within the plugin, for example {@code pima-diabetes}
     * @param domainId the domain whose task it serves
     * @param taskId the task it serves
     * @param format the adapter format to read it with, for example {@code csv}
     * @param options the adapter options it needs, for example {@code header=false}
     * @param mapping task field or {@code label} &rarr; source column, as a user would pass at ingest
     *     (fields not named are looked up under their own name)
     * @param labelValues source label value &rarr; task label, for files that code labels (0/1); may be empty
     * @param attribution source, authors and licence of the data
     */
    record Sample(String name, String domainId, String taskId, String format, AdapterOptions options,
                  java.util.Map<String, String> mapping, java.util.Map<String, String> labelValues,
                  String attribution) {

        public Sample {
            Ids.require(name, "sample name");
            Ids.require(domainId, "domain id");
            Ids.require(taskId, "task id");
            if (format == null || format.isBlank()) {
                throw new IllegalArgumentException("sample '" + name + "' has no format");
            }
            options = options == null ? AdapterOptions.none() : options;
            mapping = mapping == null ? java.util.Map.of() : java.util.Map.copyOf(mapping);
            labelValues = labelValues == null ? java.util.Map.of() : java.util.Map.copyOf(labelValues);
            if (attribution == null || attribution.isBlank()) {
                throw new IllegalArgumentException("sample '" + name + "' has no attribution");
            }
        }
    }
}
