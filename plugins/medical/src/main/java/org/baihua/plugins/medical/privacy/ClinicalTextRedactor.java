package org.baihua.plugins.medical.privacy;

import java.util.Objects;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.Redactor;
import org.pf4j.Extension;

/**
 * De-identifies medical records before the host stores or embeds them: every text value goes
 * through the {@link PhiScrubber}, and a numeric {@code age} over 89 becomes 90 (Safe Harbor's
 * "90 or older"). Labels are left alone: they are the user's classes, not patient text.
 */
@Extension
public final class ClinicalTextRedactor implements Redactor {

    static final String AGE_FIELD = "age";
    private static final double AGGREGATED_AGE = 90;

    private final PhiScrubber scrubber;

    /** The redactor with the standard Safe Harbor rules (the constructor the host uses). */
    public ClinicalTextRedactor() {
        this(PhiScrubber.safeHarbor());
    }

    /** A redactor with the given scrubber (package-private: the host needs exactly one public constructor). */
    ClinicalTextRedactor(PhiScrubber scrubber) {
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber is null");
    }

    @Override
    public boolean appliesTo(String domainId) {
        return "medical".equals(domainId);
    }

    @Override
    public DataRecord redact(DataRecord record) {
        DataRecord result = record;
        for (var entry : record.values().entrySet()) {
            String name = entry.getKey();
            if (name.equals(DataRecord.LABEL)) {
                continue;
            }
            if (name.equals(AGE_FIELD)) {
                result = result.with(name, cappedAge(entry.getValue()));
            } else if (entry.getValue() instanceof String text) {
                result = result.with(name, scrubber.scrub(text));
            }
        }
        return result;
    }

    /** Ages over 89 aggregate to 90, whether they come as numbers or as text from a CSV file. */
    private Object cappedAge(Object value) {
        if (value instanceof Double age) {
            return age >= AGGREGATED_AGE ? AGGREGATED_AGE : age;
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.trim()) >= AGGREGATED_AGE ? "90" : text;
            } catch (NumberFormatException notANumber) {
                return scrubber.scrub(text);
            }
        }
        return value;
    }
}
