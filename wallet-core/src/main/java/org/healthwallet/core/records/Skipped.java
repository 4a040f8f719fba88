package org.healthwallet.core.records;

/**
 * An entry that could not be imported, with where it was and why, in words a patient can read.
 *
 * @param source the file (or source label) it came from
 * @param position where in that source: {@code entry 12}, {@code line 40}
 * @param resourceType the entry's resourceType when it had one, else {@code null}
 * @param reason why it was skipped
 */
public record Skipped(String source, String position, String resourceType, String reason) {}
