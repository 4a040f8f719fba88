package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.core.records.SensitiveCategory.MENTAL_HEALTH;
import static org.healthwallet.core.records.SensitiveCategory.SEXUAL_AND_REPRODUCTIVE_HEALTH;
import static org.healthwallet.core.records.SensitiveCategory.SUBSTANCE_USE;
import static org.healthwallet.core.records.SensitiveCategory.VIOLENCE_AND_ABUSE;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sensitive categories of hand-made resources: one rule at a time (labels, codes, words). */
class SensitiveCategoriesTest {
    private static final String SCT = "http://snomed.info/sct";
    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String LOINC = "http://loinc.org";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private static Set<SensitiveCategory> of(String type, String body) {
        return SensitiveCategories.of(new FhirResource(type, "x", null,
                "{\"resourceType\":\"" + type + "\",\"id\":\"x\"" + (body.isEmpty() ? "" : "," + body) + "}"));
    }

    private static String concept(String system, String code, String display) {
        return "{\"coding\":[{\"system\":\"" + system + "\",\"code\":\"" + code + "\",\"display\":\"" + display + "\"}]}";
    }

    private static String text(String words) {
        return "{\"text\":\"" + words + "\"}";
    }

    private static Set<SensitiveCategory> condition(String codeConcept) {
        return of("Condition", "\"code\":" + codeConcept);
    }

    private static String label(String code) {
        return "\"meta\":{\"security\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\""
                + code + "\"}]}";
    }

    @Test
    void securityLabelsOfTheSourceDecideOnAnyResourceType() {
        assertThat(of("Observation", label("PSY"))).containsExactly(MENTAL_HEALTH);
        assertThat(of("Observation", label("PSYTHPN"))).containsExactly(MENTAL_HEALTH);
        assertThat(of("Condition", label("ETH"))).containsExactly(SUBSTANCE_USE);
        assertThat(of("Condition", label("SUD"))).containsExactly(SUBSTANCE_USE);
        assertThat(of("DocumentReference", label("SDV"))).containsExactly(VIOLENCE_AND_ABUSE);
        assertThat(of("Encounter", label("SEX"))).containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        assertThat(of("Observation", label("HIV"))).containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        // Even an immunization, when its source labelled it so.
        assertThat(of("Immunization", label("STD"))).containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        // Confidentiality "R" and labels of other systems say nothing about a category.
        assertThat(of("Condition", "\"meta\":{\"security\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/v3-Confidentiality\",\"code\":\"R\"}]}")).isEmpty();
        assertThat(of("Condition", "\"meta\":{\"security\":[{\"system\":\"http://example.org\",\"code\":\"PSY\"}]}"))
                .isEmpty();
    }

    @Test
    void mentalHealthByIcd10SnomedLoincAndRxNorm() {
        assertThat(condition(concept(ICD, "F32.9", "Major depressive disorder, single episode"))).containsExactly(MENTAL_HEALTH);
        assertThat(condition(concept(ICD, "F41.1", "Generalized anxiety disorder"))).containsExactly(MENTAL_HEALTH);
        assertThat(condition(concept(ICD, "R45.851", "Suicidal ideations"))).containsExactly(MENTAL_HEALTH);
        assertThat(condition(concept(SCT, "370143000", "Major depressive disorder"))).containsExactly(MENTAL_HEALTH);
        assertThat(condition(concept(SCT, "47505003", "Posttraumatic stress disorder"))).containsExactly(MENTAL_HEALTH);
        assertThat(of("Observation", "\"code\":" + concept(LOINC, "44261-6", "PHQ-9 total score")
                + ",\"valueQuantity\":{\"value\":4}")).containsExactly(MENTAL_HEALTH);
        assertThat(of("Procedure", "\"code\":" + concept(SCT, "171207006", "Depression screening (procedure)")))
                .containsExactly(MENTAL_HEALTH);
        assertThat(of("MedicationRequest", "\"medicationCodeableConcept\":"
                + concept(RXNORM, "1091392", "Methylphenidate Hydrochloride 20 MG Oral Tablet")))
                .containsExactly(MENTAL_HEALTH);
        // An encounter is as sensitive as its reasons.
        assertThat(of("Encounter", "\"type\":[" + concept(SCT, "185347001", "Encounter for problem") + "],"
                + "\"reasonCode\":[" + concept(SCT, "192127007", "Child attention deficit disorder") + "]"))
                .containsExactly(MENTAL_HEALTH);
    }

