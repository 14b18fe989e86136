package org.baihua.plugins.medical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
}
