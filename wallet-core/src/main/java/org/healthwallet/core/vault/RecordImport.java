package org.healthwallet.core.vault;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.Provenance;
import org.healthwallet.core.records.Skipped;
import org.healthwallet.core.records.StoredRecord;

/**
 * Works out what one import changes, without touching the vault: which resources are new records
 * and which merge into a record already held (same content hash) or met earlier in the same call.
 * A merged record gains the source's provenance; its version bumps once per import, however many
 * sources of the import carry it.
 */
final class RecordImport {
    /** A row to write: the record as it will be, and the version the row has now (0: a new row). */
    record Staged(Vault.Held held, int previousVersion) {}

    record Result(List<Staged> rows, ImportReport report) {}

    private final Map<UUID, Vault.Held> existing;
    private final Map<String, UUID> existingByHash;

    RecordImport(Map<UUID, Vault.Held> existing, Map<String, UUID> existingByHash) {
        this.existing = existing;
        this.existingByHash = existingByHash;
    }

    Result stage(List<ParsedSource> sources, ImportProgress progress) throws ImportCancelledException {
        // Microseconds: what a later comparison of provenance should see, on every platform.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long total = 0;
        for (ParsedSource s : sources) {
            total += s.resources().size();
        }
        Map<UUID, Staged> staged = new LinkedHashMap<>();
        Map<String, UUID> stagedByHash = new HashMap<>();
        Map<String, Integer> byType = new TreeMap<>();
        List<Skipped> skipped = new ArrayList<>();
        int added = 0;
        int merged = 0;
        long done = 0;
        progress.update("importing", 0, total);
        for (ParsedSource source : sources) {
            skipped.addAll(source.skipped());
            for (FhirResource resource : source.resources()) {
                if (progress.isCancelled()) {
                    throw new ImportCancelledException();
                }
                String hash = resource.contentHash();
                Provenance provenance = new Provenance(source.sourceLabel(), now, hash);
                UUID id = stagedByHash.get(hash);
                if (id == null) {
                    id = existingByHash.get(hash);
                }
                if (id == null) {
                    id = UUID.randomUUID();
                    StoredRecord record = new StoredRecord(id, 1, resource, List.of(provenance));
                    staged.put(id, new Staged(new Vault.Held(record, hash), 0));
                    stagedByHash.put(hash, id);
                    added++;
                } else {
                    Staged before = staged.get(id);
                    StoredRecord current = before != null ? before.held().record() : existing.get(id).record();
                    int previousVersion = before != null ? before.previousVersion() : current.version();
                    int version = previousVersion == 0 ? 1 : previousVersion + 1;
                    List<Provenance> provenances = new ArrayList<>(current.provenance());
                    if (!provenances.contains(provenance)) {
                        provenances.add(provenance);
                    }
                    StoredRecord record = new StoredRecord(id, version, current.resource(), provenances);
                    staged.put(id, new Staged(new Vault.Held(record, hash), previousVersion));
                    stagedByHash.put(hash, id);
                    merged++;
                }
                byType.merge(resource.resourceType(), 1, Integer::sum);
                progress.update("importing", ++done, total);
            }
        }
        return new Result(List.copyOf(staged.values()), new ImportReport(added, merged, byType, skipped));
    }
}
