package org.healthwallet.core.records;

import java.util.List;

/** What one source (a file) yielded: the readable resources and the entries that were skipped. */
public record ParsedSource(String sourceLabel, List<FhirResource> resources, List<Skipped> skipped) {
    public ParsedSource {
        resources = List.copyOf(resources);
        skipped = List.copyOf(skipped);
    }
}
