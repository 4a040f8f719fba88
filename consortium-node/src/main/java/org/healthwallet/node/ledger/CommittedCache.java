package org.healthwallet.node.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.healthwallet.ledger.state.StateKey;

/**
 * The most recently used committed values (and absences: most keys a transaction checks, such as a
 * revocation or a hand-over, do not exist), so a block does not go to SQLite for every read. Kept
 * exact by {@link #putAll} at each commit. Used under the ledger's lock only.
 */
final class CommittedCache {
    private static final int MAX_ENTRIES = 100_000;

    private final Map<StateKey, Optional<byte[]>> entries = new LinkedHashMap<>(4096, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<StateKey, Optional<byte[]>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    Optional<byte[]> get(StateKey key, Function<StateKey, Optional<byte[]>> load) {
        Optional<byte[]> cached = entries.get(key);
        if (cached != null) return cached;
        Optional<byte[]> loaded = load.apply(key);
        entries.put(key, loaded);
        return loaded;
    }

    void putAll(Map<StateKey, byte[]> committed) {
        committed.forEach((key, value) -> entries.put(key, Optional.of(value)));
    }

    void clear() {
        entries.clear();
    }
}
