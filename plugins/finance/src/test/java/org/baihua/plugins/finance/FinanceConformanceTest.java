package org.baihua.plugins.finance;

import java.nio.file.Path;
import org.baihua.sdk.testkit.PluginConformance;

/** The SDK test kit's conformance checks, run on this plugin as a plugin author would run them. */
class FinanceConformanceTest extends PluginConformance {

    FinanceConformanceTest() {
        super(Path.of("target/classes"));
    }
}
