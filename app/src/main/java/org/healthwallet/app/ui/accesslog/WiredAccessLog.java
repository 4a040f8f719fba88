package org.healthwallet.app.ui.accesslog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthwallet.app.accesslog.CaregiverMarks;
import org.healthwallet.app.accesslog.LastLooked;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.app.wallet.Caregiving;
import org.healthwallet.core.accesslog.AccessLog;
import org.healthwallet.core.accesslog.AccessLogException;
import org.healthwallet.core.accesslog.AccessView;
import org.healthwallet.core.accesslog.LedgerAccessLog;
import org.healthwallet.core.accesslog.VerifiedAccess;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.NodeRpc;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.Shares;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.StateKey;

/**
 * The access log on the real thing: wallet-core's {@link AccessLog} over the unlocked vault, with
 * the profile's light client behind it. The ledger (and with it perhaps the embedded dev network)
 * is opened on the first sync only, so reading the kept log and the home notice never touch the
 * network.
 */
public final class WiredAccessLog implements WalletAccessLog {
    /** Opens the owner profile's ledger (slow). */
    @FunctionalInterface
    interface LedgerOpener {
        ProfileLedger open() throws LedgerException;
    }

    private final Vault vault;
    private final Ed25519PublicKey patient;
    private final Optional<Caregiving> caregiving;
    private final LedgerOpener opener;
    private final AccessLog log;
    private final LastLooked lastLooked;
    private ProfileLedger ledger;
    private LedgerState state;
    private Map<Long, CaregiverMarks.Mark> marks = Map.of();

    WiredAccessLog(Vault vault, Optional<Caregiving> caregiving, LedgerOpener opener) {
        this.vault = vault;
        this.caregiving = caregiving;
        // A dependent's log is under the dependent's key (an adult's copy vault has a key of its own).
        this.patient = caregiving.map(c -> c.dependent().key()).orElse(new Ed25519PublicKey(vault.identityPublicKey()));
        this.opener = opener;
        this.log = new AccessLog(vault, new LedgerAccessLog(this::read), this::chainId);
        this.lastLooked = new LastLooked(vault);
    }

    /** The source the app uses: each unlocked wallet's log through the configured consortium. */
    public static Source source(ConsortiumSource consortium, Path dataDir) {
        return wallet -> new WiredAccessLog(wallet.vault().orElseThrow(() -> new VaultException("This wallet has no access log.")),
                wallet.caregiving(), () -> ProfileLedger.open(dataDir, consortium, ProfileLedger.sealOf(wallet)));
    }

    private synchronized LedgerState.Read read(StateKey key) throws LedgerException {
        if (state == null) {
            ledger = opener.open();
            state = new LedgerState(NodeRpc.of(ledger.connection().config().primary()), ledger.connection(), Duration.ofSeconds(15));
        }
        return state.read(key);
    }

    /** Asked by the sync only after it read the log, so the ledger is open by then. */
    private synchronized String chainId() {
        return ledger.connection().config().chainId();
    }

    @Override
    public Log kept() throws VaultException {
        return log(log.kept());
    }

    @Override
    public synchronized Synced sync() throws VaultException {
        AccessLog.SyncResult result = log.sync(patient);
        if (result instanceof AccessLog.SyncResult.Verified) {
            markCaregivers(result.log());
        }
        Log now = log(result.log());
        if (result instanceof AccessLog.SyncResult.Verified verified) {
            return new Synced.Verified(now, verified.added(), verified.provenAtHeight());
        }
        AccessLog.SyncResult.Failed failed = (AccessLog.SyncResult.Failed) result;
        return new Synced.Failed(now, failed.kind(), failed.reason());
    }

    @Override
    public void looked(long count) throws VaultException {
        lastLooked.saw(count);
    }

    private Log log(List<VerifiedAccess> verified) throws VaultException {
        List<Share> shares = new Shares(vault).list();
        return new Log(AccessView.of(verified, shares), lastLooked.seen(), !shares.isEmpty(), marks);
    }

    /**
     * Which accesses were done by or under a caregiver: who issued each share is read from its grant
     * on the ledger with a proof, so this runs after a verified sync only; when the ledger cannot say,
     * the marks known before stay (the log itself is verified either way).
     */
    private void markCaregivers(List<VerifiedAccess> verified) throws VaultException {
        List<AccessView> views = AccessView.of(verified, new Shares(vault).list());
        try {
            marks = CaregiverMarks.of(views, vault, patient, caregiving, this::read);
        } catch (AccessLogException e) {
            // kept: the previous marks
        }
    }

    @Override
    public synchronized void close() {
        if (ledger != null) {
            ledger.close();
            ledger = null;
            state = null;
        }
    }
}
