package org.baihua.sdk;

import org.pf4j.ExtensionPoint;

/**
 * Removes personal or secret data from a record before the host stores or embeds anything: names,
 * dates and identifiers in clinical notes, card numbers and IBANs in transactions. The host applies
 * it at ingest and again at prediction time.
 *
 * <p>One instance per plugin start, called from many threads at once: implementations must be
 * thread-safe (see the package documentation).
 */
public interface Redactor extends ExtensionPoint {

    /** Whether this redactor applies to records of the given domain. */
    boolean appliesTo(String domainId);

    /** The record with every protected value removed or masked; deterministic. */
    DataRecord redact(DataRecord record);
}