    @Test
    void substanceUseButNotTobacco() {
        assertThat(condition(concept(ICD, "F10.20", "Alcohol dependence, uncomplicated"))).containsExactly(SUBSTANCE_USE);
        assertThat(condition(concept(ICD, "F11.20", "Opioid dependence"))).containsExactly(SUBSTANCE_USE);
        assertThat(condition(concept(SCT, "361055000", "Misuses drugs (finding)"))).containsExactly(SUBSTANCE_USE);
        assertThat(of("Observation", "\"code\":" + concept(LOINC, "82667-7", "Total score [DAST-10]")))
                .containsExactly(SUBSTANCE_USE);
        assertThat(of("DiagnosticReport", "\"code\":" + concept(LOINC, "72109-2", "AUDIT-C")))
                .containsExactly(SUBSTANCE_USE);
        assertThat(condition(concept(ICD, "F17.210", "Nicotine dependence, cigarettes"))).isEmpty();
        assertThat(of("Observation", "\"code\":" + concept(LOINC, "72166-2", "Tobacco smoking status")
                + ",\"valueCodeableConcept\":" + concept(SCT, "449868002", "Smokes tobacco daily"))).isEmpty();
        // "Drug abuse" is substance use, not violence.
        assertThat(of("Procedure", "\"code\":" + text("Screening for drug abuse"))).containsExactly(SUBSTANCE_USE);
    }

    @Test
    void violenceAndAbuse() {
        assertThat(condition(concept(SCT, "706893006", "Victim of intimate partner abuse (finding)")))
                .containsExactly(VIOLENCE_AND_ABUSE);
        assertThat(condition(concept(ICD, "T74.11XA", "Adult physical abuse, confirmed"))).containsExactly(VIOLENCE_AND_ABUSE);
        assertThat(condition(concept(ICD, "T76.02XA", "Child neglect, suspected"))).containsExactly(VIOLENCE_AND_ABUSE);
        assertThat(condition(concept(ICD, "Y07.03", "Male spouse, perpetrator"))).containsExactly(VIOLENCE_AND_ABUSE);
        assertThat(condition(concept(ICD, "Z69.11", "Encounter for mental health services for victim of spousal abuse")))
                .containsExactly(VIOLENCE_AND_ABUSE);
        assertThat(of("Observation", "\"code\":" + concept(LOINC, "76504-0", "Total score [HARK]")))
                .containsExactly(VIOLENCE_AND_ABUSE);
        assertThat(of("Procedure", "\"code\":" + concept(SCT, "866148006", "Screening for domestic abuse (procedure)")))
                .containsExactly(VIOLENCE_AND_ABUSE);
    }

    @Test
    void sexualAndReproductiveHealth() {
        assertThat(condition(concept(ICD, "O80", "Encounter for full-term uncomplicated delivery")))
                .containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        assertThat(condition(concept(ICD, "O9A.211", "Injury complicating pregnancy"))).containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        assertThat(condition(concept(ICD, "Z30.011", "Initial prescription of contraceptive pills")))
                .containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        assertThat(condition(concept(ICD, "A54.9", "Gonococcal infection"))).containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        assertThat(condition(concept(ICD, "B20", "HIV disease"))).containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        assertThat(condition(concept(SCT, "72892002", "Normal pregnancy"))).containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        assertThat(of("MedicationRequest", "\"medicationCodeableConcept\":" + concept(RXNORM, "748856", "Yaz 28 Day Pack")))
                .containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        assertThat(of("Procedure", "\"code\":" + concept(SCT, "169553002", "Insertion of subcutaneous contraceptive")))
                .containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        // The first ICD-10 rule that matches decides: alcohol use in pregnancy is substance use.
        assertThat(condition(concept(ICD, "O99.310", "Alcohol use complicating pregnancy, unspecified trimester")))
                .containsExactly(SUBSTANCE_USE);
    }

