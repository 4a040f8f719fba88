package org.healthwallet.core.share;

import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;

/**
 * Where grants and their revocations are recorded: the consortium ledger. {@link Sharing} builds the
 * payloads (ledger-light-client's transaction types); an implementation signs them with the
 * patient's key (or a caregiver's under a delegation), submits them and returns once they are
 * committed. The ledger sees only digests: SHA-256 of the relay's share id and of the encrypted
 * files, never the records or the key.
 */
public interface GrantLedger {
    /** Records that a share exists until its expiry; returns once committed. */
    void issue(GrantIssued grant) throws ShareException;

    /**
     * Records that a share was revoked; returns once a read proven against a verified header shows
     * the revocation in the ledger's state. A grant already revoked (an earlier attempt that got
     * there) counts as done.
     */
    void revoke(GrantRevoked revocation) throws ShareException;

    /**
     * Revokes a grant that may never have been recorded (a share that was not finished): the ledger
     * having no such grant, or having it revoked already, is no error. Returns once committed or
     * found unnecessary.
     */
    void withdraw(GrantRevoked revocation) throws ShareException;
}
