package org.baihua.core.training;

/** Training could not produce a usable head, for example because the loss diverged to NaN. */
public class TrainingFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingFailedException(String message) {
        super(message);
    }
}
