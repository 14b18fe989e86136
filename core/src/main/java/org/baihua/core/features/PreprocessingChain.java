package org.baihua.core.features;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.plugin.Contribution;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.TaskSpec;

/**
 * The domain's preprocessors for one task, in plugin order, each fitted on the output of the one
 * before. Training fits it; the fitted steps are stored with the model version and restored for
 * serving, so both apply exactly the same transformation.
 */
public final class PreprocessingChain {

    /**
     * One fitted preprocessor as stored.
     *
     * @param pluginId the contributing plugin
     * @param extension the preprocessor's class name
     * @param state what it fitted
     */
    public record Step(String pluginId, String extension, Map<String, Object> state) {

        public Step {
            Objects.requireNonNull(pluginId, "pluginId is null");
            Objects.requireNonNull(extension, "extension is null");
            state = state == null ? Map.of() : state;
        }
    }

    private record Bound(Preprocessor preprocessor, Step step, FittedState state) {}

    private final List<Bound> bound;

    private PreprocessingChain(List<Bound> bound) {
        this.bound = List.copyOf(bound);
    }

    /** Fits every preprocessor on {@code training} (each on the previous one's output). */
    public static PreprocessingChain fit(TaskSpec task, List<Contribution<Preprocessor>> preprocessors, List<DataRecord> training) {
        List<Bound> bound = new ArrayList<>();
        List<DataRecord> current = training;
        for (Contribution<Preprocessor> c : preprocessors) {
            String name = c.extension().getClass().getName();
            FittedState state;
            try {
                state = c.extension().fit(task, current);
            } catch (RuntimeException e) {
                throw new InvalidRequestException("dataset", "Preprocessor " + name + " of plugin '" + c.pluginId()
                        + "' could not be fitted: " + e.getMessage());
            }
            Bound b = new Bound(c.extension(), new Step(c.pluginId(), name, state.values()), state);
            bound.add(b);
            // a view, not a copy: the training rows may be streamed from disk, and are never all in memory
            current = new Transformed(current, record -> apply(b, record));
        }
        return new PreprocessingChain(bound);
    }

    /**
     * {@code records} through every step, transformed as they are read: nothing is copied, so a list
     * streamed from disk stays streamed (and each pass over the view transforms again).
     */
    public List<DataRecord> view(List<DataRecord> records) {
        return bound.isEmpty() ? records : new Transformed(records, this::transform);
    }

    /** A list whose elements are those of {@code source} transformed on access. */
    private static final class Transformed extends AbstractList<DataRecord> {
        private final List<DataRecord> source;
        private final UnaryOperator<DataRecord> transform;

        Transformed(List<DataRecord> source, UnaryOperator<DataRecord> transform) {
            this.source = source;
            this.transform = transform;
        }

        @Override
        public DataRecord get(int index) {
            return transform.apply(source.get(index));
        }

        @Override
        public int size() {
            return source.size();
        }

        @Override
        public Iterator<DataRecord> iterator() {
            Iterator<DataRecord> records = source.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public DataRecord next() {
                    return transform.apply(records.next());
                }
            };
        }
    }

    /**
     * Binds stored steps to the preprocessors the plugins offer now.
     *
     * @throws BaihuaException UNAVAILABLE when a stored preprocessor is no longer offered
     */
    public static PreprocessingChain restore(List<Step> steps, List<Contribution<Preprocessor>> available, String owner) {
        List<Bound> bound = new ArrayList<>();
        for (Step step : steps) {
            Preprocessor match = available.stream()
                    .filter(c -> c.pluginId().equals(step.pluginId()) && c.extension().getClass().getName().equals(step.extension()))
                    .map(Contribution::extension).findFirst()
                    .orElseThrow(() -> new BaihuaException(Kind.UNAVAILABLE, owner + " needs preprocessor " + step.extension()
                            + " of plugin '" + step.pluginId() + "', which is not started"));
            bound.add(new Bound(match, step, new FittedState(step.state())));
        }
        return new PreprocessingChain(bound);
    }

    /** The fitted steps, to store. */
    public List<Step> steps() {
        return bound.stream().map(Bound::step).toList();
    }

    /**
     * Transforms one record through every step.
     *
     * @throws InvalidRequestException naming the line and the preprocessor when a step refuses the record
     */
    public DataRecord transform(DataRecord record) {
        DataRecord current = record;
        for (Bound b : bound) {
            current = apply(b, current);
        }
        return current;
    }

    /** Transforms every record. */
    public List<DataRecord> transform(List<DataRecord> records) {
        List<DataRecord> out = new ArrayList<>(records.size());
        for (DataRecord record : records) {
            out.add(transform(record));
        }
        return out;
    }

    private static DataRecord apply(Bound b, DataRecord record) {
        try {
            return b.preprocessor().transform(record, b.state());
        } catch (RuntimeException e) {
            throw new InvalidRequestException("records", "line " + record.line() + ": preprocessor "
                    + b.step().extension() + " refused the record: " + e.getMessage());
        }
    }
}
