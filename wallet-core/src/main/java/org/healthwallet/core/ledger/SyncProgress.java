package org.healthwallet.core.ledger;

/**
 * Told what a sync is doing, and asked whether to stop. Called on the syncing thread or, while the
 * witnesses are asked concurrently, on their threads, but never by two threads at once (calls are
 * serialised by the connection); an implementation that updates a screen hands the news to the UI
 * thread itself.
 */
public interface SyncProgress {
    SyncProgress NONE = new SyncProgress() {
        @Override public void fetched(String source, long height) {
        }

        @Override public boolean isCancelled() {
            return false;
        }
    };

    /** A light block arrived from {@code source} (the primary or a witness) and is about to be verified. */
    void fetched(String source, long height);

    /** Checked before every request; once true, the sync stops and nothing new is trusted. */
    boolean isCancelled();
}
