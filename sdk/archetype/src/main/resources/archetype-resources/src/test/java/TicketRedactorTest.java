package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.baihua.sdk.DataRecord;
import org.junit.jupiter.api.Test;

class TicketRedactorTest {

    private final TicketRedactor redactor = new TicketRedactor();

    @Test
    void masksEmailAddressesAndPhoneNumbers() {
        DataRecord record = new DataRecord(1, Map.of("text", "Write to jane.doe@example.com or call +44 20 7946 0958.", "label", "access"));
        DataRecord redacted = redactor.redact(record);
        assertEquals("Write to <email> or call <phone>.", redacted.text("text"));
        assertEquals("access", redacted.text("label"));
    }

    @Test
    void leavesOrderNumbersAlone() {
        DataRecord record = new DataRecord(1, Map.of("text", "Order 7304 arrived damaged"));
        assertEquals("Order 7304 arrived damaged", redactor.redact(record).text("text"));
    }
}
