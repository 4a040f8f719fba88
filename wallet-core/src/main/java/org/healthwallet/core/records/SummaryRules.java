package org.healthwallet.core.records;

import static org.healthwallet.core.records.FhirValues.concept;
import static org.healthwallet.core.records.FhirValues.firstConcept;
import static org.healthwallet.core.records.FhirValues.firstDate;
import static org.healthwallet.core.records.FhirValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What each kind of record is called in one line, which facts follow the title, and which of its
 * dates is "the" date (when it happened, not when a server stored it).
 */
final class SummaryRules {
    /** Dates tried, in order, for a type without its own rule. */
    private static final String[] GENERIC_DATES = {"effectiveDateTime", "effectivePeriod", "effectiveInstant",
            "occurrenceDateTime", "occurrencePeriod", "performedDateTime", "performedPeriod", "onsetDateTime",
            "onsetPeriod", "authoredOn", "recorded", "issued", "date", "created", "period", "billablePeriod",
            "started", "startDate", "whenHandedOver", "sent", "dateAsserted"};

    record Parts(Text title, List<Text> details, Optional<RecordDate> date) {}

    private SummaryRules() {}

    /**
     * @param context the record the resource is (or, for a contained resource, sits in), for
     *                following its references; may be null
     */
    static Parts summarize(JsonNode r, StoredRecord context, RecordIndex index) {
        String type = r.path("resourceType").asText("");
        List<Text> details = new ArrayList<>();
        return switch (type) {
            case "AllergyIntolerance" -> allergy(r, details);
            case "Condition" -> {
                Optional<RecordDate> abated = firstDate(r, "abatementDateTime", "abatementPeriod");
                String clinical = FhirValues.code(r.get("clinicalStatus"));
                if (abated.isEmpty() || !"resolved".equals(clinical) && !"inactive".equals(clinical)) {
                    addStatus(details, "clinicalStatus", clinical);
                }
                String verification = FhirValues.code(r.get("verificationStatus"));
                if (verification != null && !"confirmed".equals(verification)) {
                    details.add(Text.code("verificationStatus", verification));
                }
                abated.ifPresent(d -> details.add(Text.message("detail.resolvedOn", new Text.When(d, false))));
                yield parts(conceptOr(r.get("code"), type), details,
                        firstDate(r, "onsetDateTime", "onsetPeriod", "recordedDate"));
            }
            case "Immunization" -> {
                addStatus(details, "status", text(r, "status"));
                String dose = doseNumber(r);
                if (dose != null) {
                    details.add(Text.message("detail.dose", Text.literal(dose)));
                }
                yield parts(conceptOr(r.get("vaccineCode"), type), details,
                        firstDate(r, "occurrenceDateTime", "recorded"));
            }
            case "Observation" -> observation(r, details);
            case "DiagnosticReport" -> {
                int results = r.path("result").size();
                if (results > 0) {
                    details.add(results == 1 ? Text.message("detail.results.one")
                            : Text.message("detail.results", Text.literal(String.valueOf(results))));
                }
                String conclusion = text(r, "conclusion");
                if (conclusion != null) {
                    details.add(Text.literal(conclusion));
                }
                addStatus(details, "status", text(r, "status"));
                yield parts(conceptOr(r.get("code"), type), details,
                        firstDate(r, "effectiveDateTime", "effectivePeriod", "issued"));
            }
            case "MedicationRequest", "MedicationStatement", "MedicationAdministration", "MedicationDispense" ->
                    medication(r, type, context, index, details);
            case "Encounter" -> {
                String classCode = text(r.path("class"), "code");
                if (classCode != null && firstConcept(r.get("type")) != null) {
                    details.add(Text.code("encounterClass", classCode));
                }
                String reason = firstConcept(r.get("reasonCode"));
                if (reason != null) {
                    details.add(Text.message("detail.reason", Text.literal(reason)));
                }
                Text title = firstConcept(r.get("type")) != null ? Text.literal(firstConcept(r.get("type")))
                        : classCode != null ? Text.message("title.encounter", Text.code("encounterClass", classCode))
                        : Text.code("resourceType", type);
                yield parts(title, details, firstDate(r, "period"));
            }
            case "Procedure" -> {
                addStatus(details, "status", text(r, "status"));
                yield parts(conceptOr(r.get("code"), type), details,
                        firstDate(r, "performedDateTime", "performedPeriod"));
            }
            case "DocumentReference" -> {
                String kind = concept(r.get("type"));
                String description = text(r, "description");
                JsonNode attachment = r.path("content").path(0).path("attachment");
                String attachmentTitle = text(attachment, "title");
                if (description != null && kind != null) {
                    details.add(Text.literal(kind));
                }
                if (attachmentTitle != null) {
                    details.add(Text.literal(attachmentTitle));
                }
                Text title = description != null ? Text.literal(description)
                        : kind != null ? Text.literal(kind) : Text.code("resourceType", type);
                yield parts(title, details, firstDate(r, "date").or(() -> FhirValues.date(r.path("context").get("period"))));
            }
            case "Composition" -> parts(text(r, "title") != null ? Text.literal(text(r, "title"))
                    : conceptOr(r.get("type"), type), details, firstDate(r, "date"));
            case "Patient", "Practitioner", "RelatedPerson", "Person" -> person(r, type, details);
            case "Organization", "Location", "HealthcareService", "InsurancePlan" ->
                    parts(text(r, "name") != null ? Text.literal(text(r, "name")) : conceptOr(firstOf(r.get("type")), type),
                            details, Optional.empty());
            case "PractitionerRole" -> parts(conceptOr(firstOf(r.get("code")), type), details,
                    Optional.empty());
            case "Claim", "ExplanationOfBenefit" -> claim(r, type, details);
            case "ImagingStudy" -> {
                String modality = concept(r.path("series").path(0).get("modality"));
                String bodySite = concept(r.path("series").path(0).get("bodySite"));
                if (bodySite != null) {
                    details.add(Text.literal(bodySite));
                }
                String title = text(r, "description") != null ? text(r, "description")
                        : firstConcept(r.get("procedureCode")) != null ? firstConcept(r.get("procedureCode")) : modality;
                yield parts(title != null ? Text.literal(title) : Text.code("resourceType", type), details,
                        firstDate(r, "started"));
            }
            case "CarePlan", "CareTeam", "Goal" -> {
                addStatus(details, "status", text(r, "status") != null ? text(r, "status") : text(r, "lifecycleStatus"));
                String title = text(r, "title") != null ? text(r, "title") : text(r, "name") != null ? text(r, "name")
                        : concept(r.get("description")) != null ? concept(r.get("description"))
                        : firstConcept(r.get("category"));
                yield parts(title != null ? Text.literal(title) : Text.code("resourceType", type), details,
                        firstDate(r, "period", "startDate", "created"));
            }
            default -> generic(r, type, details);
        };
    }

