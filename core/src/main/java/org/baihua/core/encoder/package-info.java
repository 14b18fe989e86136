/**
 * The shared text encoders: text &rarr; L2-normalised sentence embedding, used by every domain's
 * feature pipeline.
 *
 * <p>{@link org.baihua.core.encoder.EncoderCatalog} holds the bundled encoders
 * ({@code all-minilm-l6-v2-q}, the default, and {@code bge-small-zh-v15-q}, read from their Maven
 * carrier jars) plus one per configured directory ({@code model.onnx}, {@code tokenizer.json},
 * {@code encoder.json}). Models load on first use through DJL's OnnxRuntime engine and Hugging Face
 * tokenizer, fully offline. {@link org.baihua.core.encoder.OnnxTextEncoder} runs one text per model
 * run, so a text's vector never depends on its neighbours; {@link org.baihua.core.encoder.CachingTextEncoder}
 * keeps computed vectors in a SQLite {@link org.baihua.core.encoder.EmbeddingCache}.
 * {@link org.baihua.core.encoder.EncoderConfig} reads the {@code encoder.*} configuration keys and
 * {@link org.baihua.core.encoder.EncoderModule} binds the catalog in Guice.
 */
package org.baihua.core.encoder;
