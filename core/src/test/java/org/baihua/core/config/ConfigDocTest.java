package org.baihua.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.baihua.core.BaihuaHost;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents exactly the keys the features declare. */
class ConfigDocTest {

    @Test
    void theConfigurationPageListsEveryDeclaredKeyAndNoOther() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "configuration.md"));
        Set<String> documented = new LinkedHashSet<>();
        for (String line : page.lines().filter(l -> l.startsWith("| `")).toList()) {
            Matcher key = Pattern.compile("`([a-z]+(?:\\.[a-z0-9-]+)+)`").matcher(line.substring(0, line.indexOf('|', 2)));
            while (key.find()) {
                documented.add(key.group(1));
            }
        }
        Set<String> declared = new LinkedHashSet<>();
        BaihuaHost.configKeys().forEach(k -> declared.add(k.name()));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(declared);
    }
}
