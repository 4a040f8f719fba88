package org.healthwallet.node.ledger;

import java.util.Optional;

import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;

/**
 * A value of the committed state at {@code height} (absent if the key holds nothing) and its proof
 * against that height's app hash, which CometBFT puts in the header of {@code height + 1}.
 */
public record StateQuery(long height, StateKey key, Optional<byte[]> value, StateProof proof) {
}
