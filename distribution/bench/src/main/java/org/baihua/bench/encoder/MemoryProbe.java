package org.baihua.bench.encoder;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderConfig;
import org.baihua.core.encoder.TextEncoder;

/**
 * Child-process main: a host-like JVM (default flags) that loads the default encoder with its cache
 * and embeds the sentences in calls of 32, then prints its peak RSS and peak heap.
 */
public final class MemoryProbe {

    private MemoryProbe() {}

    public static void main(String[] args) throws Exception {
        List<String> sentences = Sentences.load(Path.of(args[0]), 2000, 42);
        Path dataDir = Files.createTempDirectory("baihua-memory");
        try (EncoderCatalog catalog = new EncoderCatalog(dataDir, EncoderConfig.defaults())) {
            TextEncoder encoder = catalog.defaultEncoder();
            for (int i = 0; i < sentences.size(); i += 32) {
                encoder.embed(sentences.subList(i, Math.min(sentences.size(), i + 32)));
            }
            long heapPeak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    heapPeak += pool.getPeakUsage().getUsed();
                }
            }
            String rssPeak = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:")).findFirst().orElse("VmHWM: n/a")
                    .substring("VmHWM:".length()).trim();
            System.out.printf("memory peak-rss=%s peak-heap-used=%d MiB max-heap=%d MiB%n", rssPeak,
                    heapPeak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
        Runtime.getRuntime().halt(0);
    }
}