    @Test
    void wordsDecideOnlyWhereCodesDidNot() {
        assertThat(condition(text("Postpartum depression"))).containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH, MENTAL_HEALTH);
        assertThat(condition(text("Domestic violence"))).containsExactly(VIOLENCE_AND_ABUSE);
        assertThat(of("MedicationStatement", "\"medicationCodeableConcept\":" + text("Sertraline 50 mg tablet")))
                .containsExactly(MENTAL_HEALTH);
        assertThat(of("MedicationStatement", "\"medicationCodeableConcept\":"
                + concept(RXNORM, "1111011", "Nexplanon 68 MG Drug Implant"))).containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        // A code of a system the tables do not cover leaves the words to decide.
        assertThat(condition(concept("http://example.org/local", "77", "Anxiety disorder"))).containsExactly(MENTAL_HEALTH);
        // ICD-10's ranges are a complete rule: a depressed skull fracture is not depression.
        assertThat(condition(concept(ICD, "S02.0XXA", "Depressed fracture of vault of skull, depression"))).isEmpty();
        // Narrow words: respiratory depression and "counseling about alcohol consumption" are not caught.
        assertThat(condition(text("Respiratory depression"))).isEmpty();
        assertThat(of("CarePlan", "\"category\":[" + concept(SCT, "443402002", "Lifestyle education regarding hypertension")
                + "],\"activity\":[{\"detail\":{\"code\":" + concept(SCT, "413473000", "Counseling about alcohol consumption")
                + "}}]")).isEmpty();
    }

    @Test
    void immunizationsAllergiesAndVitalSignsAreNotSensitive() {
        assertThat(of("Immunization", "\"vaccineCode\":" + concept("http://hl7.org/fhir/sid/cvx", "165", "HPV9")))
                .isEmpty();
        assertThat(of("Immunization", "\"vaccineCode\":" + text("Human papillomavirus vaccine"))).isEmpty();
        assertThat(of("Immunization", "\"vaccineCode\":" + concept("http://hl7.org/fhir/sid/cvx", "08",
                "Hep B, adolescent or pediatric"))).isEmpty();
        assertThat(of("AllergyIntolerance", "\"code\":" + concept(SCT, "91930004", "Allergy to eggs"))).isEmpty();
        assertThat(of("Observation", "\"code\":" + concept(LOINC, "85354-9", "Blood pressure panel")
                + ",\"component\":[{\"code\":" + concept(LOINC, "8480-6", "Systolic Blood Pressure")
                + ",\"valueQuantity\":{\"value\":120}}]")).isEmpty();
        assertThat(of("Patient", "\"name\":[{\"family\":\"Abuse\"}]")).isEmpty();
    }

    @Test
    void aSurveyQuestionCountsOnlyWhenAnsweredYes() {
        String afraid = concept(LOINC, "76501-6", "Within the last year, have you been afraid of your partner or ex-partner?");
        String prapare = "\"code\":" + concept(LOINC, "93025-5", "PRAPARE") + ",\"component\":[{\"code\":" + afraid
                + ",\"valueCodeableConcept\":" + concept(LOINC, "%s", "answer") + "}]";
        assertThat(of("Observation", prapare.formatted("LA33-6"))).containsExactly(VIOLENCE_AND_ABUSE);
        assertThat(of("Observation", prapare.formatted("LA32-8"))).isEmpty();
    }

    @Test
    void questionnaireResponsesByTheirInstrumentAndAnswers() {
        assertThat(of("QuestionnaireResponse", "\"questionnaire\":\"http://loinc.org/q/44249-1\"")).containsExactly(MENTAL_HEALTH);
        assertThat(of("QuestionnaireResponse", "\"questionnaire\":\"http://example.org/Questionnaire/GAD-7\""))
                .containsExactly(MENTAL_HEALTH);
        assertThat(of("QuestionnaireResponse", "\"questionnaire\":\"http://example.org/q/intake\",\"item\":[{\"linkId\":\"1\","
                + "\"answer\":[{\"valueCoding\":{\"system\":\"" + SCT + "\",\"code\":\"72892002\",\"display\":\"Normal pregnancy\"}}]}]"))
                .containsExactly(SEXUAL_AND_REPRODUCTIVE_HEALTH);
        assertThat(of("QuestionnaireResponse", "\"questionnaire\":\"http://example.org/q/intake\"")).isEmpty();
    }

    @Test
    void notesByTheirTextAndClaimsByWhatTheyBill() {
        String note = Base64.getEncoder().encodeToString(
                "Patient is a victim of intimate partner abuse.".getBytes(StandardCharsets.UTF_8));
        assertThat(of("DocumentReference", "\"type\":" + concept(LOINC, "34117-2", "History and physical note")
                + ",\"content\":[{\"attachment\":{\"contentType\":\"text/plain; charset=utf-8\",\"data\":\"" + note + "\"}}]"))
                .containsExactly(VIOLENCE_AND_ABUSE);
        String plain = Base64.getEncoder().encodeToString("Well child visit.".getBytes(StandardCharsets.UTF_8));
        assertThat(of("DiagnosticReport", "\"code\":" + concept(LOINC, "34117-2", "History and physical note")
                + ",\"presentedForm\":[{\"contentType\":\"text/plain\",\"data\":\"" + plain + "\"}]")).isEmpty();
        assertThat(of("Claim", "\"item\":[{\"productOrService\":" + concept(SCT, "171207006", "Depression screening")
                + "}]")).containsExactly(MENTAL_HEALTH);
    }

    @Test
    void aResourceCanBeInSeveralCategories() {
        assertThat(of("Encounter", "\"reasonCode\":[" + concept(SCT, "706893006", "Victim of intimate partner abuse")
                + "," + concept(SCT, "72892002", "Normal pregnancy") + "]"))
                .containsExactlyInAnyOrder(VIOLENCE_AND_ABUSE, SEXUAL_AND_REPRODUCTIVE_HEALTH);
    }
}
