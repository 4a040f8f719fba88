package org.healthwallet.app.ui.share;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.share.ShareWiring;
import org.healthwallet.core.accesslog.AccessLog;
import org.healthwallet.core.accesslog.LedgerAccessLog;
import org.healthwallet.core.accesslog.VerifiedAccess;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.share.InterruptedShare;
import org.healthwallet.core.share.RelayDeletion;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareDraft;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.Sharing;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;

/**
 * The screens' sharing on the real thing: {@link ShareWiring} (vault, relay, ledger). Whom a share
 * is for is kept as an encrypted vault item next to the share (never in the link, never sent).
 */
public final class WiredShares implements WalletShares {
    /** Vault item kind of the "whom it is for" notes, keyed by an id derived from the share's. */
    static final String FOR_WHOM_KIND = "share-for-whom";

    private final ShareWiring wiring;
    private final Vault vault;

    WiredShares(ShareWiring wiring, Vault vault) {
        this.wiring = wiring;
        this.vault = vault;
    }

    /** The source the app uses: each unlocked wallet's sharing through the configured consortium. */
    public static WalletShares.Remembering source(ConsortiumSource consortium, Path dataDir) {
        return WalletShares.Source.remembering(wallet -> {
            Vault vault = wallet.vault().orElseThrow(() -> new ShareException("This wallet cannot share records."));
            // In a dependent's profile the share is of their records, issued by the caregiver's key.
            return new WiredShares(ShareWiring.open(wallet, consortium, dataDir), vault);
        });
    }

    @Override
    public Share create(ShareDraft draft, Optional<String> forWhom) throws ShareException, VaultException {
        Share share = wiring.sharing().create(draft);
        if (forWhom.isPresent()) {
            vault.putItem(FOR_WHOM_KIND, noteId(share.id()), forWhom.get().getBytes(StandardCharsets.UTF_8));
        }
        return share;
    }

    @Override
    public List<Share> list() throws VaultException {
        return wiring.shares().list();
    }

    @Override
    public Share revoke(UUID shareId) throws ShareException, VaultException {
        return wiring.sharing().revoke(shareId);
    }

    @Override
    public List<RelayDeletion> relayDeletions() throws VaultException {
        return wiring.shares().relayDeletions();
    }

    @Override
    public Sharing.RelayRound finishRevocations(boolean onlyDue) throws VaultException {
        return wiring.sharing().retryRelayDeletions(onlyDue);
    }

    @Override
    public String relayName() {
        return wiring.relay().getAuthority();
    }

    @Override
    public List<InterruptedShare> interrupted() throws VaultException {
        return wiring.shares().interrupted();
    }

    @Override
    public void withdraw(UUID shareId) throws ShareException, VaultException {
        wiring.sharing().withdraw(shareId);
    }

    @Override
    public Optional<String> forWhom(UUID shareId) throws VaultException {
        byte[] note = vault.items(FOR_WHOM_KIND).get(noteId(shareId));
        return note == null ? Optional.empty() : Optional.of(new String(note, StandardCharsets.UTF_8));
    }

    /** Item ids are unique across kinds, so the note gets its own id, derived from the share's. */
    static UUID noteId(UUID shareId) {
        return UUID.nameUUIDFromBytes(("for-whom:" + shareId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Counted in the verified access log kept in the wallet (synced by the access log screen and at
     * unlock); a share nobody opened counts 0. Reads the vault only, asks no node.
     */
    @Override
    public Map<UUID, Integer> timesOpened(List<Share> shares) throws VaultException {
        LedgerState state = new LedgerState(NodeRpc.of(wiring.ledger().config().primary()), wiring.ledger(), Duration.ofSeconds(15));
        Map<String, Integer> byGrant = new HashMap<>();
        for (VerifiedAccess a : new AccessLog(vault, new LedgerAccessLog(state::read), wiring.ledger().config().chainId()).kept()) {
            byGrant.merge(a.entry().shareId().hex(), 1, Integer::sum);
        }
        Map<UUID, Integer> counts = new HashMap<>();
        for (Share s : shares) {
            counts.put(s.id(), byGrant.getOrDefault(s.grantId().hex(), 0));
        }
        return counts;
    }

    @Override
    public Optional<Integer> timesOpened(Share share) throws VaultException {
        return Optional.ofNullable(timesOpened(List.of(share)).get(share.id()));
    }

    @Override
    public String linkText(Share share) {
        // A phone camera opens the relay's viewer page; HealthWallet's viewer reads the link after '#'.
        return wiring.viewerUrl(share.link());
    }

    @Override
    public void close() {
        wiring.close();
    }
}
