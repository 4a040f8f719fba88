package org.healthwallet.core.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The unlocked vault's records, looked up the ways the app needs: by row id, by FHIR identity,
 * by category, and by following a reference from one record to another.
 *
 * <p>Built once after unlock from the decrypted records. Building reads no JSON except the
 * category of Observations and DiagnosticReports (with a streaming parser), so it stays cheap
 * for tens of thousands of records. Immutable and thread-safe.
 */
public final class RecordIndex {
    private final List<StoredRecord> records;
    private final Map<UUID, StoredRecord> byRowId;
    private final Map<UUID, Category> categories;
    private final Map<Category, List<StoredRecord>> byCategory;
    private final Map<String, List<StoredRecord>> byType;
    private final Map<String, List<StoredRecord>> byTypeAndId;
    private final Map<String, List<StoredRecord>> byFullUrl;
    private final Map<String, List<StoredRecord>> byBareId;

    private RecordIndex(List<StoredRecord> records) {
        this.records = List.copyOf(records);
        int size = records.size();
        byRowId = new HashMap<>(size * 2);
        categories = new HashMap<>(size * 2);
        byType = new HashMap<>();
        byTypeAndId = new HashMap<>(size * 2);
        byFullUrl = new HashMap<>(size * 2);
        byBareId = new HashMap<>(size * 2);
        Map<Category, List<StoredRecord>> grouped = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            grouped.put(category, new ArrayList<>());
        }
        for (StoredRecord record : this.records) {
            FhirResource resource = record.resource();
            byRowId.put(record.id(), record);
            Category category = Category.of(resource);
            categories.put(record.id(), category);
            grouped.get(category).add(record);
            add(byType, resource.resourceType(), record);
            if (resource.id() != null) {
                add(byTypeAndId, resource.resourceType() + "/" + resource.id(), record);
                add(byBareId, resource.id(), record);
            }
            if (resource.fullUrl() != null) {
                add(byFullUrl, resource.fullUrl(), record);
            }
        }
        grouped.replaceAll((category, list) -> List.copyOf(list));
        byCategory = Collections.unmodifiableMap(grouped);
    }

    public static RecordIndex of(List<StoredRecord> records) {
        return new RecordIndex(records);
    }

    private static void add(Map<String, List<StoredRecord>> map, String key, StoredRecord record) {
        map.computeIfAbsent(key, k -> new ArrayList<>(1)).add(record);
    }

    /** Every record, in the order the vault gave them. */
    public List<StoredRecord> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    /** A record by its vault row id. */
    public Optional<StoredRecord> byId(UUID id) {
        return Optional.ofNullable(byRowId.get(id));
    }

    /** A record by its FHIR type and logical id (the first imported, when two sources share the id). */
    public Optional<StoredRecord> find(String resourceType, String id) {
        List<StoredRecord> found = byTypeAndId.get(resourceType + "/" + id);
        return found == null ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<StoredRecord> byType(String resourceType) {
        return byType.getOrDefault(resourceType, List.of());
    }

    public List<StoredRecord> byCategory(Category category) {
        return byCategory.get(category);
    }

    public Category categoryOf(StoredRecord record) {
        Category category = categories.get(record.id());
        return category != null ? category : Category.of(record.resource());
    }

    /** How many records each category holds (every category present, zero included). */
    public Map<Category, Integer> counts() {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        byCategory.forEach((category, list) -> counts.put(category, list.size()));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * Follows a reference written in {@code from}. Where two records match (two sources that
     * reuse an id), the one sharing a source with {@code from} wins.
     */
    public Resolution resolve(StoredRecord from, String reference) {
        if (reference == null || reference.isBlank()) {
            return new Resolution.Unresolved(reference == null ? "" : reference);
        }
        Reference parsed = Reference.parse(reference.strip());
        if (parsed.kind() == Reference.Kind.CONTAINED) {
            return contained(from, parsed.id(), reference);
        }
        StoredRecord found = switch (parsed.kind()) {
            case URN -> urn(from, parsed);
            case RELATIVE -> relative(from, parsed);
            case ABSOLUTE -> absolute(from, parsed);
            case OTHER -> pick(byFullUrl.get(parsed.text()), from);
            // A conditional reference names a search on the sender's server; kept as written.
            case CONDITIONAL, CONTAINED -> null;
        };
        return found != null ? new Resolution.InVault(found) : new Resolution.Unresolved(reference);
    }

    private StoredRecord urn(StoredRecord from, Reference reference) {
        StoredRecord found = pick(byFullUrl.get(reference.text()), from);
        if (found == null && reference.id() != null) {
            // A record merged from two sources keeps the first source's fullUrl; exports that mint
            // urn:uuid from the resource id (Synthea) still lead to it by that id.
            found = pick(byBareId.get(reference.id()), from);
        }
        return found;
    }

    private StoredRecord relative(StoredRecord from, Reference reference) {
        String fromUrl = from == null ? null : from.resource().fullUrl();
        if (fromUrl != null) {
            Reference self = Reference.parse(fromUrl);
            if (self.kind() == Reference.Kind.ABSOLUTE) {
                // Inside a Bundle, Type/id is relative to the referring entry's server base.
                StoredRecord sameServer = pick(byFullUrl.get(self.base() + "/" + reference.typeAndId()), from);
                if (sameServer != null) {
                    return sameServer;
                }
            }
        }
        return pick(byTypeAndId.get(reference.typeAndId()), from);
    }

    private StoredRecord absolute(StoredRecord from, Reference reference) {
        StoredRecord found = pick(byFullUrl.get(reference.text()), from);
        if (found == null) {
            found = pick(byFullUrl.get(reference.unversionedUrl()), from);
        }
        return found != null ? found : pick(byTypeAndId.get(reference.typeAndId()), from);
    }

    private static Resolution contained(StoredRecord from, String id, String reference) {
        if (from == null) {
            return new Resolution.Unresolved(reference);
        }
        if (id.isEmpty()) {
            return new Resolution.InVault(from);
        }
        JsonNode resource = FhirJson.tree(from.resource());
        for (JsonNode contained : resource.path("contained")) {
            if (id.equals(contained.path("id").asText(null))) {
                return new Resolution.Contained(from, new FhirResource(contained.path("resourceType").asText("Basic"),
                        id, null, FhirJson.compact(contained)));
            }
        }
        return new Resolution.Unresolved(reference);
    }

    private static StoredRecord pick(List<StoredRecord> candidates, StoredRecord from) {
        if (candidates == null || candidates.isEmpty()) {
            return null;
        }
        if (candidates.size() == 1 || from == null) {
            return candidates.get(0);
        }
        Set<String> sources = new HashSet<>();
        for (Provenance provenance : from.provenance()) {
            sources.add(provenance.source());
        }
        for (StoredRecord candidate : candidates) {
            for (Provenance provenance : candidate.provenance()) {
                if (sources.contains(provenance.source())) {
                    return candidate;
                }
            }
        }
        return candidates.get(0);
    }
}
