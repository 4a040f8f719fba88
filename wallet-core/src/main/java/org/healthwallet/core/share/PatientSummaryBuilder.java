package org.healthwallet.core.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.RecordDate;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.records.TextRenderer;

/**
 * An International Patient Summary (HL7 IPS) of the wallet: a {@code document} Bundle whose first
 * entry is a Composition (LOINC 60591-5) about the Patient, written by the patient with this app
 * (a Device), with the three sections IPS requires and the optional ones the records fill.
 *
 * <table>
 * <caption>Sections</caption>
 * <tr><th>LOINC</th><th>section</th><th>entries</th></tr>
 * <tr><td>11450-4</td><td>Problems (required)</td><td>Conditions active, recurring or relapsed (or with no clinical status)</td></tr>
 * <tr><td>48765-2</td><td>Allergies (required)</td><td>AllergyIntolerances not refuted or entered in error</td></tr>
 * <tr><td>10160-0</td><td>Medications (required)</td><td>MedicationStatements active/intended/on hold; MedicationRequests active/on hold</td></tr>
 * <tr><td>11369-6</td><td>Immunizations</td><td>Immunizations given</td></tr>
 * <tr><td>30954-2</td><td>Results</td><td>laboratory Observations, the latest of each code</td></tr>
 * <tr><td>8716-3</td><td>Vital signs</td><td>vital-sign Observations, the latest of each code</td></tr>
 * <tr><td>47519-4</td><td>Procedures</td><td>Procedures done</td></tr>
 * <tr><td>11348-0</td><td>Past illness</td><td>Conditions resolved, inactive or in remission</td></tr>
 * </table>
 *
 * <p>Every section has a narrative table. A required section without entries carries
 * {@code emptyReason} from list-empty-reason: {@code nilknown} when the wallet holds records from a
 * provider but none of this kind, {@code notasked} when it holds no clinical records at all. Optional
 * sections without entries are left out. The Patient is the vault's (the one the records name
 * most); a wallet without one gets a Patient named by the profile's label with its birth date
 * marked unknown.
 */
public final class PatientSummaryBuilder {
    static final String LOINC = "http://loinc.org";
    static final String EMPTY_REASON = "http://terminology.hl7.org/CodeSystem/list-empty-reason";
    static final String DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    private PatientSummaryBuilder() {}

    /** Which records a section takes; {@code facts} reads each record once per summary. */
    interface Takes {
        boolean test(StoredRecord record, RecordIndex index, RecordFacts facts);
    }

    /**
     * What the sections ask of a record, read with one parse per record while one summary is built;
     * only these few strings are kept, not the parsed trees (a wallet may hold many thousand results).
     */
    static final class RecordFacts {
        private record Read(String status, String clinical, String verification, String codeKey) {}

        private final Map<UUID, Read> facts = new HashMap<>();

        private Read of(StoredRecord record) {
            return facts.computeIfAbsent(record.id(), id -> {
                JsonNode tree = BundleEntries.tree(record);
                return new Read(tree.path("status").asText(""), firstCode(tree.path("clinicalStatus")),
                        firstCode(tree.path("verificationStatus")), PatientSummaryBuilder.codeKey(tree.path("code"), record));
            });
        }

        String status(StoredRecord record) {
            return of(record).status();
        }

        String clinicalStatus(StoredRecord record) {
            return of(record).clinical();
        }

        String codeKey(StoredRecord record) {
            return of(record).codeKey();
        }

        boolean confirmed(StoredRecord record) {
            return !Set.of("entered-in-error", "refuted").contains(of(record).verification());
        }

        boolean usable(StoredRecord record) {
            return !Set.of("entered-in-error", "cancelled").contains(status(record));
        }
    }

    /** One IPS section: its code and words, which records it takes, and what it is called when empty. */
    record Section(String code, String display, String title, boolean required, String noun, boolean latestPerCode,
                   Takes takes) {}

