package org.baihua.core.encoder;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** Starts a test class's main in a child JVM with the test class path. */
final class ChildJvm {

    private ChildJvm() {}

    static ProcessBuilder command(List<String> prefix, List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(jvmOptions);
        command.add("-cp");
        // Surefire runs tests from a manifest-only jar; it names the real class path in this property.
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }
}
