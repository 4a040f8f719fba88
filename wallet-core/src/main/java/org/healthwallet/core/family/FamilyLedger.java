package org.healthwallet.core.family;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.state.HandOverRecord;
import org.healthwallet.ledger.tx.Payload;

/**
 * The ledger as caregiving needs it: submit a transaction signed by a given key (the patient's, a
 * child's held by the parent, a caregiver's), and read delegations and hand-overs, each proven
 * against a header the light client verified. {@link RpcFamilyLedger} is the real one.
 */
public interface FamilyLedger {
    /**
     * Told of a wallet a take-over just made, before anything is submitted: its file keeps the
     * ledger's verified headers, sealed with its key.
     */
    default void walletCreated(org.healthwallet.core.vault.Vault wallet) {
    }

    /** The consortium's chain (an invitation names it; a hand-over's acceptance signs it). */
    String chainId();

    /**
     * Signs {@code payload} with {@code key} (through {@code sign}) and returns once it is committed.
     *
     * @param failure the sentence that opens the message when it fails
     * @throws FamilyException the ledger refused it, or could not be reached (the message says which)
     */
    void submit(Ed25519PublicKey key, UnaryOperator<byte[]> sign, Payload payload, String failure) throws FamilyException;

    /** The delegation from {@code dependent} to {@code caregiver}, proven present or absent. */
    Optional<DelegationRecord> delegation(Ed25519PublicKey dependent, Ed25519PublicKey caregiver) throws FamilyException;

    /** The hand-over of {@code key} to a successor, proven present or absent. */
    Optional<HandOverRecord> handOver(Ed25519PublicKey key) throws FamilyException;
}
