package org.baihua.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a training job's progress: on a terminal one line redrawn in place
 * ({@code [#######.....] 12/60 loss 0.4312 val 0.8810}); otherwise a plain line per change, so logs
 * and pipes stay readable.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private String lastLine = "";
    private boolean drawn;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(JsonNode job) {
        String line = render(job);
        if (line.equals(lastLine)) {
            return;
        }
        lastLine = line;
        if (terminal) {
            out.print("\r" + line + "\033[K");
            out.flush();
            drawn = true;
        } else {
            out.println(line);
        }
    }

    void finish() {
        if (terminal && drawn) {
            out.println();
        }
    }

    static String render(JsonNode job) {
        JsonNode progress = job.path("progress");
        String state = job.path("state").asText();
        int epoch = progress.path("epoch").asInt();
        int epochs = progress.path("epochs").asInt();
        StringBuilder line = new StringBuilder();
        if (epochs > 0) {
            int filled = (int) Math.round(WIDTH * (double) epoch / epochs);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(epoch).append('/').append(epochs);
        } else {
            line.append(progress.path("phase").asText(state.toLowerCase(Locale.ROOT)));
        }
        if (progress.hasNonNull("loss")) {
            line.append(String.format(Locale.ROOT, " loss %.4f", progress.get("loss").asDouble()));
        }
        if (progress.hasNonNull("validationMetric")) {
            line.append(String.format(Locale.ROOT, " val %.4f", progress.get("validationMetric").asDouble()));
        }
        if (epochs > 0 && !"RUNNING".equals(state)) {
            line.append(' ').append(state);
        } else if (epochs > 0) {
            line.append(" (").append(progress.path("phase").asText()).append(')');
        }
        return line.toString();
    }
}
