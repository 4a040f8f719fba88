package org.healthwallet.app.share;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.healthwallet.core.accesslog.AccessLogException;
import org.healthwallet.core.accesslog.LedgerAccessLog;
import org.healthwallet.core.ledger.LedgerConnection;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.tx.Digest;

/**
 * Who opened the patient's shares, from the ledger: the access log head read with a proof against
 * a light-client-verified header, every entry read and the hash chain recomputed, so a node that
 * leaves out, alters or reorders an entry is caught (wallet-core's {@link LedgerAccessLog} does the
 * checking). The relay writes an entry before it serves.
 */
public final class ShareOpenings {
    private final LedgerAccessLog log;

    public ShareOpenings(LedgerConnection ledger) {
        NodeRpc rpc = NodeRpc.of(ledger.config().primary());
        LedgerState state = new LedgerState(rpc, Objects.requireNonNull(ledger, "ledger"), Duration.ofSeconds(15));
        this.log = new LedgerAccessLog(state::read);
    }

    /** The verified head of {@code patient}'s access log (length 0 when nobody opened anything). */
    public AccessLogHead head(Ed25519PublicKey patient) throws ShareException {
        try {
            return log.head(patient).head();
        } catch (AccessLogException e) {
            throw new ShareException(e.getMessage(), e);
        }
    }

    /** Every entry of the log, checked against the verified head. */
    public List<AccessEntry> entries(Ed25519PublicKey patient) throws ShareException {
        try {
            return log.extend(patient, AccessLogHead.EMPTY).entries();
        } catch (AccessLogException e) {
            throw new ShareException(e.getMessage(), e);
        }
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
