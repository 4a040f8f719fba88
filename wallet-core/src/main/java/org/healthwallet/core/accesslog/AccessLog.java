package org.healthwallet.core.accesslog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.tx.DecodeException;

/**
 * The patient's access log, kept verified in the vault. {@link #sync} reads the log's head with a
 * proof, fetches only the entries beyond those kept, and keeps them only when all of them lead to
 * the verified head; otherwise the result says why and the last verified log stays as it was. Each
 * new entry is kept with the ledger's proven record of the relay that served it (its address).
 * Entries are vault items of kind {@value #KIND}, one per entry, encrypted like every item.
 */
public final class AccessLog {
    public static final String KIND = "access-log";

    private final Vault vault;
    private final LedgerAccessLog ledger;

    public AccessLog(Vault vault, LedgerAccessLog ledger) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** What a sync ended with; both carry the log the wallet holds as verified afterwards. */
    public sealed interface SyncResult {
        List<VerifiedAccess> log();

        /** The log matched the verified head; {@code added} entries were new. */
        record Verified(List<VerifiedAccess> log, int added, long provenAtHeight) implements SyncResult {
            public Verified {
                log = List.copyOf(log);
            }
        }

        /** Not verified: {@code reason} for the patient; {@code log} is the last verified log, unchanged. */
        record Failed(AccessLogException.Kind kind, String reason, List<VerifiedAccess> log) implements SyncResult {
            public Failed {
                log = List.copyOf(log);
            }
        }
    }

    /** The verified log kept in the vault, oldest first (asks no node). */
    public List<VerifiedAccess> kept() throws VaultException {
        return keptWithHead().log();
    }

    /** The kept log and the hash-chain head it recomputes to. */
    private record Kept(List<VerifiedAccess> log, AccessLogHead head) {
    }

    private Kept keptWithHead() throws VaultException {
        List<VerifiedAccess> all = new ArrayList<>();
        for (Map.Entry<UUID, byte[]> item : vault.items(KIND).entrySet()) {
            try {
                all.add(VerifiedAccess.decode(item.getValue()));
            } catch (DecodeException e) {
                // An item this build cannot read is not part of the verified prefix; the next sync fetches it again.
            }
        }
        all.sort(Comparator.comparingLong(a -> a.entry().index()));
        // Only an unbroken run from entry 0 whose chain recomputes counts as kept.
        List<VerifiedAccess> prefix = new ArrayList<>();
        AccessLogHead chain = AccessLogHead.EMPTY;
        for (VerifiedAccess a : all) {
            if (a.entry().index() != chain.length()) break;
            chain = chain.append(a.entry());
            prefix.add(a);
        }
        return new Kept(List.copyOf(prefix), chain);
    }

    /** Brings the kept log up to the ledger's verified head. Never throws for a ledger problem: see the result. */
    public SyncResult sync(Ed25519PublicKey patient) throws VaultException {
        Kept held = keptWithHead();
        List<VerifiedAccess> kept = held.log();
        AccessLogHead known = held.head();
        LedgerAccessLog.Extension extension;
        try {
            // Never older than what the kept log was verified against: a replayed old head is refused.
            long keptAt = kept.stream().mapToLong(VerifiedAccess::provenAtHeight).max().orElse(0);
            extension = ledger.extend(patient, known, keptAt);
        } catch (AccessLogException e) {
            return new SyncResult.Failed(e.kind(), e.getMessage(), kept);
        }
        Map<Ed25519PublicKey, VerifiedAccess.Relay> relays;
        try {
            // Once per relay per sync, not per entry: a log is served by a handful of relays.
            relays = ledger.relays(extension.entries());
        } catch (AccessLogException e) {
            return new SyncResult.Failed(e.kind(), e.getMessage(), kept);
        }
        long height = extension.head().provenAtHeight();
        List<VerifiedAccess> log = new ArrayList<>(kept);
        Map<UUID, byte[]> items = new LinkedHashMap<>();
        for (var entry : extension.entries()) {
            VerifiedAccess access = new VerifiedAccess(entry, height, relays.get(entry.relay()));
            items.put(itemId(entry.index()), access.encode());
            log.add(access);
        }
        // extend() returned, so the whole extension leads to the verified head; all of it goes into
        // the vault in one transaction (one commit, not one per entry), so what is stored is always
        // a verified log: the old one or the old one with every new entry.
        vault.putItems(KIND, items);
        return new SyncResult.Verified(log, extension.entries().size(), height);
    }

    /** One item per index, so a repeated sync replaces rather than duplicates. */
    static UUID itemId(long index) {
        return UUID.nameUUIDFromBytes(("healthwallet access log entry " + index).getBytes(StandardCharsets.UTF_8));
    }
}
