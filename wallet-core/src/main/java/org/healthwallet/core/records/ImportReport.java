package org.healthwallet.core.records;

import java.util.List;
import java.util.Map;

/**
 * What one import did.
 *
 * @param added records new to the vault
 * @param merged records that were already in the vault (same content) and gained a provenance entry
 * @param importedByType for each resource type, how many entries of the sources were imported
 *                       (added + merged), so it equals the file's count minus what was skipped
 * @param skipped every entry that was not imported, with its position and reason
 */
public record ImportReport(int added, int merged, Map<String, Integer> importedByType, List<Skipped> skipped) {
    public ImportReport {
        importedByType = Map.copyOf(importedByType);
        skipped = List.copyOf(skipped);
    }
}
