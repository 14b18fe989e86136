package org.baihua.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.InvalidRequestException;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

/** Predict records are checked strictly against their task: JSON types refused by field, unknown fields named. */
class InputCheckTest {

    private static final TaskSpec CLAUSES = new TaskSpec("clause-type", "the type of a contract clause", TaskKind.MULTICLASS,
            List.of("liability", "termination", "payment"),
            List.of(FieldSpec.text("clause", "the clause"), FieldSpec.numeric("pages", "pages of the contract"),
                    FieldSpec.categorical("contract_type", "kind of contract")),
            HeadSpec.linear(), Metric.MACRO_F1, null);

    private static Map<String, Object> record(Object... pairs) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            record.put((String) pairs[i], pairs[i + 1]);
        }
        return record;
    }

    @Test
    void aNumberForATextFieldIsRefusedNamingFieldExpectedTypeAndValue() {
        assertThatThrownBy(() -> InputCheck.types(CLAUSES, record("clause", 42), 3))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("records[3].clause"))
                .hasMessageContaining("records[3].clause must be a JSON string for TEXT field 'clause', was the number 42");
    }

    @Test
    void wrongJsonTypesAreRefusedForEveryKindOfField() {
        assertThatThrownBy(() -> InputCheck.types(CLAUSES, record("clause", "ok", "pages", true), 0))
                .hasMessageContaining("records[0].pages must be a JSON number").hasMessageContaining("NUMERIC")
                .hasMessageContaining("was the boolean true");
        assertThatThrownBy(() -> InputCheck.types(CLAUSES, record("clause", List.of("a", "b")), 0))
                .hasMessageContaining("was an array [a, b]");
        assertThatThrownBy(() -> InputCheck.types(CLAUSES, record("clause", "ok", "contract_type", Map.of("k", "v")), 1))
                .hasMessageContaining("records[1].contract_type").hasMessageContaining("CATEGORICAL").hasMessageContaining("was an object {k=v}");
    }

    @Test
    void valuesOfTheRightTypeAndMissingOptionalFieldsPass() {
        InputCheck.types(CLAUSES, record("clause", "The supplier is liable.", "pages", 12, "contract_type", "nda"), 0);
        InputCheck.types(CLAUSES, record("clause", "x", "pages", "7.5"), 0);
        InputCheck.types(CLAUSES, record("clause", "x", "contract_type", 3), 0);
        InputCheck.types(CLAUSES, record("clause", "x", "pages", null), 0);
    }

    @Test
    void unknownFieldsAreNamedOncePerFieldWithACountAndASuggestion() {
        List<String> warnings = InputCheck.warnings(CLAUSES, List.of(
                record("clause", "a", "contract_typ", "nda", "label", "liability"),
                record("clause", "b", "contract_typ", "msa", "id", 7),
                record("clause", "c")));
        assertThat(warnings).containsExactly(
                "field 'contract_typ' (records[0] and 1 more) is not an input of task 'clause-type' [clause, pages, contract_type]"
                        + " and was not used as one; did you mean 'contract_type'?",
                "field 'id' (records[1]) is not an input of task 'clause-type' [clause, pages, contract_type] and was not used as one");
        assertThat(InputCheck.warnings(CLAUSES, List.of(record("clause", "a", "label", "liability")))).isEmpty();
    }

    @Test
    void aMissingFieldNamesTheUnknownOnesTheRecordHas() {
        assertThat(InputCheck.missingHint(CLAUSES, record("text", "The supplier is liable."))).isEqualTo(
                "; the record has field [text], which task 'clause-type' does not have");
        assertThat(InputCheck.missingHint(CLAUSES, record("clauses", "x"))).endsWith("did you mean 'clause'?");
        assertThat(InputCheck.missingHint(CLAUSES, record("clause", "x"))).isEmpty();
    }
}
