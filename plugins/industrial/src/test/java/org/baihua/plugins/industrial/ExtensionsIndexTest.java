package org.baihua.plugins.industrial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.baihua.plugins.industrial.preprocess.MachinePhysics;
import org.baihua.plugins.industrial.preprocess.WorkOrderNormaliser;
import org.baihua.plugins.industrial.sensor.SensorCsvAdapter;
import org.junit.jupiter.api.Test;

/** PF4J finds extensions through the index its annotation processor writes; a missing line is a silent loss. */
class ExtensionsIndexTest {

    @Test
    void everyExtensionIsIndexed() throws IOException {
        // The index beside the main classes (test compilation writes an empty one of its own).
        URL main = IndustrialDomain.class.getProtectionDomain().getCodeSource().getLocation();
        try (InputStream in = new URL(main, "META-INF/extensions.idx").openStream()) {
            String index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Class<?> type : new Class<?>[] {IndustrialDomain.class, IndustrialSamples.class, IndustrialHeads.class,
                    SensorCsvAdapter.class, MachinePhysics.class, WorkOrderNormaliser.class}) {
                assertThat(index).contains(type.getName());
                // the host creates an extension through its one public constructor and refuses a class with several
                assertThat(type.getConstructors()).as(type.getName()).hasSize(1)
                        .allSatisfy(c -> assertThat(c.getParameterCount()).isZero());
            }
        }
    }
}
