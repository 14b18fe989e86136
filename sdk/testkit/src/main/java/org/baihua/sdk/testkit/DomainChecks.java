package org.baihua.sdk.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.baihua.sdk.Domain;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.DynamicNode;

/**
 * Checks of each domain: a valid id, a display name, valid tasks (the SDK's records refuse parts that
 * do not fit a task's kind), and per task the descriptions people read.
 */
final class DomainChecks {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private DomainChecks() {}

    static List<DynamicNode> containers(PluginUnderTest plugin) {
        List<DynamicNode> containers = new ArrayList<>();
        List<Domain> domains = plugin.domains();
        if (domains.isEmpty()) {
            containers.add(dynamicTest("the plugin contributes a domain", () ->
                    fail("no class in " + plugin.index() + " implements " + Domain.class.getName())));
        }
        for (Domain domain : domains) {
            String id = PluginUnderTest.safeId(domain);
            containers.add(dynamicContainer("domain '" + id + "' (" + domain.getClass().getSimpleName() + ")", domainTests(domain)));
        }
        return containers;
    }

    private static List<DynamicNode> domainTests(Domain domain) {
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(dynamicTest("has a valid id and a display name", () -> {
            String id = domain.id();
            Verify.that(id != null && ID.matcher(id).matches(), () -> "domain id '" + id
                    + "' is not a valid id: use 1-64 of [a-z0-9-], starting with a letter or digit");
            String name = domain.displayName();
            Verify.that(name != null && !name.isBlank(), () -> "domain '" + id + "' has no display name");
        }));
        // TaskSpec's constructor refuses a task whose parts do not fit its kind: tasks() then throws with the reason.
        tests.add(dynamicTest("offers valid tasks with unique ids", () -> {
            List<TaskSpec> tasks = domain.tasks();
            if (tasks == null || tasks.isEmpty()) {
                fail("domain '" + domain.id() + "' offers no task");
            }
            Set<String> ids = new HashSet<>();
            for (TaskSpec task : tasks) {
                Verify.that(ids.add(task.id()), () -> "domain '" + domain.id() + "' declares task '" + task.id() + "' twice");
            }
        }));
        for (TaskSpec task : PluginUnderTest.safeTasks(domain)) {
            String kind = task.kind().name().toLowerCase(Locale.ROOT);
            tests.add(dynamicContainer("task '" + task.id() + "' (" + kind + ")", List.of(
                    dynamicTest("task and fields are described", () -> assertNone(task.missingDescriptions())))));
        }
        return tests;
    }

    static void assertNone(List<String> problems) {
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }
}
