package org.baihua.core.inference;

import java.util.List;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.plugin.Contribution;
import org.baihua.formats.FieldMapping;
import org.baihua.formats.RecordShaper;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.Redactor;

/**
 * The steps before the features, shared by REST predictions and batch scoring so that both answer
 * alike: the record is shaped onto the task's inputs, redacted by the domain's redactors, then run
 * through the version's frozen preprocessing.
 */
final class Preparation {

    private Preparation() {}

    /**
     * Why a record cannot be scored.
     *
     * @param join how REST glues it to the record's name
     * @param shaping whether shaping refused it (a misnamed field is the likely cause: REST adds a hint)
     */
    record Rejection(String reason, String join, boolean shaping) {}

    /**
     * A prepared record, or why there is none.
     *
     * @param shaped the record mapped onto the task's fields, before redaction and preprocessing: the
     *     words as the caller wrote them, for explanations (null when rejected)
     */
    record Prepared(DataRecord record, Rejection rejection, DataRecord shaped) {

        Prepared(DataRecord record, Rejection rejection) {
            this(record, rejection, null);
        }
    }

    /**
     * @param mapping the mapping the shaper applies: a file to score names the task's fields by its own
     *     columns, so the columns are what must be there
     */
    static Prepared prepare(LoadedVersion v, RecordShaper shaper, FieldMapping mapping, List<Contribution<Redactor>> redactors,
                            DataRecord record) {
        if (v.task.inputs().stream().noneMatch(f -> record.get(mapping.column(f.name())) != null)) {
            return new Prepared(null, new Rejection("has none of the input fields of task '" + v.task.id() + "': "
                    + v.task.inputs().stream().map(FieldSpec::name).toList()
                    + (InputCheck.unknown(v.task, record.values()).isEmpty()
                            ? (record.values().isEmpty() ? "" : "; it has " + record.values().keySet())
                            : InputCheck.missingHint(v.task, record.values())), " ", false));
        }
        RecordShaper.Result shaped = shaper.shapeUnlabelled(record);
        if (shaped.rejection() != null) {
            return new Prepared(null, new Rejection(shaped.rejection(), ": ", true));
        }
        DataRecord clean = shaped.record();
        for (Contribution<Redactor> redactor : redactors) {
            clean = redactor.extension().redact(clean);
        }
        try {
            return new Prepared(v.preprocessing.transform(clean), null, shaped.record());
        } catch (InvalidRequestException e) {
            return new Prepared(null, new Rejection(e.getMessage(), ": ", false));
        }
    }
}
