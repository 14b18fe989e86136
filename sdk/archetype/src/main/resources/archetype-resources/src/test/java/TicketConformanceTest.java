package ${package};

import java.nio.file.Path;
import org.baihua.sdk.testkit.PluginConformance;

/**
 * Every conformance check of the Baihua test kit on this plugin: descriptor, extensions, the
 * domain's task, the head designer, the adapter on broken input, the sample read the way the host
 * reads it, and the preprocessor's determinism and JSON state.
 */
class TicketConformanceTest extends PluginConformance {

    TicketConformanceTest() {
        super(Path.of("target/classes"));
    }
}
