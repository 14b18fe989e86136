package org.baihua.plugins.medical.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crafted clinical sentences: each names the identifiers that must disappear, the placeholder that
 * must appear and the clinical content that must survive.
 */
class PhiScrubberTest {

    private final PhiScrubber scrubber = PhiScrubber.safeHarbor();

    static Stream<Arguments> sentences() {
        return Stream.of(
                // names after titles
                c("Seen today by Dr. Gregory House for chest pain.", "[NAME]", List.of("Gregory", "House"), List.of("Dr.", "chest pain")),
                c("Mrs. O'Brien-Walsh reports dyspnea on exertion.", "[NAME]", List.of("O'Brien"), List.of("dyspnea on exertion")),
                c("Discussed with Mr J. Smith and his daughter.", "[NAME]", List.of("Smith"), List.of("daughter")),
                c("Prof. Alvarez recommended metformin 500 mg twice daily.", "[NAME]", List.of("Alvarez"), List.of("metformin 500 mg twice daily")),
                c("Ms. Nakamura was started on lisinopril 10 mg.", "[NAME]", List.of("Nakamura"), List.of("lisinopril 10 mg")),
                // names in signatures, labelled lines and before credentials
                c("Electronically signed by Maria Gonzalez on admission.", "[NAME]", List.of("Maria", "Gonzalez"), List.of("Electronically signed by")),
                c("Dictated by: Peter Novak\nTranscribed by KL", "[NAME]", List.of("Novak"), List.of("Dictated by")),
                c("Patient: Doe, Jane\nChief complaint: abdominal pain", "[NAME]", List.of("Doe", "Jane"), List.of("abdominal pain")),
                c("Attending: Samuel Okafor\nHPI: fever for 3 days.", "[NAME]", List.of("Okafor"), List.of("fever for 3 days")),
                c("Note reviewed with Linda Park, RN at bedside.", "[NAME]", List.of("Linda", "Park"), List.of("RN", "bedside")),
                c("Plan per Ahmed Karimi MD: repeat troponin in 6 hours.", "[NAME]", List.of("Karimi"), List.of("repeat troponin in 6 hours")),
                // dates
                c("Admitted on 03/14/2021 with pneumonia.", "[DATE]", List.of("03/14/2021"), List.of("pneumonia")),
                c("Colonoscopy on 2019-11-02 showed a 7 mm polyp.", "[DATE]", List.of("2019-11-02"), List.of("7 mm polyp")),
                c("Echo performed 2020-01-15T08:30:00Z: EF 45%.", "[DATE]", List.of("2020-01-15", "08:30"), List.of("EF 45%")),
                c("Symptoms began on March 3rd, 2022 after travel.", "[DATE]", List.of("March 3rd", "2022"), List.of("after travel")),
                c("Follow-up visit 12 Jan 2023, HbA1c 7.2%.", "[DATE]", List.of("12 Jan 2023"), List.of("HbA1c 7.2%")),
                c("Last seen in December 2020 for hypertension.", "[DATE]", List.of("December 2020"), List.of("hypertension")),
                c("DOB: 1931, widowed, lives alone.", "[DATE]", List.of("1931"), List.of("widowed")),
                c("Surgery 14.05.2018 without complications.", "[DATE]", List.of("14.05.2018"), List.of("without complications")),
                c("Started insulin 06/2017, now on 20 units nightly.", "[DATE]", List.of("06/2017"), List.of("20 units nightly")),
                // phone and fax
                c("Call the clinic at (617) 555-0142 with results.", "[PHONE]", List.of("555-0142", "617"), List.of("with results")),
                c("Fax: 617.555.0199 to cardiology.", "[PHONE]", List.of("555.0199"), List.of("cardiology")),
                c("Daughter's phone number 555 867 5309 ext. 12.", "[PHONE]", List.of("867", "5309"), List.of("Daughter")),
                c("Contact the referring team on +44 20 7946 0958.", "[PHONE]", List.of("7946", "0958"), List.of("referring team")),
                // e-mail, URLs, IP addresses
                c("Results sent to jane.doe+labs@example-hospital.org today.", "[EMAIL]", List.of("jane.doe", "example-hospital"), List.of("Results sent to")),
                c("Patient portal https://portal.example.org/u/84721?id=5 was used.", "[URL]", List.of("portal.example.org", "84721"), List.of("was used")),
                c("See www.mychart-example.com.", "[URL]", List.of("mychart-example"), List.of("See ")),
                c("Remote monitoring from 192.168.10.24 logged tachycardia.", "[IP]", List.of("192.168.10.24"), List.of("tachycardia")),
                c("Device at fe80::1ff:fe23:4567:890a sent an alert.", "[IP]", List.of("fe80", "890a"), List.of("sent an alert")),
                // record, social security, account and other numbers
                c("MRN: 00482913, bed 4B.", "[ID]", List.of("00482913"), List.of("MRN", "bed 4B")),
                c("SSN 123-45-6789 on file.", "[ID]", List.of("123-45-6789"), List.of("on file")),
                c("Account number: AC-99812-7 billed to Medicare.", "[ID]", List.of("99812"), List.of("billed to Medicare")),
                c("Medical record no. 7781234 reviewed.", "[ID]", List.of("7781234"), List.of("reviewed")),
                c("Insurance ID: XK4471923 verified.", "[ID]", List.of("XK4471923"), List.of("verified")),
                c("Pacemaker serial number PM88213 interrogated.", "[ID]", List.of("PM88213"), List.of("Pacemaker", "interrogated")),
                c("Reference 90210377 attached to the chart.", "[ID]", List.of("90210377"), List.of("attached to the chart")),
                // addresses and ZIP codes
                c("Lives at 42 Maple Grove Avenue, Apt 3 with her son.", "[ADDRESS]", List.of("Maple", "Grove", "Apt 3"), List.of("with her son")),
                c("Mail to PO Box 1187, Springfield, IL 62704.", "[ZIP]", List.of("1187", "Springfield", "62704"), List.of("Mail to", "IL")),
                c("Home in Boston, MA 02115-3478 near the hospital.", "[ADDRESS]", List.of("Boston", "02115"), List.of("near the hospital")),
                c("Zip code: 30301 recorded at registration.", "[ZIP]", List.of("30301"), List.of("recorded at registration")),
                // ages over 89
                c("A 93-year-old woman with atrial fibrillation.", "90+", List.of("93"), List.of("atrial fibrillation", "year-old")),
                c("Pt is 101 y/o, on warfarin 5 mg.", "90+", List.of("101"), List.of("warfarin 5 mg")),
                c("Widower aged 97 admitted with sepsis.", "90+", List.of("97"), List.of("sepsis")),
                c("He is 92 years of age and ambulatory.", "90+", List.of("92"), List.of("ambulatory")));
    }

