package org.healthwallet.core.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which sensitive categories a record belongs to (none, one or several). A pure function of the
 * resource, used by the caregiver rules (a child's sensitive records leave the parent's view at
 * 12) and by shares (left out unless ticked). In order:
 * <ol>
 * <li>security labels in {@code meta.security} (HL7 v3 ActInformationSensitivityPolicy: ETH, PSY,
 *     SDV, SEX …): the source said so; these count on every resource type;
 * <li>codes of the type's clinical elements (a Condition's code, a medicine, an Encounter's
 *     reasons …): ICD-10 ranges, SNOMED CT, LOINC and RxNorm tables in {@link SensitiveCodes};
 * <li>words ({@link SensitiveTerms}) in a concept's text and displays, only for a concept none of
 *     whose codings matched and that has no ICD-10 coding (ICD-10's ranges are a complete rule);
 *     and in the text of clinical notes (plain-text or HTML attachments).
 * </ol>
 * Immunizations (HPV and hepatitis B included: routine childhood vaccines) and allergies are never
 * sensitive by their codes. See wallet-core/docs/sensitive-categories.md for the codes and why.
 */
public final class SensitiveCategories {
    /** A note larger than this is scanned only this far: notes are short; a scanned PDF is not text. */
    private static final int MAX_NOTE_CHARS = 1 << 20;

    /** Where each type keeps its clinical concepts (dotted paths; arrays are walked through). */
    private static final Map<String, List<String>> CONCEPTS = Map.ofEntries(
            Map.entry("Condition", List.of("code")),
            Map.entry("Observation", List.of("code", "valueCodeableConcept")),
            Map.entry("Procedure", List.of("code", "reasonCode")),
            Map.entry("MedicationRequest", List.of("medicationCodeableConcept", "reasonCode")),
            Map.entry("MedicationStatement", List.of("medicationCodeableConcept", "reasonCode")),
            Map.entry("MedicationAdministration", List.of("medicationCodeableConcept", "reasonCode")),
            Map.entry("MedicationDispense", List.of("medicationCodeableConcept")),
            Map.entry("Medication", List.of("code")),
            Map.entry("Encounter", List.of("type", "reasonCode", "serviceType")),
            Map.entry("EpisodeOfCare", List.of("type")),
            Map.entry("DiagnosticReport", List.of("code", "conclusionCode")),
            Map.entry("DocumentReference", List.of("type")),
            Map.entry("CarePlan", List.of("category", "activity.detail.code", "activity.detail.reasonCode")),
            Map.entry("CareTeam", List.of("reasonCode")),
            Map.entry("ServiceRequest", List.of("code", "reasonCode")),
            Map.entry("QuestionnaireResponse", List.of("item.answer.valueCoding", "item.item.answer.valueCoding")),
            Map.entry("Claim", List.of("item.productOrService", "diagnosis.diagnosisCodeableConcept",
                    "procedure.procedureCodeableConcept")),
            Map.entry("ExplanationOfBenefit", List.of("item.productOrService", "diagnosis.diagnosisCodeableConcept",
                    "procedure.procedureCodeableConcept")));

    /** Where notes keep their text. */
    private static final Map<String, String> NOTES = Map.of(
            "DocumentReference", "content.attachment", "DiagnosticReport", "presentedForm");

    private SensitiveCategories() {}

    public static Set<SensitiveCategory> of(StoredRecord record) {
        return of(record.resource());
    }

    /** The categories of one resource; empty when it is not sensitive. Unmodifiable. */
    public static Set<SensitiveCategory> of(FhirResource resource) {
        JsonNode root = FhirJson.tree(resource);
        Set<SensitiveCategory> found = EnumSet.noneOf(SensitiveCategory.class);
        for (JsonNode label : root.path("meta").path("security")) {
            if (SensitiveCodes.ACT_CODE_SYSTEMS.contains(label.path("system").asText())) {
                SensitiveCategory category = SensitiveCodes.SECURITY_LABELS.get(label.path("code").asText());
                if (category != null) {
                    found.add(category);
                }
            }
        }
        for (String path : CONCEPTS.getOrDefault(resource.resourceType(), List.of())) {
            for (JsonNode concept : at(root, path)) {
                found.addAll(ofConcept(concept));
            }
        }
        if ("Observation".equals(resource.resourceType())) {
            found.addAll(yesAnswers(root));
        }
        if ("QuestionnaireResponse".equals(resource.resourceType())) {
            found.addAll(ofQuestionnaire(root.path("questionnaire").asText("")));
        }
        String notes = NOTES.get(resource.resourceType());
        if (notes != null) {
            for (JsonNode attachment : at(root, notes)) {
                found.addAll(SensitiveTerms.in(noteText(attachment)));
            }
        }
        return Collections.unmodifiableSet(found);
    }

    public static boolean isSensitive(FhirResource resource) {
        return !of(resource).isEmpty();
    }

    /** A CodeableConcept, or a lone Coding: its codes decide; failing that, its words. */
    static Set<SensitiveCategory> ofConcept(JsonNode concept) {
        Set<SensitiveCategory> found = EnumSet.noneOf(SensitiveCategory.class);
        List<JsonNode> codings = new ArrayList<>();
        concept.path("coding").forEach(codings::add);
        if (concept.has("code")) {
            codings.add(concept);
        }
        boolean decided = false;
        StringBuilder words = new StringBuilder(concept.path("text").asText(""));
        for (JsonNode coding : codings) {
            String system = coding.path("system").asText(null);
            Optional<SensitiveCategory> category = SensitiveCodes.of(system, coding.path("code").asText(null));
            category.ifPresent(found::add);
            decided |= category.isPresent() || SensitiveCodes.ICD10_SYSTEMS.contains(system);
            words.append('\n').append(coding.path("display").asText(""));
        }
        if (!decided) {
            found.addAll(SensitiveTerms.in(words.toString()));
        }
        return found;
    }

    /**
     * A survey's component question that is itself a sensitive screening item (PRAPARE asks HARK's
     * "afraid of your partner?") counts only when answered yes: the question alone says nothing.
     */
    private static Set<SensitiveCategory> yesAnswers(JsonNode observation) {
        Set<SensitiveCategory> found = EnumSet.noneOf(SensitiveCategory.class);
        for (JsonNode component : observation.path("component")) {
            boolean yes = false;
            for (JsonNode coding : component.path("valueCodeableConcept").path("coding")) {
                yes |= SensitiveCodes.LOINC_YES.equals(coding.path("code").asText());
            }
            if (yes) {
                for (JsonNode coding : component.path("code").path("coding")) {
                    SensitiveCodes.of(coding.path("system").asText(null), coding.path("code").asText(null))
                            .ifPresent(found::add);
                }
            }
        }
        return found;
    }

    /** A QuestionnaireResponse built on a LOINC instrument names it in its questionnaire URL (…/44249-1). */
    private static Set<SensitiveCategory> ofQuestionnaire(String questionnaire) {
        Set<SensitiveCategory> found = EnumSet.noneOf(SensitiveCategory.class);
        for (Map.Entry<String, SensitiveCategory> e : SensitiveCodes.LOINC.entrySet()) {
            if (questionnaire.matches(".*(^|[^0-9-])" + java.util.regex.Pattern.quote(e.getKey()) + "([^0-9]|$).*")) {
                found.add(e.getValue());
            }
        }
        found.addAll(SensitiveTerms.in(questionnaire.replace('_', ' ')));
        return found;
    }

    /** The text of a plain-text or HTML attachment held inline; empty for anything else. */
    private static String noteText(JsonNode attachment) {
        String type = attachment.path("contentType").asText("");
        String data = attachment.path("data").asText("");
        if (!(type.startsWith("text/") || type.isEmpty()) || data.isEmpty()) {
            return "";
        }
        try {
            String base64 = data.length() > MAX_NOTE_CHARS * 4 / 3 ? data.substring(0, MAX_NOTE_CHARS * 4 / 3 / 4 * 4) : data;
            String text = new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
            return type.contains("html") ? text.replaceAll("<[^>]*>", " ") : text;
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    /** The nodes at a dotted path, walking through arrays at every step. */
    private static List<JsonNode> at(JsonNode root, String path) {
        List<JsonNode> nodes = List.of(root);
        for (String name : path.split("\\.")) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : nodes) {
                JsonNode child = node.path(name);
                if (child.isArray()) {
                    child.forEach(next::add);
                } else if (child.isObject()) {
                    next.add(child);
                }
            }
            nodes = next;
        }
        return nodes;
    }
}
