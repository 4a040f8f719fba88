package org.healthwallet.core.ledger;

/** How the last sync of the ledger ended. */
public enum SyncOutcome {
    /** This profile has not synced with this consortium yet. */
    NEVER,
    /** Verified, confirmed by a witness, and kept. */
    SYNCED,
    /** A node could not be reached or gave a header that does not verify; nothing new was trusted. */
    FAILED,
    /** The person stopped it; nothing new was trusted. */
    CANCELLED,
    /** The newest verified header is older than the trusting period: a new checkpoint is needed. */
    TRUST_EXPIRED,
    /** The primary node and a witness showed two verified histories: an attack, reported. */
    ATTACK
}
