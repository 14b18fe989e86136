package org.baihua.plugins.industrial;

import org.pf4j.Plugin;

/** The industrial plugin's life-cycle hook; its work is done by its extensions. */
public final class IndustrialPlugin extends Plugin {

    @Override
    public void start() {
        log.info("industrial plugin started");
    }

    @Override
    public void stop() {
        log.info("industrial plugin stopped");
    }
}
