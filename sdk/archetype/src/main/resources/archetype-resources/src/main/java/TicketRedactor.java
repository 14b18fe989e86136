package ${package};

import java.util.regex.Pattern;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.Redactor;
import org.pf4j.Extension;

/**
 * Masks e-mail addresses and phone numbers in the ticket text before the host stores or embeds it,
 * at ingest and again at prediction time. The host runs no redaction of its own for a new domain:
 * whatever must not be stored is this class's job.
 *
 * <p>A redactor sees the record after the ingest mapping, so it reads the task's field names
 * ({@code text}), not the file's column names ({@code message}). It must be deterministic, leave
 * the label alone and be thread-safe (one instance serves every request).
 */
@Extension
public class TicketRedactor implements Redactor {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()-]{7,}\\d");

    @Override
    public boolean appliesTo(String domainId) {
        return TicketDomain.ID.equals(domainId);
    }

    @Override
    public DataRecord redact(DataRecord record) {
        String text = record.text("text");
        if (text == null) {
            return record;
        }
        String masked = PHONE.matcher(EMAIL.matcher(text).replaceAll("<email>")).replaceAll("<phone>");
        return masked.equals(text) ? record : record.with("text", masked);
    }
}