    private static Parts allergy(JsonNode r, List<Text> details) {
        String criticality = text(r, "criticality");
        if (criticality != null) {
            details.add(Text.code("criticality", criticality));
        }
        addStatus(details, "clinicalStatus", FhirValues.code(r.get("clinicalStatus")));
        String reaction = firstConcept(r.path("reaction").path(0).get("manifestation"));
        if (reaction != null) {
            details.add(Text.message("detail.reaction", Text.literal(reaction)));
        }
        String substance = concept(r.get("code"));
        if (substance == null) {
            substance = concept(r.path("reaction").path(0).get("substance"));
        }
        Text title;
        if (substance == null) {
            title = Text.message("title.allergy.unnamed");
        } else if (saysAllergy(substance)) {
            // "Allergy to peanuts", "Latex allergy": the record already says it.
            title = Text.literal(substance);
        } else {
            title = Text.message("intolerance".equals(text(r, "type")) ? "title.intolerance" : "title.allergy",
                    Text.literal(substance));
        }
        return parts(title, details, firstDate(r, "onsetDateTime", "onsetPeriod", "recordedDate", "lastOccurrence"));
    }

    private static boolean saysAllergy(String substance) {
        String lower = substance.toLowerCase(Locale.ROOT);
        return lower.contains("allerg") || lower.contains("intoleran");
    }

    private static Parts observation(JsonNode r, List<Text> details) {
        Text value = ObservationValues.valueText(r);
        if (value != null) {
            details.add(value);
        }
        for (JsonNode component : r.path("component")) {
            Text componentValue = ObservationValues.valueText(component);
            String name = concept(component.get("code"));
            if (componentValue != null) {
                details.add(name == null ? componentValue
                        : Text.message("detail.component", Text.literal(name), componentValue));
            }
        }
        String interpretation = firstConcept(r.get("interpretation"));
        if (interpretation != null) {
            details.add(Text.literal(interpretation));
        }
        return parts(conceptOr(r.get("code"), "Observation"), details,
                firstDate(r, "effectiveDateTime", "effectivePeriod", "effectiveInstant", "issued"));
    }

