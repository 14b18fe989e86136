/**
 * The Baihua plugin test kit: JUnit 5 conformance checks that a plugin author runs with one line,
 * for example
 *
 * <pre>{@code
 * class MyConformanceTest extends PluginConformance {
 *     MyConformanceTest() { super(Path.of("target/classes")); }
 * }
 * }</pre>
 *
 * <p>The checks are dynamic tests named after what they check: the plugin descriptor, the
 * extension index, every domain's tasks (fields, labels, decision policy, head), every head
 * designer, every data adapter fed broken input, every sample read the way the host reads it,
 * every redactor and every preprocessor fitted on the samples (determinism and the JSON round trip
 * of its state). The kit has no training engine: that a sample really trains is checked by the
 * host's own integration tests.
 */
package org.baihua.sdk.testkit;
