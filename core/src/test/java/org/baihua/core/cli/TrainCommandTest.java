package org.baihua.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.baihua.core.BaihuaException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code training.encoder} object {@code baihua train} sends for its encoder options. */
class TrainCommandTest {

    private static Map<String, Object> encoder(String... options) {
        List<String> args = new ArrayList<>(List.of("--name", "m", "--domain", "d", "--task", "t", "--dataset", "ds"));
        args.addAll(List.of(options));
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.encoderTuning();
    }

    @Test
    void encoderModeAsksForEachModeAndFineTuneStillWorks() {
        assertThat(encoder()).as("the plugin's choice, else frozen").isNull();
        assertThat(encoder("--encoder-mode", "frozen")).isEqualTo(Map.of("mode", "frozen"));
        assertThat(encoder("--fine-tune")).isEqualTo(Map.of("mode", "fine-tune"));
        assertThat(encoder("--encoder-mode", "fine-tune", "--fine-tune-layers", "all", "--fine-tune-epochs", "2"))
                .isEqualTo(Map.of("mode", "fine-tune", "layers", "all", "epochs", 2));
        assertThat(encoder("--fine-tune", "--encoder-mode", "Fine-Tune")).isEqualTo(Map.of("mode", "fine-tune"));
        assertThat(encoder("--encoder-mode", "contrastive")).isEqualTo(Map.of("mode", "contrastive"));
        assertThat(encoder("--encoder-mode", "contrastive", "--fine-tune-layers", "2", "--fine-tune-lr", "1e-5"))
                .isEqualTo(Map.of("mode", "contrastive", "layers", 2, "learningRate", 1e-5));
    }

    @Test
    void contradictoryOrUnknownModesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> encoder("--encoder-mode", "thaw")).isInstanceOf(BaihuaException.class)
                .hasMessage("--encoder-mode must be frozen, fine-tune or contrastive, was 'thaw'");
        assertThatThrownBy(() -> encoder("--fine-tune", "--encoder-mode", "contrastive")).isInstanceOf(BaihuaException.class)
                .hasMessageContaining("--fine-tune asks for --encoder-mode fine-tune, but --encoder-mode is contrastive");
        assertThatThrownBy(() -> encoder("--encoder-mode", "frozen", "--fine-tune-layers", "2"))
                .isInstanceOf(BaihuaException.class).hasMessageContaining("apply with --fine-tune");
        assertThatThrownBy(() -> encoder("--fine-tune", "--fine-tune-layers", "top")).isInstanceOf(BaihuaException.class)
                .hasMessageContaining("--fine-tune-layers must be 'all' or a whole number");
    }
}
