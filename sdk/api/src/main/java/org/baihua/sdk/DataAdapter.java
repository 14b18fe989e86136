package org.baihua.sdk;

import java.io.IOException;
import java.io.InputStream;
import org.pf4j.ExtensionPoint;

/**
 * Reads one source format into records. The host offers {@code csv} and {@code jsonl} to every
 * domain; a plugin contributes the formats of its field (FHIR bundles, bank statements, sensor
 * logs). A domain's adapters are the ones its own plugin ships plus the host's.
 *
 * <p>One instance per plugin start, called from many threads at once: implementations must be
 * thread-safe (see the package documentation).
 */
public interface DataAdapter extends ExtensionPoint {

    /** The format id users name at ingest, for example {@code fhir-bundle}; unique within a plugin. */
    String format();

    /**
     * Streams the records of {@code in} into {@code sink}: each record with its line, each row that
     * cannot be read rejected with its line and reason. The adapter does not close {@code in}.
     *
     * @throws IOException when the stream itself fails (not for a bad row)
     * @throws IllegalArgumentException when the file as a whole is not of this format or an option is invalid
     */
    void read(InputStream in, AdapterOptions options, RecordSink sink) throws IOException;
}
