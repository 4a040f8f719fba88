package org.healthwallet.node.ledger;

import java.util.Optional;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.AnchorRecord;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.state.GrantRecord;
import org.healthwallet.ledger.state.HandOverRecord;
import org.healthwallet.ledger.state.OperatorSet;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.state.Revocation;
import org.healthwallet.ledger.state.SignerNonce;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;

/** Typed reads of the ledger state through any {@link StateReader} (committed, block or mempool view). */
public final class LedgerView {
    /** How far {@link #isSuccessorOf} follows a chain of hand-overs. */
    private static final int MAX_SUCCESSION = 16;

    private final StateReader reader;

    public LedgerView(StateReader reader) {
        this.reader = reader;
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T decode(byte[] bytes) throws DecodeException;
    }

    private <T> Optional<T> read(StateKey key, Decoder<T> decoder) {
        Optional<byte[]> bytes = reader.get(key);
        if (bytes.isEmpty()) return Optional.empty();
        try {
            return Optional.of(decoder.decode(bytes.get()));
        } catch (DecodeException e) {
            // Only this application writes the state, so unreadable state is a bug or a damaged file.
            throw new IllegalStateException("The ledger state under key " + key + " cannot be read: " + e.getMessage(), e);
        }
    }

    public Optional<GrantRecord> grant(Digest shareId) {
        return read(StateKey.grant(shareId), GrantRecord::decode);
    }

    public Optional<Revocation> revocation(Digest shareId) {
        return read(StateKey.revocation(shareId), Revocation::decode);
    }

    public SignerNonce nonce(Ed25519PublicKey signer) {
        return read(StateKey.nonce(signer), SignerNonce::decode).orElse(new SignerNonce(0));
    }

    public Optional<DelegationRecord> delegation(Ed25519PublicKey dependent, Ed25519PublicKey caregiver) {
        return read(StateKey.delegation(dependent, caregiver), DelegationRecord::decode);
    }

    public Optional<RelayRecord> relay(Ed25519PublicKey relay) {
        return read(StateKey.relay(relay), RelayRecord::decode);
    }

    public Optional<AnchorRecord> anchor(Ed25519PublicKey provider, Digest recordHash) {
        return read(StateKey.anchor(provider, recordHash), AnchorRecord::decode);
    }

    public AccessLogHead accessLogHead(Ed25519PublicKey patient) {
        return read(StateKey.accessLogHead(patient), AccessLogHead::decode).orElse(AccessLogHead.EMPTY);
    }

    public Optional<AccessEntry> accessLogEntry(Ed25519PublicKey patient, long index) {
        return read(StateKey.accessLogEntry(patient, index), AccessEntry::decode);
    }

    public Optional<HandOverRecord> handOver(Ed25519PublicKey retired) {
        return read(StateKey.handOver(retired), HandOverRecord::decode);
    }

    public OperatorSet operators() {
        return read(StateKey.operators(), OperatorSet::decode).orElse(new OperatorSet(java.util.List.of()));
    }

    /** Whether {@code candidate} took over from {@code original} through one or more hand-overs. */
    public boolean isSuccessorOf(Ed25519PublicKey candidate, Ed25519PublicKey original) {
        Ed25519PublicKey current = original;
        for (int hop = 0; hop < MAX_SUCCESSION; hop++) {
            Optional<HandOverRecord> next = handOver(current);
            if (next.isEmpty()) return false;
            current = next.get().successor();
            if (current.equals(candidate)) return true;
        }
        return false;
    }

    /**
     * Whether {@code caregiver} may act for {@code dependent} with {@code scopeBit} at {@code time}:
     * an active delegation that allows it, from a dependent key that has not been handed over.
     */
    public boolean mayActFor(Ed25519PublicKey caregiver, Ed25519PublicKey dependent, int scopeBit, long time) {
        if (handOver(dependent).isPresent()) return false;
        return delegation(dependent, caregiver).map(d -> d.allowsAt(scopeBit, time)).orElse(false);
    }
}
