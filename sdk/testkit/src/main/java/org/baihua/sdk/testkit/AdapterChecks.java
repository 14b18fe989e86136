package org.baihua.sdk.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataAdapter;
import org.junit.jupiter.api.DynamicNode;

/**
 * Checks of each data adapter fed broken input. The contract: a row that cannot be read goes to
 * {@code reject(line, reason)}, a file that is not of the format at all is refused with an
 * {@link IllegalArgumentException}; nothing else is thrown, no row is dropped, the stream is left open.
 */
final class AdapterChecks {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private AdapterChecks() {}

    static List<DynamicNode> containers(PluginUnderTest plugin) {
        List<DynamicNode> containers = new ArrayList<>();
        List<DataAdapter> adapters = plugin.extensions(DataAdapter.class);
        for (DataAdapter adapter : adapters) {
            String format = PluginUnderTest.safeFormat(adapter);
            containers.add(dynamicContainer("adapter '" + format + "' (" + adapter.getClass().getSimpleName() + ")", List.of(
                    dynamicTest("has a usable, unique format id", () -> {
                        String id = adapter.format();
                        Verify.that(id != null && FORMAT.matcher(id).matches(), () -> "format id '" + id
                                + "' is not usable in ?format=: use 1-64 of [A-Za-z0-9._-]");
                        long same = adapters.stream().filter(a -> id.equals(PluginUnderTest.safeFormat(a))).count();
                        Verify.that(same == 1, () -> same + " adapters of this plugin read format '" + id + "'");
                    }),
                    dynamicTest("refuses or rejects random bytes, throwing nothing else", () -> {
                        AdapterRun run = AdapterRun.of(adapter, Garbage.bytes(), AdapterOptions.none());
                        checkContract(run, "random bytes");
                        if (!run.refusedWholeFile()) {
                            Verify.that(!run.sink().records().isEmpty() || !run.sink().rejections().isEmpty(),
                                    "read 4 KiB of random bytes without accepting or rejecting anything: rows were dropped silently");
                        }
                    }),
                    dynamicTest("accounts for every line of a garbage text file", () -> checkEveryLine(adapter)),
                    dynamicTest("invents no record from an empty file", () -> {
                        AdapterRun run = AdapterRun.of(adapter, new byte[0], AdapterOptions.none());
                        checkContract(run, "an empty file");
                        Verify.that(run.sink().records().isEmpty(), () -> "accepted " + run.sink().records().size()
                                + " records from an empty file: " + run.sink().records().get(0));
                    }))));
        }
        return containers;
    }

    /** What every run must respect: only IllegalArgumentException, reasons given, the stream left open. */
    private static void checkContract(AdapterRun run, String input) {
        // After a refusal the host reads no further, so only an adapter that returns must leave the stream open.
        if (run.closedStream() && run.thrown() == null) {
            fail("closed the input stream while reading " + input + "; the host owns it (it hashes and counts the rest)");
        }
        if (run.thrown() != null && !run.refusedWholeFile()) {
            throw new AssertionError("threw " + run.thrown() + " on " + input + "; report a bad row with RecordSink.reject(line, reason), "
                    + "or refuse a file that is not of this format with an IllegalArgumentException that says why", run.thrown());
        }
        for (CollectingSink.Rejection rejection : run.sink().rejections()) {
            if (rejection.reason() == null || rejection.reason().isBlank()) {
                fail("rejected line " + rejection.line() + " of " + input + " without a reason");
            }
        }
    }

    private static void checkEveryLine(DataAdapter adapter) {
        List<String> lines = Garbage.lines();
        AdapterRun run = AdapterRun.of(adapter, Garbage.text(lines), AdapterOptions.none());
        checkContract(run, "a garbage text file");
        if (run.refusedWholeFile()) {
            return;
        }
        CollectingSink sink = run.sink();
        for (long line : sink.reportedLines()) {
            Verify.that(line >= 1 && line <= lines.size(), () -> "reported line " + line + " of a " + lines.size() + "-line file");
        }
        // Line 1 may be a header. An adapter may give up with a reason ("unreadable from here on"),
        // so the lines after its last rejection need not be reported; any other gap is a dropped row.
        long last = lines.size();
        if (!sink.rejections().isEmpty() && sink.reportedLines().get(sink.reportedLines().size() - 1)
                .equals(sink.rejections().get(sink.rejections().size() - 1).line())) {
            last = Math.max(sink.rejections().get(sink.rejections().size() - 1).line(), 1);
        }
        Set<Long> missing = new TreeSet<>();
        for (long line = 2; line <= last; line++) {
            if (!sink.reportedLines().contains(line)) {
                missing.add(line);
            }
        }
        Verify.that(missing.isEmpty(), () -> "lines " + missing + " of a " + lines.size() + "-line garbage file were neither accepted nor "
                + "rejected (accepted " + sink.records().size() + ", rejected " + sink.rejections().size() + "); reject each with its line and reason");
    }
}
