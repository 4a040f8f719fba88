package org.healthwallet.core.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.Resolution;
import org.healthwallet.core.records.StoredRecord;

/**
 * The records that go into one shared Bundle and how they point at each other there.
 *
 * <ul>
 * <li>Each record keeps the fullUrl it arrived with; one without (NDJSON, a single resource) or
 *     whose fullUrl another entry already uses gets {@code urn:uuid:<vault row id>}, which is random
 *     and says nothing about the patient.
 * <li>A reference that leads to another record in the Bundle is written as that entry's fullUrl,
 *     so any viewer resolves it by the Bundle rules; every other reference is kept as written.
 * <li>The records a chosen record names directly and that say who or what it is about (its
 *     Patient, Medication, Practitioner, PractitionerRole, Organization, Location, Substance) come
 *     along, one level deep; encounters, claims and the like do not.
 * <li>A profile is one person: every reference to any Patient record in the vault leads to the
 *     one Patient the Bundle carries (the one the chosen records name most).
 * </ul>
 */
final class BundleEntries {
    static final Set<String> SUPPORTING_TYPES = Set.of("Patient", "Medication", "Practitioner", "PractitionerRole",
            "Organization", "Location", "Substance");

    private final RecordIndex index;
    private final LinkedHashMap<UUID, StoredRecord> included = new LinkedHashMap<>();
    private final Map<UUID, String> fullUrls = new HashMap<>();
    private final Set<String> usedUrls = new HashSet<>();
    private final Optional<StoredRecord> subject;
    /** The references of each chosen record, read once. */
    private final Map<UUID, List<String>> referencesOf = new HashMap<>();

    /**
     * @param chosen the records the patient chose; the subject is picked from what they name
     * @param includeSubject whether the Patient record goes in first (a summary adds its own when there is none)
     */
    BundleEntries(RecordIndex index, List<StoredRecord> chosen, boolean includeSubject) {
        this.index = index;
        for (StoredRecord record : chosen) {
            referencesOf.computeIfAbsent(record.id(), id -> references(record));
        }
        this.subject = subjectOf(index, chosen, referencesOf);
        if (includeSubject) {
            subject.ifPresent(this::add);
        }
        for (StoredRecord record : chosen) {
            add(record);
        }
        for (StoredRecord record : chosen) {
            for (String reference : referencesOf.get(record.id())) {
                if (index.resolve(record, reference) instanceof Resolution.InVault found
                        && SUPPORTING_TYPES.contains(found.record().resource().resourceType())
                        && !"Patient".equals(found.record().resource().resourceType())) {
                    add(found.record());
                }
            }
        }
    }

    Optional<StoredRecord> subject() {
        return subject;
    }

    /** Reserves a fullUrl for an entry the bundle makes itself (Composition, Device, a Patient). */
    String reserve(String fullUrl) {
        usedUrls.add(fullUrl);
        return fullUrl;
    }

    private void add(StoredRecord record) {
        if (included.containsKey(record.id())) {
            return;
        }
        String url = record.resource().fullUrl();
        if (url == null || url.isBlank() || usedUrls.contains(url)) {
            url = "urn:uuid:" + record.id();
        }
        usedUrls.add(url);
        fullUrls.put(record.id(), url);
        included.put(record.id(), record);
    }

    List<StoredRecord> records() {
        return List.copyOf(included.values());
    }

    boolean contains(StoredRecord record) {
        return included.containsKey(record.id());
    }

    String fullUrlOf(StoredRecord record) {
        String url = fullUrls.get(record.id());
        if (url == null) {
            throw new IllegalArgumentException("record " + record.id() + " is not in this bundle");
        }
        return url;
    }

    /** The entry {fullUrl, resource} of an included record, its references pointed into the bundle. */
    ObjectNode entry(StoredRecord record, String patientUrl) {
        ObjectNode resource = tree(record);
        rewrite(resource, record, patientUrl);
        ObjectNode entry = ShareJson.MAPPER.createObjectNode();
        entry.put("fullUrl", fullUrlOf(record));
        entry.set("resource", resource);
        return entry;
    }

    private void rewrite(JsonNode node, StoredRecord from, String patientUrl) {
        if (node instanceof ObjectNode object) {
            JsonNode reference = object.get("reference");
            if (reference != null && reference.isTextual()) {
                String target = targetOf(from, reference.textValue(), patientUrl);
                if (target != null) {
                    object.put("reference", target);
                }
            }
            object.elements().forEachRemaining(child -> rewrite(child, from, patientUrl));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewrite(child, from, patientUrl));
        }
    }

    private String targetOf(StoredRecord from, String reference, String patientUrl) {
        if (reference.startsWith("#")) {
            return null;
        }
        if (index.resolve(from, reference) instanceof Resolution.InVault found) {
            StoredRecord target = found.record();
            if ("Patient".equals(target.resource().resourceType()) && patientUrl != null) {
                return patientUrl;
            }
            return included.containsKey(target.id()) ? fullUrls.get(target.id()) : null;
        }
        return null;
    }

    static ObjectNode tree(StoredRecord record) {
        try {
            JsonNode node = ShareJson.read(record.resource().json());
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // Stored JSON was written by the records reader; should a row hold anything else, it is not shared.
        }
        throw new IllegalStateException("a stored record is not a JSON object");
    }

    /** Every reference string in a record, contained resources included. */
    static List<String> references(StoredRecord record) {
        List<String> found = new ArrayList<>();
        collect(tree(record), found);
        return found;
    }

    private static void collect(JsonNode node, List<String> found) {
        if (node instanceof ObjectNode object) {
            JsonNode reference = object.get("reference");
            if (reference != null && reference.isTextual()) {
                found.add(reference.textValue());
            }
            object.elements().forEachRemaining(child -> collect(child, found));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> collect(child, found));
        }
    }

    /** The vault's Patient record the chosen records name most; else the first Patient record; else none. */
    private static Optional<StoredRecord> subjectOf(RecordIndex index, List<StoredRecord> chosen,
                                                    Map<UUID, List<String>> referencesOf) {
        List<StoredRecord> patients = index.byType("Patient");
        if (patients.isEmpty()) {
            return Optional.empty();
        }
        Map<UUID, Integer> named = new HashMap<>();
        for (StoredRecord record : chosen) {
            if ("Patient".equals(record.resource().resourceType())) {
                named.merge(record.id(), 1, Integer::sum);
                continue;
            }
            for (String reference : referencesOf.get(record.id())) {
                if (index.resolve(record, reference) instanceof Resolution.InVault found
                        && "Patient".equals(found.record().resource().resourceType())) {
                    named.merge(found.record().id(), 1, Integer::sum);
                }
            }
        }
        StoredRecord best = patients.get(0);
        int most = named.getOrDefault(best.id(), 0);
        for (StoredRecord patient : patients) {
            int count = named.getOrDefault(patient.id(), 0);
            if (count > most) {
                best = patient;
                most = count;
            }
        }
        return Optional.of(best);
    }
}
