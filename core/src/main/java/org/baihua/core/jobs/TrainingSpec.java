package org.baihua.core.jobs;

import java.util.Objects;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.training.TrainingParams;
import org.baihua.sdk.HeadSpec;

/**
 * A request for a new model version.
 *
 * @param name the model name (created with its first version)
 * @param domain the domain id
 * @param task the task id
 * @param dataset the training data set's id
 * @param head a head overriding the plugin's choice, or null
 * @param training training parameters, or null for the defaults
 * @param encoder a text encoder id overriding the host default, or null
 */
public record TrainingSpec(String name, String domain, String task, String dataset, HeadSpec head, TrainingParams training,
                           String encoder) {

    public TrainingSpec {
        require(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new InvalidRequestException("name", "model name '" + name + "' must be 1-64 of [a-z0-9._-], starting with a letter or digit");
        }
        require(domain, "domain");
        require(task, "task");
        require(dataset, "dataset");
        training = training == null ? TrainingParams.defaults() : training;
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "field '" + field + "' is required");
        }
        Objects.requireNonNull(value);
    }
}
