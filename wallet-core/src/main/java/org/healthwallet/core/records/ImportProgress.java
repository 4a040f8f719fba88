package org.healthwallet.core.records;

/** Progress of a long import, and the way to cancel it. Implementations must be thread-safe. */
public interface ImportProgress {
    /** @param phase what is happening ("reading", "storing"), done and total in that phase's units */
    void update(String phase, long done, long total);

    /** Checked between entries; when true the import stops and nothing of it is kept. */
    boolean isCancelled();

    ImportProgress NONE = new ImportProgress() {
        @Override public void update(String phase, long done, long total) {}
        @Override public boolean isCancelled() { return false; }
    };
}
