package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.junit.jupiter.api.Test;

/** Unit tests of the plugin's own logic sit beside the conformance test. */
class TicketTextNormaliserTest {

    private final TicketTextNormaliser normaliser = new TicketTextNormaliser();
    private final FittedState state;

    TicketTextNormaliserTest() {
        List<DataRecord> training = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            training.add(DataRecord.of(Map.of("text", "Topic " + i + " here. Sent from my phone.", "channel", "Email")));
        }
        state = normaliser.fit(new TicketDomain().tasks().get(0), training);
    }

    @Test
    void removesSentencesThatRecurInManyTickets() {
        DataRecord clean = normaliser.transform(DataRecord.of(Map.of("text", "Invoice 4711 is wrong.  Sent from my phone.")), state);

        assertEquals("invoice <n> is wrong.", clean.text("text"));
    }

    @Test
    void mapsChannelsNotSeenInTrainingToOther() {
        assertEquals("email", normaliser.transform(DataRecord.of(Map.of("text", "x", "channel", "EMAIL")), state).text("channel"));
        assertEquals("other", normaliser.transform(DataRecord.of(Map.of("text", "x", "channel", "fax")), state).text("channel"));
    }

    @Test
    void refusesARecordWithoutText() {
        assertThrows(IllegalArgumentException.class, () -> normaliser.transform(DataRecord.of(Map.of("channel", "chat")), state));
    }
}
