package org.baihua.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentBuildTest {

    @TempDir
    Path tmp;

    private Path classes() throws Exception {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve("target/classes/META-INF"));
        Files.createDirectories(project.resolve("target/plugin-descriptor"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        return project.resolve("target/classes");
    }

    @Test
    void aProjectFolderMeansItsClassesAZipItselfAndAPlainFileIsRefused() throws Exception {
        Path classes = classes();
        assertThat(DevelopmentBuild.of(tmp.resolve("project")).describe()).startsWith(classes.toString());
        assertThat(DevelopmentBuild.of(classes).describe()).startsWith(classes.toString())
                .contains("descriptor: " + classes.resolveSibling("plugin-descriptor").resolve("plugin.properties"));
        assertThat(DevelopmentBuild.of(tmp.resolve("target/x-1.0.0.zip")).describe()).isEqualTo(tmp.resolve("target/x-1.0.0.zip").toString());
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> DevelopmentBuild.of(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a plugin zip");
    }

    @Test
    void aStagedBuildIsReadyOnlyWithItsDescriptorAndEveryIndexedClass() throws Exception {
        Path classes = classes();
        DevelopmentBuild build = DevelopmentBuild.of(classes);
        assertThat(build.fingerprint()).isEmpty();

        Path first = tmp.resolve("stage-1");
        build.stage(first);
        assertThat(build.notReady(first)).get().asString().contains("no plugin.properties");

        Files.writeString(classes.resolveSibling("plugin-descriptor").resolve("plugin.properties"), "plugin.id=x\nplugin.version=1.0.0\n");
        Path second = tmp.resolve("stage-2");
        build.stage(second);
        assertThat(build.notReady(second)).get().asString().contains("no META-INF/extensions.idx in " + classes);

        Files.writeString(classes.resolve("META-INF/extensions.idx"), "# generated\ncom.example.XDomain\n");
        String print = build.fingerprint();
        Path third = tmp.resolve("stage-3");
        build.stage(third);
        assertThat(build.notReady(third)).get().asString().contains("lists [com.example.XDomain], which is not in");

        Files.createDirectories(classes.resolve("com/example"));
        Files.write(classes.resolve("com/example/XDomain.class"), new byte[] {1, 2, 3});
        assertThat(build.fingerprint()).isNotEqualTo(print);
        Path fourth = tmp.resolve("stage-4");
        build.stage(fourth);
        assertThat(build.notReady(fourth)).isEmpty();
        assertThat(fourth.resolve("plugin.properties")).hasContent("plugin.id=x\nplugin.version=1.0.0\n");
        assertThat(fourth.resolve("classes/com/example/XDomain.class")).exists();
    }
}
