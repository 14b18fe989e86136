package org.baihua.plugins.medical;

import org.pf4j.Plugin;

/** The medical plugin's life-cycle hook; its work is done by its extensions. */
public final class MedicalPlugin extends Plugin {

    @Override
    public void start() {
        log.info("medical plugin started");
    }

    @Override
    public void stop() {
        log.info("medical plugin stopped");
    }
}
