package org.baihua.plugins.medical.preprocess;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the clinical shorthand of notes ({@code hx of HTN, s/p CABG}) into words, because the
 * shared text encoder was trained on general text and knows "hypertension" far better than "HTN".
 * Only abbreviations with one dominant clinical meaning are expanded: MS (multiple sclerosis or
 * mitral stenosis), PE, CP or PT are left as written.
 */
final class ClinicalAbbreviations {

    private final Map<Pattern, String> expansions = new LinkedHashMap<>();

    ClinicalAbbreviations() {
        // Acronyms: upper case only, so ordinary words are never touched.
        acronym("T2DM|DM2|NIDDM", "type 2 diabetes mellitus");
        acronym("T1DM|IDDM", "type 1 diabetes mellitus");
        acronym("DM", "diabetes mellitus");
        acronym("HTN", "hypertension");
        acronym("HLD", "hyperlipidemia");
        acronym("CHF", "congestive heart failure");
        acronym("CAD", "coronary artery disease");
        acronym("COPD", "chronic obstructive pulmonary disease");
        acronym("CKD", "chronic kidney disease");
        acronym("ESRD", "end-stage renal disease");
        acronym("GERD", "gastroesophageal reflux disease");
        acronym("CVA", "cerebrovascular accident");
        acronym("TIA", "transient ischemic attack");
        acronym("DVT", "deep vein thrombosis");
        acronym("AFib|A-fib|AFIB", "atrial fibrillation");
        acronym("NSTEMI", "non-ST-elevation myocardial infarction");
        acronym("STEMI", "ST-elevation myocardial infarction");
        acronym("MI", "myocardial infarction");
        acronym("CABG", "coronary artery bypass graft");
        acronym("SOB", "shortness of breath");
        acronym("DOE", "dyspnea on exertion");
        acronym("BPH", "benign prostatic hyperplasia");
        acronym("UTI", "urinary tract infection");
        acronym("URI", "upper respiratory infection");
        acronym("OSA", "obstructive sleep apnea");
        acronym("PVD", "peripheral vascular disease");
        acronym("BRBPR", "bright red blood per rectum");
        // Shorthand: lower or title case.
        shorthand("(?i:h/o)", "history of");
        shorthand("(?i:s/p)", "status post");
        shorthand("(?i:c/o)", "complains of");
        shorthand("(?i:r/o)", "rule out");
        shorthand("(?i:w/o)", "without");
        shorthand("(?i:b/l)", "bilateral");
        shorthand("(?i:n/v)", "nausea and vomiting");
        shorthand("(?i:y/o)", "year-old");
        shorthand("[Hh]x", "history");
        shorthand("[Dd]x", "diagnosis");
        shorthand("[Tt]x", "treatment");
        shorthand("[Ss]x", "symptoms");
        shorthand("[Ff]x", "fracture");
        shorthand("[Pp]ts", "patients");
        shorthand("[Pp]t", "patient");
        shorthand("[Aa]bd", "abdominal");
        // "w/" last, after "w/o".
        expansions.put(Pattern.compile("(?<![\\w/])(?i:w/)(?=\\s|\\w)"), "with ");
    }

    private void acronym(String alternatives, String expansion) {
        expansions.put(Pattern.compile("(?<![\\w-])(?:" + alternatives + ")(?![\\w-])"), expansion);
    }

    private void shorthand(String alternatives, String expansion) {
        expansions.put(Pattern.compile("(?<![\\w/])(?:" + alternatives + ")(?![\\w/])(?:\\.(?=\\s+[a-z]))?"), expansion);
    }

    /** The text with every known abbreviation written out. */
    String expand(String text) {
        String result = text;
        for (Map.Entry<Pattern, String> entry : expansions.entrySet()) {
            result = entry.getKey().matcher(result).replaceAll(Matcher.quoteReplacement(entry.getValue()));
        }
        return result;
    }
}
