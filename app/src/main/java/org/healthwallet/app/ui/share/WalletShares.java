package org.healthwallet.app.ui.share;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.share.InterruptedShare;
import org.healthwallet.core.share.RelayDeletion;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareDraft;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.Sharing;

/**
 * What the share screens need of the open wallet's sharing: wallet-core's {@code Sharing} with a
 * relay and the ledger behind it (the app's {@code ShareWiring}), or a double in view model tests.
 * Every method is slow (vault, network, ledger): call them off the FX thread.
 */
public interface WalletShares extends AutoCloseable {
    /**
     * Creates the share: content, encryption, upload, grant on the ledger, kept in the vault.
     *
     * @param forWhom whom the patient made it for; kept with the share in the wallet, never sent
     */
    Share create(ShareDraft draft, Optional<String> forWhom) throws Exception;

    /** The wallet's shares, newest first. */
    List<Share> list() throws Exception;

    /**
     * Revokes on the ledger (proven), then asks the relay to delete its copy; when the relay cannot,
     * the share is revoked all the same and {@link #relayDeletions()} lists what is left.
     */
    Share revoke(UUID shareId) throws Exception;

    /** Revocations whose relay deletion is still to be done (the relay was down), oldest first; normally none. */
    default List<RelayDeletion> relayDeletions() throws Exception {
        return List.of();
    }

    /** Asks the relay to delete what revocations left there ({@code onlyDue}: those whose backoff is over). */
    default Sharing.RelayRound finishRevocations(boolean onlyDue) throws Exception {
        return new Sharing.RelayRound(List.of(), List.of());
    }

    /** The relay's address as the patient is told it (host and port). */
    default String relayName() {
        return "";
    }

    /** Shares started but not finished (the wallet stopped while making one), newest first; normally none. */
    default List<InterruptedShare> interrupted() throws Exception {
        return List.of();
    }

    /** Withdraws an unfinished share from the relay and the ledger, then forgets it. */
    default void withdraw(UUID shareId) throws Exception {
        throw new ShareException("There is no unfinished share with this id in this wallet.");
    }

    /** Whom a share was made for, as the patient wrote it, when known. */
    Optional<String> forWhom(UUID shareId) throws Exception;

    /** How many times the relay served the share, when known (from the access log on the ledger). */
    default Optional<Integer> timesOpened(Share share) throws Exception {
        return Optional.empty();
    }

    /** {@link #timesOpened(Share)} for each of {@code shares} that has a known count, by share id. */
    default Map<UUID, Integer> timesOpened(List<Share> shares) throws Exception {
        Map<UUID, Integer> counts = new HashMap<>();
        for (Share s : shares) {
            timesOpened(s).ifPresent(n -> counts.put(s.id(), n));
        }
        return counts;
    }

    /** What goes in the QR code and on the clipboard: the link, or a viewer URL that carries it. */
    default String linkText(Share share) {
        return share.link().toShlinkUri();
    }

    /** Lets go of what opening it took (the profile's ledger file); the wallet stays open. */
    @Override
    default void close() {}

    /** Gives the sharing of an unlocked wallet (may connect to the consortium: off the FX thread). */
    @FunctionalInterface
    interface Source {
        WalletShares of(OpenWallet wallet) throws Exception;

        /** Builds each wallet's sharing once and reuses it until another wallet is open. */
        static Remembering remembering(Source source) {
            return new Remembering(source);
        }
    }

    /** A {@link Source} that keeps the last wallet's sharing; closing it lets go of that too (the app closes). */
    final class Remembering implements Source, AutoCloseable {
        private final Source source;
        private OpenWallet last;
        private WalletShares shares;

        Remembering(Source source) {
            this.source = source;
        }

        @Override
        public synchronized WalletShares of(OpenWallet wallet) throws Exception {
            if (wallet != last || shares == null) {
                close(); // the previous wallet was locked
                shares = source.of(wallet);
                last = wallet;
            }
            return shares;
        }

        @Override
        public synchronized void close() {
            if (shares != null) {
                shares.close();
                shares = null;
                last = null;
            }
        }
    }
}