    static final List<Section> SECTIONS = List.of(
            new Section("11450-4", "Problem list - Reported", "Active Problems", true, "problems", false,
                    (r, i, f) -> is(r, "Condition") && f.confirmed(r)
                            && Set.of("", "active", "recurrence", "relapse").contains(f.clinicalStatus(r))),
            new Section("48765-2", "Allergies and adverse reactions Document", "Allergies and Intolerances", true,
                    "allergies or intolerances", false, (r, i, f) -> is(r, "AllergyIntolerance") && f.confirmed(r)),
            new Section("10160-0", "History of Medication use Narrative", "Medication Summary", true, "current medications", false,
                    (r, i, f) -> (is(r, "MedicationStatement") && Set.of("active", "intended", "on-hold").contains(f.status(r)))
                            || (is(r, "MedicationRequest") && Set.of("active", "on-hold").contains(f.status(r)))),
            new Section("11369-6", "History of Immunization note", "Immunizations", false, "immunizations", false,
                    (r, i, f) -> is(r, "Immunization") && !Set.of("entered-in-error", "not-done").contains(f.status(r))),
            new Section("30954-2", "Relevant diagnostic tests/laboratory data note", "Results", false, "results", true,
                    (r, i, f) -> is(r, "Observation") && i.categoryOf(r) == Category.LAB_RESULTS && f.usable(r)),
            new Section("8716-3", "Vital signs note", "Vital Signs", false, "vital signs", true,
                    (r, i, f) -> is(r, "Observation") && i.categoryOf(r) == Category.VITAL_SIGNS && f.usable(r)),
            new Section("47519-4", "History of Procedures Document", "History of Procedures", false, "procedures", false,
                    (r, i, f) -> is(r, "Procedure") && !Set.of("entered-in-error", "not-done").contains(f.status(r))),
            new Section("11348-0", "History of Past illness note", "History of Past Illness", false, "past illnesses", false,
                    (r, i, f) -> is(r, "Condition") && f.confirmed(r)
                            && Set.of("inactive", "remission", "resolved").contains(f.clinicalStatus(r))));

    /**
     * @param profileLabel names the patient when the vault has no Patient record
     * @param now the document's date
     * @param zone for the date in the title
     */
    public static BuiltBundle build(RecordIndex index, String profileLabel, Instant now, ZoneId zone) {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        TextRenderer words = TextRenderer.english();
        Map<Section, List<RecordSummary>> picked = new LinkedHashMap<>();
        List<StoredRecord> chosen = new ArrayList<>();
        RecordFacts facts = new RecordFacts();
        for (Section section : SECTIONS) {
            List<RecordSummary> rows = entriesOf(section, index, facts);
            picked.put(section, rows);
            rows.forEach(row -> chosen.add(row.record()));
        }
        BundleEntries entries = new BundleEntries(index, chosen, true);
        String compositionUrl = entries.reserve("urn:uuid:" + UUID.randomUUID());
        String deviceUrl = entries.reserve("urn:uuid:" + UUID.randomUUID());
        ObjectNode madePatient = null;
        String patientUrl;
        if (entries.subject().isPresent()) {
            patientUrl = entries.fullUrlOf(entries.subject().get());
        } else {
            patientUrl = entries.reserve("urn:uuid:" + UUID.randomUUID());
            madePatient = patientFromLabel(patientUrl, profileLabel);
        }
        boolean anyClinical = index.records().stream().anyMatch(r -> index.categoryOf(r) != Category.OTHER);

        ObjectNode composition = ShareJson.MAPPER.createObjectNode();
        composition.put("resourceType", "Composition");
        composition.put("id", id(compositionUrl));
        composition.put("status", "final");
        composition.set("type", coding(LOINC, "60591-5", "Patient summary Document"));
        composition.putObject("subject").put("reference", patientUrl);
        composition.put("date", BundleBuilder.instant(now));
        ArrayNode author = composition.putArray("author");
        author.addObject().put("reference", patientUrl);
        author.addObject().put("reference", deviceUrl);
        composition.put("title", "Patient Summary as of "
                + DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(now.atZone(zone)));
        ArrayNode sections = composition.putArray("section");
        for (Map.Entry<Section, List<RecordSummary>> e : picked.entrySet()) {
            Section section = e.getKey();
            List<RecordSummary> rows = e.getValue();
            if (rows.isEmpty() && !section.required()) {
                continue;
            }
            ObjectNode s = sections.addObject();
            s.put("title", section.title());
            s.set("code", coding(LOINC, section.code(), section.display()));
            ObjectNode text = s.putObject("text");
            text.put("status", "generated");
            if (rows.isEmpty()) {
                String reason = anyClinical ? "nilknown" : "notasked";
                text.put("div", SectionNarrative.sentence(anyClinical
                        ? "No known " + section.noun() + " in the records this wallet holds."
                        : "No information about " + section.noun() + ": no records from a provider have been imported."));
                s.set("emptyReason", coding(EMPTY_REASON, reason, anyClinical ? "Nil Known" : "Not Asked"));
            } else {
                text.put("div", SectionNarrative.table(rows, words));
                ArrayNode refs = s.putArray("entry");
                rows.forEach(row -> refs.addObject().put("reference", entries.fullUrlOf(row.record())));
            }
        }

        ObjectNode bundle = ShareJson.MAPPER.createObjectNode();
        bundle.put("resourceType", "Bundle");
        String bundleId = UUID.randomUUID().toString();
        bundle.put("id", bundleId);
        ObjectNode identifier = bundle.putObject("identifier");
        identifier.put("system", "urn:ietf:rfc:3986");
        identifier.put("value", "urn:uuid:" + bundleId);
        bundle.put("type", "document");
        bundle.put("timestamp", BundleBuilder.instant(now));
        ArrayNode list = bundle.putArray("entry");
        list.add(entry(compositionUrl, composition));
        List<UUID> ids = new ArrayList<>();
        List<StoredRecord> records = entries.records();
        int next = 0;
        if (madePatient != null) {
            list.add(entry(patientUrl, madePatient));
        } else {
            StoredRecord subject = records.get(next++);
            list.add(entries.entry(subject, patientUrl));
            ids.add(subject.id());
        }
        list.add(entry(deviceUrl, device(deviceUrl)));
        for (; next < records.size(); next++) {
            list.add(entries.entry(records.get(next), patientUrl));
            ids.add(records.get(next).id());
        }
        return new BuiltBundle(ShareJson.write(bundle), ids, list.size());
    }

