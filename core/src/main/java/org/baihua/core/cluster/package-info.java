/**
 * Hosts sharing one PostgreSQL database and one bucket telling each other about changes:
 * {@code LISTEN/NOTIFY} wake-ups with a polling fallback ({@link org.baihua.core.cluster.ClusterSignals}),
 * version changes for the predictor ({@link org.baihua.core.cluster.VersionRelay}) and plugins installed
 * or removed on any host ({@link org.baihua.core.cluster.PluginSync}); features caching shared state
 * (the traffic routing in {@code inference.Serving}) subscribe to a topic and poll through the signals
 * themselves. The shared job queue itself lives in {@code jobs} and {@code registry}; it uses these
 * signals to wake free hosts.
 */
package org.baihua.core.cluster;
