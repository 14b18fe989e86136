package org.baihua.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.Redactor;
import org.junit.jupiter.api.DynamicNode;

/** Checks of each redactor on the plugin's samples: deterministic, and it leaves the label alone. */
final class RedactorChecks {

    private RedactorChecks() {}

    static List<DynamicNode> containers(PluginUnderTest plugin, Samples samples) {
        List<DynamicNode> containers = new ArrayList<>();
        for (Redactor redactor : plugin.extensions(Redactor.class)) {
            List<DynamicNode> tests = new ArrayList<>();
            List<String> domains = plugin.domains().stream().map(PluginUnderTest::safeId)
                    .filter(id -> id != null && redactor.appliesTo(id)).toList();
            if (domains.isEmpty()) {
                tests.add(dynamicTest("applies to a domain of this plugin", () -> assumeTrue(false,
                        "applies to none of this plugin's domains; the kit cannot check it")));
            }
            for (String domainId : domains) {
                for (PluginUnderTest.DomainTask task : plugin.tasks().stream().filter(t -> t.domainId().equals(domainId)).toList()) {
                    tests.add(dynamicTest("redacts the sample of " + task + " deterministically and keeps the label", () -> {
                        Samples.Read read = samples.forTask(domainId, task.task().id()).orElse(null);
                        assumeTrue(read != null, () -> "this plugin ships no readable sample of " + task + "; the kit has nothing to redact");
                        for (DataRecord record : PreprocessorChecks.limit(read.shaped())) {
                            DataRecord once = redact(redactor, record);
                            assertEquals(once, redact(redactor, record), () -> "redacting line " + record.line() + " twice gave different records");
                            assertEquals(record.get(DataRecord.LABEL), once.get(DataRecord.LABEL),
                                    () -> "redaction changed the label of line " + record.line());
                        }
                    }));
                }
            }
            containers.add(dynamicContainer("redactor " + redactor.getClass().getSimpleName(), tests));
        }
        return containers;
    }

    private static DataRecord redact(Redactor redactor, DataRecord record) {
        try {
            DataRecord redacted = redactor.redact(record);
            if (redacted == null) {
                throw new AssertionError("redact returned null for line " + record.line());
            }
            return redacted;
        } catch (RuntimeException e) {
            throw new AssertionError("redact failed on line " + record.line() + ": " + e, e);
        }
    }
}
