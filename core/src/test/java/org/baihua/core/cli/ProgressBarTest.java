package org.baihua.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void fineTuningShowsStepsTokensPerSecondLossAndEta() throws Exception {
        String line = ProgressBar.render(json.readTree("""
                {"state": "RUNNING", "progress": {"phase": "fine-tuning", "epoch": 1, "epochs": 3, "loss": 0.43125,
                 "step": 15, "steps": 60, "tokensPerSecond": 1830.4, "etaSeconds": 65}}"""));
        assertThat(line).isEqualTo("[########......................] step 15/60 epoch 1/3 loss 0.4313 1830 tok/s ETA 1:05"
                + " (fine-tuning)");
    }

    @Test
    void epochsAsBefore() throws Exception {
        String line = ProgressBar.render(json.readTree("""
                {"state": "RUNNING", "progress": {"phase": "training", "epoch": 12, "epochs": 40, "loss": 0.4312,
                 "validationMetric": 0.881, "step": 60, "steps": 60}}"""));
        assertThat(line).startsWith("[#########.....................] 12/40 loss 0.4312 val 0.8810 (training)");
    }
}
