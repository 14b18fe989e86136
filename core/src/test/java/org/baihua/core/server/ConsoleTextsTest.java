package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's English and Chinese texts have the same keys, and every key the page uses exists. */
class ConsoleTextsTest {

    private static final Path CONSOLE = Path.of("src", "main", "resources", "console");
    /** Quoted 'group.key' strings in the scripts, the way the page names its texts. */
    private static final Pattern KEY = Pattern.compile("'((?:app|role|nav|login|common|error|plugins|pluginState|domains|tasks|policy"
            + "|datasets|train|job|jobState|phase|models|versionState|stage|lifecycle|compare|version|split|metric|lineage|chart"
            + "|predict|fieldType)\\.[A-Za-z0-9]+)'");
    /** Texts named by a prefix and a value the API sends (role, states, phases, field types). */
    private static final Map<String, Set<String>> DYNAMIC = Map.of(
            "role.", Set.of("reader", "trainer", "admin"),
            "pluginState.", Set.of("STARTED", "STOPPED", "DISABLED", "FAILED"),
            "jobState.", Set.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"),
            "versionState.", Set.of("QUEUED", "TRAINING", "READY", "FAILED", "CANCELLED"),
            "stage.", Set.of("NONE", "PRODUCTION", "ARCHIVED"),
            "fieldType.", Set.of("TEXT", "NUMERIC", "CATEGORICAL"));

    private final ObjectMapper json = new ObjectMapper();

    private Map<String, String> texts(String lang) throws IOException {
        return json.readValue(CONSOLE.resolve("i18n").resolve(lang + ".json").toFile(), new TypeReference<>() { });
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndNoEmptyText() throws IOException {
        Map<String, String> en = texts("en");
        Map<String, String> zh = texts("zh");
        assertThat(new TreeSet<>(zh.keySet())).isEqualTo(new TreeSet<>(en.keySet()));
        assertThat(en.values()).allSatisfy(v -> assertThat(v).isNotBlank());
        assertThat(zh.values()).allSatisfy(v -> assertThat(v).isNotBlank());
        // placeholders must match, or a translation drops a value
        en.forEach((key, text) -> assertThat(placeholders(zh.get(key))).as(key).isEqualTo(placeholders(text)));
    }

    @Test
    void everyTextThePageUsesExists() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String file : new String[] {"app.js", "charts.js", "index.html"}) {
            Matcher m = KEY.matcher(Files.readString(CONSOLE.resolve(file)));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        Matcher html = Pattern.compile("data-i18n(?:-label)?=\"([^\"]+)\"").matcher(Files.readString(CONSOLE.resolve("index.html")));
        while (html.find()) {
            used.add(html.group(1));
        }
        DYNAMIC.forEach((prefix, values) -> values.forEach(v -> used.add(prefix + v)));
        used.removeIf(k -> k.startsWith("training.")); // request field names, not texts
        assertThat(used).hasSizeGreaterThan(150);
        assertThat(texts("en").keySet()).containsAll(used);
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\{([a-zA-Z]+)}").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