    private static List<RecordSummary> entriesOf(Section section, RecordIndex index, RecordFacts facts) {
        List<RecordSummary> rows = new ArrayList<>();
        for (StoredRecord record : index.records()) {
            if (section.takes().test(record, index, facts)) {
                rows.add(RecordSummary.of(record, index));
            }
        }
        Comparator<RecordSummary> newestFirst = Comparator.comparing((RecordSummary r) -> r.date().orElse(null),
                Comparator.nullsLast(Comparator.<RecordDate>reverseOrder()));
        if (section.latestPerCode()) {
            Map<String, RecordSummary> latest = new LinkedHashMap<>();
            for (RecordSummary row : rows) {
                latest.merge(facts.codeKey(row.record()), row, (a, b) -> newestFirst.compare(b, a) < 0 ? b : a);
            }
            rows = new ArrayList<>(latest.values());
        }
        rows.sort(newestFirst);
        return rows;
    }

    private static ObjectNode entry(String fullUrl, ObjectNode resource) {
        ObjectNode entry = ShareJson.MAPPER.createObjectNode();
        entry.put("fullUrl", fullUrl);
        entry.set("resource", resource);
        return entry;
    }

    private static ObjectNode coding(String system, String code, String display) {
        ObjectNode concept = ShareJson.MAPPER.createObjectNode();
        ObjectNode coding = concept.putArray("coding").addObject();
        coding.put("system", system);
        coding.put("code", code);
        coding.put("display", display);
        return concept;
    }

    private static ObjectNode patientFromLabel(String fullUrl, String label) {
        ObjectNode patient = ShareJson.MAPPER.createObjectNode();
        patient.put("resourceType", "Patient");
        patient.put("id", id(fullUrl));
        String name = label == null || label.isBlank() ? "Name not given" : label.strip();
        patient.putArray("name").addObject().put("text", name);
        // IPS requires a birth date; the wallet does not know it, and says so.
        patient.putObject("_birthDate").putArray("extension").addObject()
                .put("url", DATA_ABSENT).put("valueCode", "unknown");
        return patient;
    }

    private static ObjectNode device(String fullUrl) {
        ObjectNode device = ShareJson.MAPPER.createObjectNode();
        device.put("resourceType", "Device");
        device.put("id", id(fullUrl));
        ObjectNode name = device.putArray("deviceName").addObject();
        name.put("name", "HealthWallet");
        name.put("type", "user-friendly-name");
        device.putObject("type").put("text", "Personal health record application, used by the patient");
        return device;
    }

    private static String id(String urnUuid) {
        return urnUuid.substring("urn:uuid:".length());
    }

    // ---- reading a record's status ---------------------------------------------------------

    private static boolean is(StoredRecord record, String type) {
        return type.equals(record.resource().resourceType());
    }

    /** The first code of a CodeableConcept, or "" when there is none. */
    private static String firstCode(JsonNode concept) {
        for (JsonNode coding : concept.path("coding")) {
            String code = coding.path("code").asText("");
            if (!code.isEmpty()) {
                return code;
            }
        }
        return "";
    }

    /** What "the same test" means for latest-per-code: the first coding's system and code, else the text. */
    private static String codeKey(JsonNode concept, StoredRecord record) {
        for (JsonNode coding : concept.path("coding")) {
            if (coding.hasNonNull("code")) {
                return coding.path("system").asText("") + "|" + coding.path("code").asText();
            }
        }
        String text = concept.path("text").asText("");
        return text.isEmpty() ? "record:" + record.id() : "text:" + text;
    }
}
