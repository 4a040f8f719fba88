package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.core.records.SensitiveCategory.MENTAL_HEALTH;
import static org.healthwallet.core.records.SensitiveCategory.SUBSTANCE_USE;
import static org.healthwallet.core.records.SensitiveCategory.VIOLENCE_AND_ABUSE;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sensitive categories over the shared Synthea patients (../shared/testdata, which must be
 * there: a missing folder fails). Prints, per patient, how many records each category catches,
 * and checks the items a person would check by hand.
 */
class SensitiveCategoriesOfSyntheaTest {
    private static final Map<String, List<StoredRecord>> PATIENTS = new TreeMap<>();

    @BeforeAll
    static void read() throws Exception {
        for (String folder : List.of("synthea-r4", "synthea-3.3.0")) {
            try (Stream<Path> files = Files.list(SharedTestData.fhirRoot().resolve(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    PATIENTS.put(file.getFileName().toString().replaceAll("_[0-9a-f-]{36}\\.json$", ""),
                            SharedTestData.stored(file));
                }
            }
        }
        assertThat(PATIENTS).as("the six shared Synthea patients").hasSize(6);
        System.out.println("Sensitive records per shared Synthea patient (records; a record may be in several):");
        PATIENTS.forEach((patient, records) -> {
            Map<SensitiveCategory, Integer> counts = new EnumMap<>(SensitiveCategory.class);
            for (SensitiveCategory c : SensitiveCategory.values()) {
                counts.put(c, 0);
            }
            int any = 0;
            for (StoredRecord r : records) {
                Set<SensitiveCategory> categories = SensitiveCategories.of(r);
                categories.forEach(c -> counts.merge(c, 1, Integer::sum));
                any += categories.isEmpty() ? 0 : 1;
            }
            System.out.printf("  %-22s %6d records, %5d sensitive: %s%n", patient, records.size(), any, counts);
        });
    }

    private static List<StoredRecord> where(String patient, String type, String display) {
        List<StoredRecord> found = new ArrayList<>();
        for (StoredRecord r : PATIENTS.get(patient)) {
            if (r.resource().resourceType().equals(type) && r.resource().json().contains("\"" + display)) {
                found.add(r);
            }
        }
        assertThat(found).as("%s %s \"%s\" in the test data", patient, type, display).isNotEmpty();
        return found;
    }

    private static Set<SensitiveCategory> categoriesOfEach(List<StoredRecord> records) {
        Set<Set<SensitiveCategory>> distinct = new java.util.HashSet<>();
        records.forEach(r -> distinct.add(SensitiveCategories.of(r)));
        assertThat(distinct).as("every such record alike").hasSize(1);
        return distinct.iterator().next();
    }

    @Test
    void victimOfIntimatePartnerAbuseIsViolenceAndAbuse() {
        for (String patient : List.of("Curtis94_Willms744", "Rubin812_Conroy74")) {
            assertThat(categoriesOfEach(where(patient, "Condition", "Victim of intimate partner abuse")))
                    .containsExactly(VIOLENCE_AND_ABUSE);
        }
    }

    @Test
    void screeningsAreInTheirInstrumentsCategory() {
        assertThat(categoriesOfEach(where("Curtis94_Willms744", "Observation", "Patient Health Questionnaire 9 item")))
                .containsExactly(MENTAL_HEALTH);
        assertThat(categoriesOfEach(where("Curtis94_Willms744", "Observation", "Generalized anxiety disorder 7 item")))
                .containsExactly(MENTAL_HEALTH);
        assertThat(categoriesOfEach(where("Rubin812_Conroy74", "Observation", "Total score [DAST-10]")))
                .containsExactly(SUBSTANCE_USE);
        assertThat(categoriesOfEach(where("Rubin812_Conroy74", "Observation", "Total score [AUDIT-C]")))
                .containsExactly(SUBSTANCE_USE);
        assertThat(categoriesOfEach(where("Rubin812_Conroy74", "Observation", "Total score [HARK]")))
                .containsExactly(VIOLENCE_AND_ABUSE);
        assertThat(categoriesOfEach(where("Curtis94_Willms744", "Condition", "Misuses drugs")))
                .containsExactly(SUBSTANCE_USE);
    }

    @Test
    void aChildsAttentionDeficitDisorderAndItsMedicineAreMentalHealth() {
        assertThat(categoriesOfEach(where("Jorge_Brekke", "Condition", "Child attention deficit disorder")))
                .containsExactly(MENTAL_HEALTH);
        assertThat(categoriesOfEach(where("Jorge_Brekke", "MedicationRequest", "Methylphenidate")))
                .containsExactly(MENTAL_HEALTH);
    }

    @Test
    void immunizationsVitalSignsAllergiesAndRoutineLabsAreNot() {
        PATIENTS.forEach((patient, records) -> {
            for (StoredRecord r : records) {
                String type = r.resource().resourceType();
                JsonNode tree = FhirJson.tree(r.resource());
                boolean routine = type.equals("Immunization") || type.equals("AllergyIntolerance")
                        || type.equals("Patient") || type.equals("Device") || type.equals("SupplyDelivery")
                        || Category.of(r.resource()) == Category.VITAL_SIGNS
                        || Category.of(r.resource()) == Category.LAB_RESULTS;
                if (routine) {
                    assertThat(SensitiveCategories.of(r)).as("%s %s %s", patient, type,
                            FhirValues.firstConcept(tree.get("code"))).isEmpty();
                }
            }
        });
        assertThat(categoriesOfEach(where("Luigi_Wiegand", "Immunization", "Hep B"))).isEmpty();
        assertThat(categoriesOfEach(where("Jorge_Brekke", "Observation", "Blood Pressure"))).isEmpty();
    }

    @Test
    void aBabysRecordsHoldNothingSensitive() {
        assertThat(PATIENTS.get("Lorenzo669_Barela183")).isNotEmpty()
                .allSatisfy(r -> assertThat(SensitiveCategories.of(r)).as(r.resource().resourceType()).isEmpty());
    }

    @Test
    void aHypertensionCarePlanWithAlcoholCounselingIsNotSubstanceUse() {
        assertThat(categoriesOfEach(where("Curtis94_Willms744", "CarePlan", "Lifestyle education regarding hypertension")))
                .isEmpty();
    }
}
