package ${package};

import java.nio.file.Path;
import org.baihua.sdk.testkit.ConformanceKit;
import org.baihua.sdk.testkit.PluginConformance;

/** After {@code package}: the same checks, with the descriptor read from the built zip and the zip's layout checked. */
class TicketZipIT extends PluginConformance {

    TicketZipIT() {
        super(ConformanceKit.forClasses(Path.of("target/classes"))
                .zip(Path.of(System.getProperty("plugin.zip", "target/plugin.zip")))
                .build());
    }
}
