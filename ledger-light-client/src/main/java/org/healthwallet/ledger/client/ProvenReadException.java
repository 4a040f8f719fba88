package org.healthwallet.ledger.client;

import java.util.Objects;

/**
 * A state read that was not believed, with the node it came from and the check that caught it;
 * the message is written for the person (or operator) who sees it.
 */
public final class ProvenReadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The check that failed. */
    public enum Check {
        /** The node did not answer, or answered with something that is not CometBFT's. */
        REACHABLE,
        /** The node answered without a proof for the key asked, or the query failed. */
        PROOF_GIVEN,
        /** The proof does not lead to the app hash of the header the light client verified. */
        PROOF_HOLDS,
        /** The light client could not verify the header the proof needs. */
        HEADER_VERIFIED,
        /** The answer is older than the newest height the consortium reports, minus the lag. */
        FRESH
    }

    private final Check check;
    private final String node;

    public ProvenReadException(Check check, String node, String message) {
        this(check, node, message, null);
    }

    public ProvenReadException(Check check, String node, String message, Throwable cause) {
        super(message, cause);
        this.check = Objects.requireNonNull(check, "check");
        this.node = Objects.requireNonNull(node, "node");
    }

    public Check check() {
        return check;
    }

    /** The node whose answer failed the check. */
    public String node() {
        return node;
    }
}
