package org.baihua.core.registry;

/**
 * How far a running job has come, persisted so that it survives the process and other hosts see it.
 *
 * @param phase what the job is doing, for example {@code embedding} or {@code training}
 * @param epoch epochs completed, 0 before the first
 * @param epochs epochs planned, 0 when not known yet
 * @param loss the latest training loss, or null
 * @param validationMetric the latest value of the task's primary metric on the validation split, or null
 * @param step optimisation steps done, when the phase counts steps (encoder fine-tuning), else null
 * @param steps steps planned (early stopping may end sooner), or null
 * @param tokensPerSecond training tokens per second so far, or null
 * @param etaSeconds estimated seconds to the last step, or null
 */
public record JobProgress(String phase, int epoch, int epochs, Double loss, Double validationMetric, Long step, Long steps,
                          Double tokensPerSecond, Long etaSeconds) {

    /** Progress counted in epochs only. */
    public JobProgress(String phase, int epoch, int epochs, Double loss, Double validationMetric) {
        this(phase, epoch, epochs, loss, validationMetric, null, null, null, null);
    }

    public JobProgress {
        if (phase == null || phase.isBlank()) {
            throw new IllegalArgumentException("progress phase is blank");
        }
        if (epoch < 0 || epochs < 0 || (epochs > 0 && epoch > epochs)) {
            throw new IllegalArgumentException("progress epoch " + epoch + " of " + epochs + " is out of range");
        }
        if (step != null && (step < 0 || (steps != null && steps > 0 && step > steps))) {
            throw new IllegalArgumentException("progress step " + step + " of " + steps + " is out of range");
        }
    }

    /** Progress of a job that has not started. */
    public static JobProgress queued() {
        return new JobProgress("queued", 0, 0, null, null);
    }
}
