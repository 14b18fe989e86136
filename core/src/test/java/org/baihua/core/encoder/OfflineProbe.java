package org.baihua.core.encoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Child-process main for {@link OfflineEncoderTest}. It records every network connection or name
 * lookup the JVM attempts (through a security manager) and prints them as {@code attempt host:port}.
 *
 * <ul>
 *   <li>{@code host <data-dir> <out-file>}: embeds {@link #TEXTS} with both bundled encoders through
 *       the catalog, as the host does, and writes the vectors (float bits in hex, one vector a line);</li>
 *   <li>{@code bare-djl <data-dir>}: loads DJL's OnnxRuntime engine without the host's settings,
 *       to show that the recording catches DJL's usage tracking.</li>
 * </ul>
 */
public final class OfflineProbe {

    static final List<String> TEXTS = List.of("no network is needed to embed this", "胸痛放射到左臂", "");

    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    private OfflineProbe() {}

    @SuppressWarnings("removal")
    public static void main(String[] args) throws Exception {
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission permission) {
                // everything is allowed; only connections are recorded
            }

            @Override
            public void checkConnect(String host, int port) {
                ATTEMPTS.add(host + ":" + port);
            }

            @Override
            public void checkConnect(String host, int port, Object context) {
                ATTEMPTS.add(host + ":" + port);
            }
        });
        Path dataDir = Path.of(args[1]);
        if (args[0].equals("bare-djl")) {
            System.setProperty("DJL_CACHE_DIR", dataDir.resolve("djl").toString());
            ai.djl.engine.Engine.getEngine("OnnxRuntime");
            // DJL's tracking call runs on its own thread: wait (bounded) for it to show up.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (ATTEMPTS.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } else {
            EncoderConfig d = EncoderConfig.defaults();
            List<String> lines = new ArrayList<>();
            try (EncoderCatalog catalog = new EncoderCatalog(dataDir,
                    new EncoderConfig(d.defaultEncoder(), 2, 1, List.of(), null, 0, 100))) {
                for (EncoderSpec spec : catalog.encoders()) {
                    for (float[] vector : catalog.get(spec.id()).embed(TEXTS)) {
                        lines.add(hex(vector));
                    }
                }
            }
            Files.write(Path.of(args[2]), lines);
        }
        for (String attempt : ATTEMPTS) {
            System.out.println("attempt " + attempt);
        }
        System.out.println("done");
        System.out.flush();
        Runtime.getRuntime().halt(0); // DJL's non-daemon threads must not keep the child alive
    }

    static String hex(float[] vector) {
        StringBuilder line = new StringBuilder();
        for (float x : vector) {
            line.append(String.format("%08x ", Float.floatToRawIntBits(x)));
        }
        return line.toString().trim();
    }
}
