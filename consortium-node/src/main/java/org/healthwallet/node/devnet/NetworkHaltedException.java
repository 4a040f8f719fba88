package org.healthwallet.node.devnet;

/**
 * The network cannot commit a block: validators holding more than 1/3 of the voting power are
 * offline, so no block can get the more than 2/3 that CometBFT requires. The chain stays where it
 * is until enough validators come back.
 */
public final class NetworkHaltedException extends Exception {
    private static final long serialVersionUID = 1L;

    public NetworkHaltedException(String message) {
        super(message);
    }
}
