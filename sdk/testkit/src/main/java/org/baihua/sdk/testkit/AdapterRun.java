package org.baihua.sdk.testkit;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataAdapter;

/**
 * One run of an adapter over some bytes: what it reported, what it threw, and whether it closed
 * the stream (the contract says the caller owns it).
 */
record AdapterRun(CollectingSink sink, Throwable thrown, boolean closedStream) {

    static AdapterRun of(DataAdapter adapter, byte[] bytes, AdapterOptions options) {
        CollectingSink sink = new CollectingSink();
        boolean[] closed = {false};
        FilterInputStream in = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        Throwable thrown = null;
        try {
            adapter.read(in, options, sink);
        } catch (Exception | LinkageError | StackOverflowError e) {
            thrown = e;
        }
        return new AdapterRun(sink, thrown, closed[0]);
    }

    /** The adapter refused the file as a whole, as its contract allows, with a message that says why. */
    boolean refusedWholeFile() {
        return thrown instanceof IllegalArgumentException && thrown.getMessage() != null && !thrown.getMessage().isBlank();
    }
}
