package org.healthwallet.app.share;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.core.ledger.LedgerConnection;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.ledger.VerifiedState;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.Ed25519PublicKey;

/**
 * Who opened the patient's shares, from the ledger: the access log head read with a proof against
 * a light-client-verified header, every entry read and the hash chain recomputed, so a node that
 * leaves out, alters or reorders an entry is caught. The relay writes an entry before it serves.
 */
public final class ShareOpenings {
    private final VerifiedState state;

    public ShareOpenings(LedgerConnection ledger) {
        NodeRpc rpc = NodeRpc.of(ledger.config().primary());
        this.state = new VerifiedState(rpc, Objects.requireNonNull(ledger, "ledger"), Duration.ofSeconds(15));
    }

    /** The verified head of {@code patient}'s access log (length 0 when nobody opened anything). */
    public AccessLogHead head(Ed25519PublicKey patient) throws ShareException {
        try {
            Optional<byte[]> value = state.read(StateKey.accessLogHead(patient)).value();
            return value.isEmpty() ? AccessLogHead.EMPTY : AccessLogHead.decode(value.get());
        } catch (LedgerException e) {
            throw new ShareException("The access log could not be read from the ledger. " + e.getMessage(), e);
        } catch (DecodeException e) {
            throw new ShareException("The ledger holds an access log head HealthWallet cannot read (" + e.getMessage() + ").", e);
        }
    }

    /** Every entry of the log, checked against the verified head. */
    public List<AccessEntry> entries(Ed25519PublicKey patient) throws ShareException {
        AccessLogHead head = head(patient);
        List<AccessEntry> entries = new ArrayList<>();
        AccessLogHead chain = AccessLogHead.EMPTY;
        try {
            for (long i = 0; i < head.length(); i++) {
                Optional<byte[]> value = state.read(StateKey.accessLogEntry(patient, i)).value();
                if (value.isEmpty()) {
                    throw new ShareException("The ledger's access log misses entry " + i + " of " + head.length() + ".");
                }
                AccessEntry entry = AccessEntry.decode(value.get());
                chain = chain.append(entry);
                entries.add(entry);
            }
        } catch (LedgerException e) {
            throw new ShareException("The access log could not be read from the ledger. " + e.getMessage(), e);
        } catch (DecodeException e) {
            throw new ShareException("The ledger holds an access log entry HealthWallet cannot read (" + e.getMessage() + ").", e);
        }
        // Exactly the head's length was read, so the recomputed chain must be the verified head.
        if (!chain.head().equals(head.head())) {
            throw new ShareException("The access log the ledger node sent does not match its verified head; it was not used.");
        }
        return entries;
    }

    /** How many times each share (by its ledger id, {@code Share.grantId()}) was opened. */
    public Map<Digest, Integer> countByShare(Ed25519PublicKey patient) throws ShareException {
        Map<Digest, Integer> counts = new HashMap<>();
        for (AccessEntry e : entries(patient)) {
            counts.merge(e.shareId(), 1, Integer::sum);
        }
        return counts;
    }
}
