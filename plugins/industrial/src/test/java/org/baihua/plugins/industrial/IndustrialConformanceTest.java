package org.baihua.plugins.industrial;

import java.nio.file.Path;
import org.baihua.sdk.testkit.PluginConformance;

/** The SDK test kit's conformance checks, run on this plugin as a plugin author would run them. */
class IndustrialConformanceTest extends PluginConformance {

    IndustrialConformanceTest() {
        super(Path.of("target/classes"));
    }
}
