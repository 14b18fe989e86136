package org.baihua.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.DataProfile;
import org.baihua.sdk.HeadDesigner;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.DynamicNode;

/**
 * Checks of each head designer: for every task of the plugin it applies to, the heads it designs
 * for small, large and imbalanced data are valid for the task's kind and the same when asked twice.
 */
final class HeadChecks {

    /** Width of the feature vector the profiles claim: a 384-wide sentence embedding plus a few fields. */
    private static final int FEATURES = 400;

    private HeadChecks() {}

    static List<DynamicNode> containers(PluginUnderTest plugin) {
        List<DynamicNode> containers = new ArrayList<>();
        for (HeadDesigner head : plugin.extensions(HeadDesigner.class)) {
            List<PluginUnderTest.DomainTask> served = plugin.tasks().stream()
                    .filter(t -> head.appliesTo(t.domainId(), t.task().id())).toList();
            List<DynamicNode> tests = new ArrayList<>();
            if (served.isEmpty()) {
                tests.add(dynamicTest("applies to a task of this plugin", () -> assumeTrue(false,
                        "applies to none of this plugin's tasks " + plugin.tasks() + "; the kit cannot check it")));
            }
            for (PluginUnderTest.DomainTask task : served) {
                tests.add(dynamicTest("designs a valid, repeatable head for " + task + " on small, large and imbalanced data",
                        () -> checkDesigns(head, task.task())));
            }
            containers.add(dynamicContainer("head designer " + head.getClass().getSimpleName(), tests));
        }
        return containers;
    }

    private static void checkDesigns(HeadDesigner designer, TaskSpec task) {
        List<String> problems = new ArrayList<>();
        profiles(task).forEach((name, profile) -> {
            HeadSpec first = designer.design(task, profile);
            try {
                task.requireFits(first, "head designed for " + name + " data");
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            assertEquals(first, designer.design(task, profile),
                    "the head designed for " + name + " data differs when asked twice for task '" + task.id() + "'");
        });
        DomainChecks.assertNone(problems);
    }

    /** Data sets a user may bring: few balanced rows, many balanced rows, and one rare label. */
    static Map<String, DataProfile> profiles(TaskSpec task) {
        List<String> labels = task.labelsFromData()
                ? (task.kind() == TaskKind.BINARY ? List.of("no", "yes") : List.of("a", "b", "c"))
                : task.labels();
        Map<String, DataProfile> profiles = new LinkedHashMap<>();
        profiles.put("small balanced", profile(labels, 20, 20));
        profiles.put("large balanced", profile(labels, 100_000 / labels.size(), 100_000 / labels.size()));
        profiles.put("imbalanced (1 in 50)", profile(labels, 2_000, 40));
        return profiles;
    }

    private static DataProfile profile(List<String> labels, long common, long rareLast) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            counts.put(labels.get(i), i == labels.size() - 1 ? rareLast : common);
        }
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        return new DataProfile(rows, counts, FEATURES);
    }
}
