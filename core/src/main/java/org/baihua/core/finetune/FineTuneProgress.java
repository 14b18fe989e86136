package org.baihua.core.finetune;

/**
 * One step of a fine-tuning run.
 *
 * @param epoch the current epoch, 1-based
 * @param step steps done
 * @param totalSteps steps of all epochs (early stopping may end sooner)
 * @param tokens real (unpadded) tokens trained on so far
 * @param tokensPerSecond tokens per second so far
 * @param loss the mean training loss of the epoch so far
 * @param elapsedMillis time since the run started (the cache of frozen layers included)
 * @param etaMillis estimated time to the last step
 */
public record FineTuneProgress(int epoch, long step, long totalSteps, long tokens, double tokensPerSecond, double loss,
                               long elapsedMillis, long etaMillis) {

    /** Receives step events on the training thread; keep it quick. */
    @FunctionalInterface
    public interface Listener {
        /** Ignores every event. */
        Listener NONE = p -> { };

        /** Called after every step. */
        void onStep(FineTuneProgress progress);
    }
}
