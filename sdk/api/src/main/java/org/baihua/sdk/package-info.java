/**
 * The Baihua plugin SDK: the extension points a domain plugin implements and the immutable value
 * types they exchange with the host.
 *
 * <p>A plugin contributes a {@link org.baihua.sdk.Domain} (its tasks), and optionally
 * {@link org.baihua.sdk.DataAdapter}s for its field's file formats, a {@link org.baihua.sdk.Redactor}
 * that removes personal data before anything is stored, {@link org.baihua.sdk.Preprocessor}s that
 * clean records and derive features, and {@link org.baihua.sdk.HeadDesigner}s that choose a head
 * for the data a user brings, and {@link org.baihua.sdk.SampleData} to try its tasks. The host owns everything else: the shared text encoder, the feature
 * pipeline, the training engine, the registry and serving. No host type appears here, so a plugin
 * built against SDK 1.x keeps loading when the host changes its internals.
 *
 * <h2>Extension lifecycle</h2>
 * The host creates each extension once per plugin start, through its one public constructor, and
 * hands that instance to every request until the plugin stops, is disabled, fails or is unloaded; a
 * restart creates new instances. Requests run in parallel, so <b>every extension must be
 * thread-safe</b>: load resources once in the constructor into immutable fields and keep per-call
 * state in local variables.
 */
package org.baihua.sdk;