    private static Parts medication(JsonNode r, String type, StoredRecord context, RecordIndex index, List<Text> details) {
        addStatus(details, "status", text(r, "status"));
        String dosage = dosageText(r);
        if (dosage != null) {
            details.add(Text.literal(dosage));
        }
        String name = concept(r.get("medicationCodeableConcept"));
        if (name == null) {
            name = medicationName(r.get("medicationReference"), context, index);
        }
        Optional<RecordDate> date = switch (type) {
            case "MedicationRequest" -> firstDate(r, "authoredOn");
            case "MedicationStatement" -> firstDate(r, "effectiveDateTime", "effectivePeriod", "dateAsserted");
            case "MedicationAdministration" -> firstDate(r, "effectiveDateTime", "effectivePeriod");
            default -> firstDate(r, "whenHandedOver", "whenPrepared");
        };
        return parts(name != null ? Text.literal(name) : Text.code("resourceType", type), details, date);
    }

    /** The medication's name from the Medication a reference leads to, else the reference's display. */
    private static String medicationName(JsonNode reference, StoredRecord context, RecordIndex index) {
        if (reference == null || !reference.isObject()) {
            return null;
        }
        String target = text(reference, "reference");
        if (target != null && index != null) {
            Resolution resolution = index.resolve(context, target);
            FhirResource medication = resolution instanceof Resolution.InVault found ? found.record().resource()
                    : resolution instanceof Resolution.Contained contained ? contained.resource() : null;
            if (medication != null) {
                String name = concept(FhirJson.tree(medication).get("code"));
                if (name != null) {
                    return name;
                }
            }
        }
        return text(reference, "display");
    }

    private static String dosageText(JsonNode r) {
        for (String name : new String[] {"dosageInstruction", "dosage"}) {
            JsonNode dosage = r.get(name);
            if (dosage != null) {
                String text = text(dosage.isArray() ? dosage.path(0) : dosage, "text");
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static Parts person(JsonNode r, String type, List<Text> details) {
        String gender = text(r, "gender");
        FhirValues.firstDate(r, "birthDate").ifPresent(d -> details.add(Text.message("detail.born", new Text.When(d, false))));
        if (gender != null) {
            details.add(Text.code("gender", gender));
        }
        String name = FhirValues.humanName(r.get("name"));
        // A person's birth date is not an event of their record: no timeline date.
        return parts(name != null ? Text.literal(name) : Text.code("resourceType", type), details, Optional.empty());
    }

    private static Parts claim(JsonNode r, String type, List<Text> details) {
        Text.Amount total = FhirValues.amount(r.path("total").isArray()
                ? r.path("total").path(0).get("amount") : r.get("total"));
        Text.Amount paid = FhirValues.amount(r.path("payment").get("amount"));
        if (paid != null) {
            details.add(Text.message("detail.paid", paid));
        } else if (total != null) {
            details.add(Text.message("detail.total", total));
        }
        addStatus(details, "status", text(r, "status"));
        String kind = FhirValues.code(r.get("type"));
        String key = "Claim".equals(type) ? "title.claim" : "title.eob";
        Text title = kind != null ? Text.message(key, Text.code("claimType", kind)) : Text.code("resourceType", type);
        return parts(title, details, firstDate(r, "billablePeriod", "created"));
    }

    private static Parts generic(JsonNode r, String type, List<Text> details) {
        addStatus(details, "status", text(r, "status"));
        String title = concept(r.get("code"));
        if (title == null) {
            title = firstConcept(r.get("type"));
        }
        for (String name : new String[] {"title", "name", "description"}) {
            if (title == null) {
                title = text(r, name);
            }
        }
        if (title == null) {
            title = FhirValues.humanName(r.get("name"));
        }
        if (title == null) {
            title = concept(r.path("suppliedItem").get("itemCodeableConcept"));
        }
        return parts(title != null ? Text.literal(title) : Text.code("resourceType", type), details,
                firstDate(r, GENERIC_DATES));
    }

    private static String doseNumber(JsonNode r) {
        JsonNode dose = r.path("protocolApplied").path(0).get("doseNumberPositiveInt");
        if (dose == null) {
            dose = r.path("protocolApplied").path(0).get("doseNumberString");
        }
        return dose == null || dose.isNull() ? null : dose.asText();
    }

    private static void addStatus(List<Text> details, String element, String code) {
        if (code != null) {
            details.add(Text.code(element, code));
        }
    }

    private static JsonNode firstOf(JsonNode node) {
        return node != null && node.isArray() ? node.path(0) : node;
    }

    private static Text conceptOr(JsonNode concept, String resourceType) {
        String name = firstConcept(concept);
        return name != null ? Text.literal(name) : Text.code("resourceType", resourceType);
    }

    private static Parts parts(Text title, List<Text> details, Optional<RecordDate> date) {
        return new Parts(title, List.copyOf(details), date);
    }
}
