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

    /** Encoder fine-tuning: {@code [####....] step 12/60 epoch 1/3 loss 0.4312 1830 tok/s ETA 1:05 (fine-tuning)}. */
    private static String renderSteps(JsonNode progress, String state) {
        long step = progress.path("step").asLong();
        long steps = progress.path("steps").asLong();
        StringBuilder line = new StringBuilder();
        int filled = steps > 0 ? (int) Math.round(WIDTH * (double) Math.min(step, steps) / steps) : 0;
        line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] step ").append(step);
        if (steps > 0) {
            line.append('/').append(steps);
        }
        line.append(" epoch ").append(progress.path("epoch").asInt()).append('/').append(progress.path("epochs").asInt());
        if (progress.hasNonNull("loss")) {
            line.append(String.format(Locale.ROOT, " loss %.4f", progress.get("loss").asDouble()));
        }
        if (progress.hasNonNull("tokensPerSecond")) {
            line.append(String.format(Locale.ROOT, " %.0f tok/s", progress.get("tokensPerSecond").asDouble()));
        }
        if (progress.hasNonNull("etaSeconds")) {
            long eta = progress.get("etaSeconds").asLong();
            line.append(String.format(Locale.ROOT, " ETA %d:%02d", eta / 60, eta % 60));
        }
        line.append(" (").append("RUNNING".equals(state) ? "fine-tuning" : state).append(')');
        return line.toString();
    }

    static String render(JsonNode job) {
        JsonNode progress = job.path("progress");
        String state = job.path("state").asText();
        int epoch = progress.path("epoch").asInt();
        int epochs = progress.path("epochs").asInt();
        StringBuilder line = new StringBuilder();
        if (progress.hasNonNull("step") && "fine-tuning".equals(progress.path("phase").asText())) {
            return renderSteps(progress, state);
        }
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
