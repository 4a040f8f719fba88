package org.healthwallet.core.vault;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.healthwallet.core.records.ImportProgress;

/** Remembers every progress update, and cancels when told to (e.g. after some entries). */
final class RecordingProgress implements ImportProgress {
    record Update(String phase, long done, long total) {}

    final List<Update> updates = new CopyOnWriteArrayList<>();
    private final Predicate<Update> cancelWhen;
    private volatile boolean cancelled;

    RecordingProgress() {
        this(u -> false);
    }

    RecordingProgress(Predicate<Update> cancelWhen) {
        this.cancelWhen = cancelWhen;
    }

    @Override
    public void update(String phase, long done, long total) {
        Update u = new Update(phase, done, total);
        updates.add(u);
        if (cancelWhen.test(u)) {
            cancelled = true;
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    long[] last(String phase) {
        for (int i = updates.size() - 1; i >= 0; i--) {
            if (updates.get(i).phase().equals(phase)) {
                return new long[] {updates.get(i).done(), updates.get(i).total()};
            }
        }
        return null;
    }
}
