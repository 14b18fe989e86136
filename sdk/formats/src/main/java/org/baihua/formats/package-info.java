/**
 * The host's built-in data formats ({@code csv}, {@code jsonl}) and the shaping of a source record
 * into a task record ({@link org.baihua.formats.FieldMapping}, {@link org.baihua.formats.RecordShaper}).
 *
 * <p>One copy serves the host at ingest and prediction and the SDK test kit when it reads a
 * plugin's samples, so that a sample the kit accepts is read the same way by the host. Nothing
 * here depends on the host.
 */
package org.baihua.formats;
