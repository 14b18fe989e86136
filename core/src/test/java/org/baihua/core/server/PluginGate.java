package org.baihua.core.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A gate that the gated clinic plugin ({@link ClinicFixture#gatedZip}) waits at, to hold a request or a
 * job in flight for as long as a test needs. It is shared through the system properties: the one
 * object the host's and the plugin's class loaders both see. A phase is {@code fit} (training) or
 * {@code transform} (every record, in training and predict).
 */
final class PluginGate implements AutoCloseable {

    private final String key;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    PluginGate(String phase) {
        this.key = "baihua.it.gate." + phase;
        System.getProperties().put(key, new CountDownLatch[] {entered, opened});
    }

    /** Waits until the plugin is held at the gate; fails the test after two minutes. */
    void awaitEntered() throws InterruptedException {
        if (!entered.await(2, TimeUnit.MINUTES)) {
            throw new AssertionError("nothing reached the gate " + key + " within two minutes");
        }
    }

    /** Lets every caller through, now and later. */
    void open() {
        opened.countDown();
    }

    @Override
    public void close() {
        open();
        System.getProperties().remove(key);
    }
}
