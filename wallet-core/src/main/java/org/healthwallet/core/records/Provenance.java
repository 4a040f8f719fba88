package org.healthwallet.core.records;

import java.time.Instant;

/**
 * Where a stored record came from. A record merged from two sources keeps one of these per source.
 *
 * @param source the source label (usually the file name, or what the patient named the provider)
 * @param importedAt when it was imported
 * @param contentHash hex SHA-256 of the resource's canonical JSON
 */
public record Provenance(String source, Instant importedAt, String contentHash) {}
