package org.healthwallet.core.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How the records screen groups records, in the patient's terms.
 *
 * <p>The rule, by resource type:
 * <ul>
 * <li>CONDITIONS: Condition.
 * <li>MEDICATIONS: MedicationRequest, MedicationStatement, MedicationAdministration,
 *     MedicationDispense. (Medication itself is the product such a record points to: OTHER, and it
 *     shows as the name of the medication in those records.)
 * <li>ALLERGIES: AllergyIntolerance.
 * <li>IMMUNIZATIONS: Immunization, ImmunizationRecommendation, ImmunizationEvaluation.
 * <li>LAB_RESULTS: Observation with category {@code laboratory}; DiagnosticReport with category
 *     {@code LAB} (v2-0074) or {@code laboratory}.
 * <li>VITAL_SIGNS: Observation with category {@code vital-signs} (this wins when an Observation
 *     carries both).
 * <li>ENCOUNTERS: Encounter, EpisodeOfCare.
 * <li>PROCEDURES: Procedure, ImagingStudy.
 * <li>DOCUMENTS: DocumentReference, Composition, DocumentManifest, Media, and every DiagnosticReport
 *     that is not a lab report (imaging reports, clinical notes).
 * <li>OTHER: everything else: Patient, Practitioner, Organization, Claim, ExplanationOfBenefit,
 *     Coverage, Provenance, CarePlan, Goal, Device, and Observations of other categories
 *     (social history, surveys, exams), which still appear in lab charts when numeric.
 * </ul>
 */
public enum Category {
    CONDITIONS, MEDICATIONS, ALLERGIES, IMMUNIZATIONS, LAB_RESULTS, VITAL_SIGNS, ENCOUNTERS, PROCEDURES,
    DOCUMENTS, OTHER;

    private static final Map<String, Category> BY_TYPE = Map.ofEntries(
            Map.entry("Condition", CONDITIONS),
            Map.entry("MedicationRequest", MEDICATIONS), Map.entry("MedicationStatement", MEDICATIONS),
            Map.entry("MedicationAdministration", MEDICATIONS), Map.entry("MedicationDispense", MEDICATIONS),
            Map.entry("AllergyIntolerance", ALLERGIES),
            Map.entry("Immunization", IMMUNIZATIONS), Map.entry("ImmunizationRecommendation", IMMUNIZATIONS),
            Map.entry("ImmunizationEvaluation", IMMUNIZATIONS),
            Map.entry("Encounter", ENCOUNTERS), Map.entry("EpisodeOfCare", ENCOUNTERS),
            Map.entry("Procedure", PROCEDURES), Map.entry("ImagingStudy", PROCEDURES),
            Map.entry("DocumentReference", DOCUMENTS), Map.entry("Composition", DOCUMENTS),
            Map.entry("DocumentManifest", DOCUMENTS), Map.entry("Media", DOCUMENTS));

    /** The category of a resource. Reads only the top-level {@code category} of Observations and DiagnosticReports. */
    public static Category of(FhirResource resource) {
        String type = resource.resourceType();
        if ("Observation".equals(type)) {
            Set<String> codes = categoryCodes(resource.json());
            if (codes.contains("vital-signs")) {
                return VITAL_SIGNS;
            }
            return codes.contains("laboratory") ? LAB_RESULTS : OTHER;
        }
        if ("DiagnosticReport".equals(type)) {
            Set<String> codes = categoryCodes(resource.json());
            return codes.contains("LAB") || codes.contains("laboratory") ? LAB_RESULTS : DOCUMENTS;
        }
        return BY_TYPE.getOrDefault(type, OTHER);
    }

    /**
     * The codes under the resource's own top-level {@code category}, found with the streaming
     * parser and everything else skipped, so indexing thousands of records stays cheap.
     */
    private static Set<String> categoryCodes(String json) {
        Set<String> codes = new HashSet<>();
        try (JsonParser parser = FhirJson.MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return codes;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("category".equals(name)) {
                    collectCodes(parser, value, codes);
                    break;
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            return codes;   // not JSON (never written by FhirReader): no category codes to go by
        }
        return codes;
    }

    /** Every "code" string inside the current value (CodeableConcept or list of them). */
    private static void collectCodes(JsonParser parser, JsonToken start, Set<String> codes) throws IOException {
        if (start != JsonToken.START_OBJECT && start != JsonToken.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return;
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME -> {
                    boolean isCode = "code".equals(parser.currentName());
                    JsonToken value = parser.nextToken();
                    if (isCode && value == JsonToken.VALUE_STRING) {
                        codes.add(parser.getText());
                    } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        depth++;
                    }
                }
                default -> { }
            }
        }
    }
}
