package org.baihua.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code baihua embed} refuses, with a message and a non-zero exit, to run without a usable spark-submit. */
class EmbedCommandTest {

    @Test
    void aMissingSparkSubmitIsNamed() {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BaihuaCli.run(new String[] {"embed", "--dataset", "ds-1", "--spark-master", "local[2]",
                "--spark-submit", "/nonexistent/bin/spark-submit"});
        } finally {
            System.setErr(err);
        }
        assertThat(exit).isNotZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("/nonexistent/bin/spark-submit is not an executable spark-submit");
    }
}
