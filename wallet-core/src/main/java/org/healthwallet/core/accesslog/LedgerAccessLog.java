package org.healthwallet.core.accesslog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.DecodeException;

/**
 * A patient's access log as the ledger holds it: the head (length and hash-chain head) read with a
 * proof, and the entries after a known, verified prefix, each checked to follow the one before and
 * together to end exactly at the verified head; and the ledger's record of the relays that served
 * them. Nothing here is kept; {@link AccessLog} keeps it.
 */
public final class LedgerAccessLog {
    private final StateSource state;
    private final String node;

    /** @param node the node that answers, as the patient should read it ("the ledger node http://…") */
    public LedgerAccessLog(StateSource state, String node) {
        this.state = Objects.requireNonNull(state, "state");
        this.node = Objects.requireNonNull(node, "node");
    }

    /** Naming the answering node only as "the ledger node". */
    public LedgerAccessLog(StateSource state) {
        this(state, "the ledger node");
    }

    /** The verified head and the header height that proves it. */
    public record ProvenHead(AccessLogHead head, long provenAtHeight) {
    }

    /** The entries after {@code known}, which together with it end at {@code head}. */
    public record Extension(ProvenHead head, List<AccessEntry> entries) {
        public Extension {
            entries = List.copyOf(entries);
        }
    }

    /** The log's head, read with a proof (length 0 when nobody opened anything). */
    public ProvenHead head(Ed25519PublicKey patient) throws AccessLogException {
        try {
            LedgerState.Read read = state.read(StateKey.accessLogHead(patient));
            Optional<byte[]> value = read.value();
            AccessLogHead head = value.isEmpty() ? AccessLogHead.EMPTY : AccessLogHead.decode(value.get());
            return new ProvenHead(head, read.provenAgainst().height());
        } catch (LedgerException e) {
            throw new AccessLogException(AccessLogException.Kind.UNREADABLE,
                    "The access log's head could not be verified. " + e.getMessage(), e);
        } catch (DecodeException e) {
            throw new AccessLogException(AccessLogException.Kind.UNREADABLE, "The access log head " + node
                    + " sent cannot be read by HealthWallet (" + e.getMessage() + ").", e);
        }
    }

    /**
     * The entries beyond {@code known} (a prefix the wallet verified before), checked against the
     * newly verified head.
     *
     * @throws AccessLogException MISMATCH when the entries do not lead to the verified head (missing,
     *                            reordered or altered), UNREADABLE when the ledger cannot be read
     */
    public Extension extend(Ed25519PublicKey patient, AccessLogHead known) throws AccessLogException {
        return extend(patient, known, 0);
    }

    /**
     * As {@link #extend(Ed25519PublicKey, AccessLogHead)}, for a {@code known} prefix that was proven
     * by the header of height {@code knownProvenAtHeight}: a head proven by an older header is a
     * stale answer (a node behind, or one replaying an old answer to hide newer accesses) and refused.
     */
    public Extension extend(Ed25519PublicKey patient, AccessLogHead known, long knownProvenAtHeight)
            throws AccessLogException {
        ProvenHead proven = head(patient);
        AccessLogHead head = proven.head();
        if (proven.provenAtHeight() < knownProvenAtHeight) {
            throw new AccessLogException(AccessLogException.Kind.UNREADABLE, "The access log head " + node
                    + " sent is proven only by block " + proven.provenAtHeight() + ", older than block "
                    + knownProvenAtHeight + " against which this wallet already verified its log: the node is behind,"
                    + " or is replaying an old answer to hide newer accesses. The last verified log was kept; try"
                    + " again later or through another node.");
        }
        if (head.length() < known.length()) {
            throw new AccessLogException(AccessLogException.Kind.MISMATCH, "The access log head " + node
                    + " sent (proven at block " + proven.provenAtHeight() + ") has " + head.length()
                    + " entries but this wallet already verified " + known.length()
                    + "; an access log never shrinks. The last verified log was kept.");
        }
        List<AccessEntry> entries = new ArrayList<>();
        AccessLogHead chain = known;
        try {
            for (long i = known.length(); i < head.length(); i++) {
                Optional<byte[]> value = state.read(StateKey.accessLogEntry(patient, i)).value();
                if (value.isEmpty()) {
                    throw mismatch("entry " + (i + 1) + " of " + head.length() + " is missing");
                }
                AccessEntry entry = AccessEntry.decode(value.get());
                if (entry.index() != i) {
                    throw mismatch("entry " + (i + 1) + " of " + head.length() + " is out of order (it says it is entry "
                            + (entry.index() + 1) + ")");
                }
                chain = chain.append(entry);
                entries.add(entry);
            }
        } catch (LedgerException e) {
            throw new AccessLogException(AccessLogException.Kind.UNREADABLE,
                    "The access log's entries could not be verified. " + e.getMessage(), e);
        } catch (DecodeException e) {
            throw mismatch("an entry cannot be read (" + e.getMessage() + ")");
        }
        // Exactly the head's length was read, so the recomputed chain must be the verified head.
        if (!chain.head().equals(head.head())) {
            throw mismatch("the entries do not lead to the verified head of the log at height " + proven.provenAtHeight()
                    + " (an entry was altered, reordered or left out, or the log this wallet kept was rewritten)");
        }
        return new Extension(proven, entries);
    }

    /**
     * The ledger's record of each distinct relay that served {@code entries}, each read once with a
     * proof: {@link VerifiedAccess.Relay.Registered} with its URL, or {@link VerifiedAccess.Relay.Unregistered}
     * when the ledger proves it holds none.
     *
     * @throws AccessLogException UNREADABLE when a relay's record cannot be read with a proof
     */
    public Map<Ed25519PublicKey, VerifiedAccess.Relay> relays(Collection<AccessEntry> entries) throws AccessLogException {
        Map<Ed25519PublicKey, VerifiedAccess.Relay> relays = new LinkedHashMap<>();
        for (AccessEntry entry : entries) {
            if (!relays.containsKey(entry.relay())) {
                relays.put(entry.relay(), relay(entry.relay()));
            }
        }
        return relays;
    }

    private VerifiedAccess.Relay relay(Ed25519PublicKey key) throws AccessLogException {
        String which = "relay " + key.hex().substring(0, 8) + "…";
        try {
            Optional<byte[]> value = state.read(StateKey.relay(key)).value();
            if (value.isEmpty()) {
                return new VerifiedAccess.Relay.Unregistered();
            }
            RelayRecord record = RelayRecord.decode(value.get());
            if (!record.relay().equals(key)) {
                throw new AccessLogException(AccessLogException.Kind.UNREADABLE, "The ledger's record of " + which + " "
                        + node + " sent names another relay. The last verified log was kept.");
            }
            return new VerifiedAccess.Relay.Registered(record);
        } catch (LedgerException e) {
            throw new AccessLogException(AccessLogException.Kind.UNREADABLE, "The address of " + which
                    + " that served an access could not be verified. " + e.getMessage()
                    + " The last verified log was kept.", e);
        } catch (DecodeException e) {
            throw new AccessLogException(AccessLogException.Kind.UNREADABLE, "The ledger's record of " + which + " "
                    + node + " sent cannot be read by HealthWallet (" + e.getMessage() + "). The last verified log was kept.", e);
        }
    }

    private AccessLogException mismatch(String what) {
        return new AccessLogException(AccessLogException.Kind.MISMATCH, "The access log " + node + " sent does not "
                + "match its verified head: " + what + ". Those entries were not used; the last verified log was kept.");
    }
}
