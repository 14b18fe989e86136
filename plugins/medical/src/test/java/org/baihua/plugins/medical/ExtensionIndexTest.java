package org.baihua.plugins.medical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host finds extensions through the index PF4J's annotation processor writes; every one must be in it. */
class ExtensionIndexTest {

    @Test
    void listsEveryExtensionOfThePlugin() throws IOException {
        String index;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/extensions.idx")) {
            assertThat(in).isNotNull();
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(index).contains(
                "org.baihua.plugins.medical.MedicalDomain",
                "org.baihua.plugins.medical.MedicalHeads",
                "org.baihua.plugins.medical.MedicalSamples",
                "org.baihua.plugins.medical.fhir.FhirBundleAdapter",
                "org.baihua.plugins.medical.privacy.ClinicalTextRedactor",
                "org.baihua.plugins.medical.preprocess.ClinicalTextPreprocessor",
                "org.baihua.plugins.medical.preprocess.DiabetesRiskPreprocessor");
    }

    /**
     * The host creates extensions through their one public constructor and refuses a class with
     * several; one such class made every medical ingest fail, so check them all.
     */
    @Test
    void everyExtensionHasExactlyOnePublicConstructor() throws Exception {
        String index;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/extensions.idx")) {
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> classes = index.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(classes).hasSizeGreaterThanOrEqualTo(7);
        for (String name : classes) {
            assertThat(Class.forName(name).getConstructors()).as(name).hasSize(1);
        }
    }
}
