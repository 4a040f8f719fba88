package org.healthwallet.node.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.healthwallet.ledger.state.StateKey;

/**
 * Writes not yet committed, layered over a reader: one layer per transaction over one per block
 * over the committed store. A failed transaction's layer is dropped, so it changes nothing; a
 * successful one is merged into the block's layer.
 */
final class PendingWrites implements StateReader {
    private final StateReader parent;
    private final Map<StateKey, byte[]> writes = new LinkedHashMap<>();

    PendingWrites(StateReader parent) {
        this.parent = parent;
    }

    @Override
    public Optional<byte[]> get(StateKey key) {
        if (writes.containsKey(key)) return Optional.ofNullable(writes.get(key));
        return parent.get(key);
    }

    void put(StateKey key, byte[] value) {
        if (value == null || value.length == 0) throw new IllegalArgumentException("state values are never empty");
        writes.put(key, value);
    }

    /** Moves this layer's writes into {@code target} (the layer below). */
    void mergeInto(PendingWrites target) {
        target.writes.putAll(writes);
        writes.clear();
    }

    /** Key to new value; the ledger never deletes, so every value is present. */
    Map<StateKey, byte[]> writes() {
        return Collections.unmodifiableMap(writes);
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }
}
