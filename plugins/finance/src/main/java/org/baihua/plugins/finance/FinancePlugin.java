package org.baihua.plugins.finance;

import org.pf4j.Plugin;

/** The finance plugin's life-cycle hook; its work is done by its extensions. */
public final class FinancePlugin extends Plugin {

    @Override
    public void start() {
        log.info("finance plugin started");
    }

    @Override
    public void stop() {
        log.info("finance plugin stopped");
    }
}