    private static Arguments c(String input, String placeholder, List<String> removed, List<String> kept) {
        return Arguments.of(input, placeholder, removed, kept);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("sentences")
    void removesTheIdentifierAndKeepsTheClinicalContent(String input, String placeholder, List<String> removed, List<String> kept) {
        String scrubbed = scrubber.scrub(input);

        assertThat(scrubbed).contains(placeholder);
        for (String identifier : removed) {
            assertThat(scrubbed).as("'%s' must be removed from: %s", identifier, scrubbed).doesNotContain(identifier);
        }
        for (String content : kept) {
            assertThat(scrubbed).as("'%s' must be kept in: %s", content, scrubbed).contains(content);
        }
    }

    static Stream<String> clinicalSentences() {
        return Stream.of(
                "A 45-year-old man with type 2 diabetes, BMI 31.2 kg/m2, glucose 182 mg/dL.",
                "BP 142/91 mmHg, HR 88, SpO2 96% on room air, temperature 37.8 C.",
                "Pain 7/10, GCS 15/15, started 1/2 tablet of 25 mg metoprolol.",
                "Diagnosed with MS in 2004; MR of the mitral valve is moderate.",
                "The 5-year survival was 62% (P less than 0.001, n = 248).",
                "She may need a follow-up in 3 months; march on with physiotherapy.",
                "Aged 89, she remains independent; her mother died at 80 years of age.",
                "Troponin 0.04 ng/mL at 08:30 and 0.12 ng/mL at 14:30.",
                "Dilution 1:1000 of epinephrine, 10,000 units of heparin, ratio 2.5.",
                "Creatinine 1.8 mg/dL, eGFR 38 mL/min/1.73 m2, potassium 5.1 mmol/L.");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("clinicalSentences")
    void leavesTextWithoutIdentifiersUnchanged(String sentence) {
        assertThat(scrubber.scrub(sentence)).isEqualTo(sentence);
    }

    @Test
    void scrubsEveryIdentifierOfAWholeNote() {
        String note = """
                Patient: Whitfield, Eleanor
                DOB: 02/11/1929  MRN: 55120987
                Address: 17 Harbor View Road, Salem, MA 01970. Phone (978) 555-0114, e-mail ewhit@example.net
                HPI: 95 yo woman admitted 4 May 2024 with CHF exacerbation; weight up 3 kg, BNP 1450 pg/mL.
                Plan: furosemide 40 mg IV BID, daily weights.
                Electronically signed by Rahul Mehta, MD
                """;

        String scrubbed = scrubber.scrub(note);

        assertThat(scrubbed).doesNotContain("Whitfield", "Eleanor", "1929", "55120987", "Harbor", "Salem", "01970",
                "555-0114", "ewhit", "95 yo", "4 May", "Rahul", "Mehta");
        assertThat(scrubbed).contains("CHF exacerbation", "BNP 1450 pg/mL", "furosemide 40 mg IV BID", "daily weights",
                "90+ yo", "MD");
    }

    @Test
    void isDeterministicAndIdempotent() {
        String note = "Dr. Chen saw the 91-year-old on 01/02/2023, call 555-201-7788.";

        String once = scrubber.scrub(note);

        assertThat(scrubber.scrub(note)).isEqualTo(once);
        assertThat(scrubber.scrub(once)).isEqualTo(once);
    }

    @Test
    void keepsNullAndEmptyText() {
        assertThat(scrubber.scrub(null)).isNull();
        assertThat(scrubber.scrub("")).isEmpty();
    }
}
