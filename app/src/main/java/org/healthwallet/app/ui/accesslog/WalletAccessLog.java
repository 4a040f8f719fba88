package org.healthwallet.app.ui.accesslog;

import java.util.List;
import java.util.Map;
import org.healthwallet.app.accesslog.CaregiverMarks;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.accesslog.AccessLogException;
import org.healthwallet.core.accesslog.AccessView;

/**
 * What the access log screen and the home notice need of the open wallet: the verified log kept in
 * the vault, a sync against the ledger, and how many entries the patient has seen. The app's
 * {@link WiredAccessLog}, or a double in view model tests. Every method is slow (vault, network):
 * call them off the FX thread.
 */
public interface WalletAccessLog extends AutoCloseable {
    /**
     * The log as the wallet holds it as verified, newest first, and what the patient has seen of it;
     * {@code caregiverMarks} by access index: done by or under a caregiver (app {@code CaregiverMarks}).
     */
    record Log(List<AccessView> accesses, long seen, boolean hasShares, Map<Long, CaregiverMarks.Mark> caregiverMarks) {
        public Log {
            accesses = List.copyOf(accesses);
            caregiverMarks = Map.copyOf(caregiverMarks);
        }

        /** A log without caregiver marks (none known yet, or none done by or under a caregiver). */
        public Log(List<AccessView> accesses, long seen, boolean hasShares) {
            this(accesses, seen, hasShares, Map.of());
        }
    }

    /** How a sync ended; the log is in either case the one the wallet holds as verified afterwards. */
    sealed interface Synced {
        Log log();

        /** Matched the ledger's verified head, proven at {@code height}; {@code added} entries were new. */
        record Verified(Log log, int added, long height) implements Synced {}

        /** Not verified now ({@code reason} for the patient); the log is the last verified one, unchanged. */
        record Failed(Log log, AccessLogException.Kind kind, String reason) implements Synced {}
    }

    /** The kept log, asking no node. */
    Log kept() throws Exception;

    /** Brings the kept log up to the ledger's verified head (may start the embedded dev network). */
    Synced sync() throws Exception;

    /** The patient has seen the first {@code count} entries. */
    void looked(long count) throws Exception;

    /** Lets go of what syncing opened (the profile's ledger file); the wallet stays open. */
    @Override
    default void close() {}

    /** Gives the access log of an unlocked wallet. */
    @FunctionalInterface
    interface Source {
        WalletAccessLog of(OpenWallet wallet) throws Exception;
    }
}
