package org.healthwallet.ledger.client;

import org.healthwallet.ledger.cometbft.LightBlock;

/**
 * A source of light blocks (a CometBFT node's RPC, or blocks held in memory). Nothing it returns is
 * trusted: the light client verifies every block.
 */
public interface Provider {
    /** How the user knows this source, e.g. its URL. */
    String id();

    /** The signed header at {@code height} with the validator sets of that height and the next. */
    LightBlock lightBlock(long height) throws ProviderException;

    /** The newest block the source has. */
    LightBlock latest() throws ProviderException;
}
