package org.healthwallet.node.ledger;

import java.util.Optional;

import org.healthwallet.ledger.state.StateKey;

/** Reads a value of the ledger state. */
@FunctionalInterface
public interface StateReader {
    Optional<byte[]> get(StateKey key);
}
