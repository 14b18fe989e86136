package org.baihua.plugins.medical;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.SampleData;
import org.pf4j.Extension;

/** The data sets shipped with the plugin: two public ones and a synthetic Chinese one (see {@code samples/DATA.md}). */
@Extension
public final class MedicalSamples implements SampleData {

    static final String ABSTRACTS = "medical-abstracts";
    static final String PIMA = "pima-diabetes";
    static final String CHINESE_NOTES = "synthetic-chinese-notes";
    private static final Map<String, String> FILES = Map.of(
            ABSTRACTS, "samples/medical_abstracts_sample.csv",
            PIMA, "samples/pima-indians-diabetes.csv",
            CHINESE_NOTES, "samples/synthetic-chinese-clinical-notes.csv");

    @Override
    public List<Sample> samples() {
        return List.of(
                new Sample(ABSTRACTS, MedicalDomain.ID, MedicalHeads.CONDITION, "csv", AdapterOptions.none(),
                        Map.of("text", "medical_abstract", "label", "condition_label"),
                        Map.of("1", "neoplasms", "2", "digestive system diseases", "3", "nervous system diseases",
                                "4", "cardiovascular diseases", "5", "general pathological conditions"),
                        "Medical Abstracts Text Classification corpus, Schopf, Braun & Matthes (NLPIR 2022), "
                                + "github.com/sebischair/Medical-Abstracts-TC-Corpus; licence CC BY-SA 3.0; a seeded sample of "
                                + "1,888 abstracts of its test split, unmodified"),
                new Sample(PIMA, MedicalDomain.ID, MedicalHeads.DIABETES_RISK, "csv",
                        new AdapterOptions(Map.of("header", "false", "columns",
                                "pregnancies,glucose,blood_pressure,skin_thickness,insulin,bmi,diabetes_pedigree,age,outcome")),
                        Map.of("label", "outcome"),
                        Map.of("0", "negative", "1", "positive"),
                        "Pima Indians Diabetes Database: National Institute of Diabetes and Digestive and Kidney "
                                + "Diseases, donated by Vincent Sigillito (Johns Hopkins University APL), 1990, via the "
                                + "UCI Machine Learning Repository; no licence stated by the mirror; unmodified"),
                new Sample(CHINESE_NOTES, MedicalDomain.ID, MedicalHeads.CONDITION, "csv", AdapterOptions.none(),
                        Map.of("text", "text", "label", "label"), Map.of(),
                        "SYNTHETIC: 250 short Chinese clinical notes in five specialties, written for Baihua from "
                                + "templates (the generator was not kept; this file is the source); no source data set, "
                                + "no real patient, every name, "
                                + "date, phone and ID-card number invented; licence Apache-2.0, with the plugin"));
    }

    @Override
    public InputStream open(String sampleName) throws IOException {
        String file = FILES.get(sampleName);
        if (file == null) {
            throw new IllegalArgumentException("the medical plugin ships no sample '" + sampleName + "'; it ships " + FILES.keySet());
        }
        InputStream in = MedicalSamples.class.getClassLoader().getResourceAsStream(file);
        if (in == null) {
            throw new IOException("sample file '" + file + "' is missing from the medical plugin");
        }
        return in;
    }
}
