package org.healthwallet.app.ui.share;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.share.InterruptedShare;
import org.healthwallet.core.share.RelayDeletion;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.Shares;
import org.healthwallet.core.share.Sharing;

/**
 * The patient's shares: label, made, expiry, state, whom for, times opened; revoke. Empty while locked.
 * A revocation is done once the ledger shows it; when the relay was down, its deletion of the files
 * is retried at unlock, at each refresh, and on its own with the backoff each deletion carries.
 */
public final class SharesViewModel {
    /**
     * One line of the list. {@code timesOpened} is empty until the access log knows it;
     * {@code relayDeletion} is present while the relay still has to delete a revoked share's files.
     */
    public record Row(Share share, Share.State state, Optional<String> forWhom, Optional<Integer> timesOpened,
                      Optional<RelayDeletion> relayDeletion) {}

    /** Runs {@code then} (on any thread) after {@code wait}: the app's timer, or a test's hand. */
    @FunctionalInterface
    public interface Timer {
        void after(Duration wait, Runnable then);
    }

    /** A share revoked on the ledger; {@code relayLeft} while the relay at {@code relay} still has to delete its files. */
    public record Revoked(Share share, Optional<RelayDeletion> relayLeft, String relay) {}

    /** Whether an open wallet has relay deletions pending, read without reaching the consortium. */
    @FunctionalInterface
    public interface PendingDeletions {
        boolean any(OpenWallet wallet) throws Exception;

        /** From the wallet's vault. */
        PendingDeletions IN_VAULT = w -> w.vault().isPresent() && !new Shares(w.vault().get()).relayDeletions().isEmpty();
    }

    /** The shortest wait between two rounds the app starts on its own. */
    static final Duration SHORTEST_WAIT = Duration.ofSeconds(5);

    private final WalletSession session;
    private final WalletShares.Source source;
    private final Failures failures;
    private final Clock clock;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<InterruptedShare> unfinished = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<UserText> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UserText> notice = new ReadOnlyObjectWrapper<>();
    private final PendingDeletions pending;
    private final Timer timer;
    /** Counts wallets opened, so a round scheduled for a wallet since locked does nothing. */
    private long opened;

    /** Without rounds of its own: relay deletions are retried at each refresh only. */
    public SharesViewModel(WalletSession session, WalletShares.Source source, Failures failures, Clock clock) {
        this(session, source, failures, clock, PendingDeletions.IN_VAULT, (wait, then) -> { });
    }

    /**
     * @param pending whether a wallet has relay deletions pending (asked at unlock, before the consortium is reached)
     * @param timer   runs the next round of relay deletions after the backoff
     */
    public SharesViewModel(WalletSession session, WalletShares.Source source, Failures failures, Clock clock,
                           PendingDeletions pending, Timer timer) {
        this.session = session;
        this.source = source;
        this.failures = failures;
        this.clock = clock;
        this.pending = pending;
        this.timer = timer;
        session.walletProperty().addListener((o, a, b) -> {
            rows.clear();
            unfinished.clear();
            error.set(null);
            notice.set(null);
            opened++;
            if (b != null) {
                retryRelayDeletions(false);   // the app's start for this wallet: whatever the backoff
            }
        });
    }

    public ObservableList<Row> rows() { return FXCollections.unmodifiableObservableList(rows); }

    /** Shares started but not finished (the wallet stopped while making them): shown with a way to revoke them. */
    public ObservableList<InterruptedShare> unfinished() { return FXCollections.unmodifiableObservableList(unfinished); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<UserText> errorProperty() { return error.getReadOnlyProperty(); }

    /** What the last revocation did ("revoked on the ledger", and whether the relay deleted its copy yet). */
    public ReadOnlyObjectProperty<UserText> noticeProperty() { return notice.getReadOnlyProperty(); }

    /** Reads the shares again (after one was made, or when the page shows). */
    public Task<List<Row>> refresh() {
        OpenWallet wallet = session.wallet();
        if (wallet == null) {
            return null;
        }
        busy.set(true);
        List<InterruptedShare> cutOff = new ArrayList<>();
        Task<List<Row>> task = new Task<>() {
            @Override protected List<Row> call() throws Exception {
                WalletShares shares = source.of(wallet);
                if (!shares.relayDeletions().isEmpty()) {
                    shares.finishRevocations(true);
                }
                cutOff.addAll(shares.interrupted());
                List<Share> listed = shares.list();
                Map<UUID, Integer> opened = shares.timesOpened(listed);
                List<RelayDeletion> deletions = shares.relayDeletions();
                List<Row> read = new ArrayList<>();
                for (Share s : listed) {
                    read.add(new Row(s, s.state(clock.instant()), shares.forWhom(s.id()), Optional.ofNullable(opened.get(s.id())),
                            RelayDeletion.forShare(deletions, s)));
                }
                return read;
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            if (session.wallet() == wallet) {
                rows.setAll(task.getValue());
                unfinished.setAll(cutOff);
                error.set(null);
            }
        });
        task.setOnFailed(e -> {
            busy.set(false);
            error.set(describe("list shares", task.getException()));
        });
        return session.run(task);
    }

    /**
     * Revokes a share (the screen asked first): the ledger records the revocation (proven), the
     * wallet marks it, then the relay deletes its copy, or does later when it was down. Returns the
     * task, or {@code null} when it is not active.
     */
    public Task<Revoked> revoke(Row row) {
        OpenWallet wallet = session.wallet();
        if (wallet == null || row.state() == Share.State.REVOKED || busy.get()) {
            return null;
        }
        busy.set(true);
        error.set(null);
        notice.set(null);
        Task<Revoked> task = new Task<>() {
            @Override protected Revoked call() throws Exception {
                WalletShares shares = source.of(wallet);
                Share revoked = shares.revoke(row.share().id());
                return new Revoked(revoked, RelayDeletion.forShare(shares.relayDeletions(), revoked), shares.relayName());
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            Revoked done = task.getValue();
            Share revoked = done.share();
            int at = rows.indexOf(row);
            if (at >= 0) {
                rows.set(at, new Row(revoked, revoked.state(clock.instant()), row.forWhom(), row.timesOpened(), done.relayLeft()));
            }
            notice.set(done.relayLeft().map(d -> UserText.of(d.relayUnreachable() ? "shares.revoked.relayDown"
                    : "shares.revoked.relayRefused", done.relay(), d.problem())).orElse(UserText.of("shares.revoked")));
            done.relayLeft().ifPresent(d -> later(List.of(d)));
        });
        task.setOnFailed(e -> {
            busy.set(false);
            error.set(describe("revoke share", task.getException()));
        });
        return session.run(task);
    }

    /**
     * Revokes every unfinished share (the screen asked first): each is withdrawn from the relay and
     * the ledger, then forgotten. Returns the task, or {@code null} when there is nothing to do.
     */
    public Task<Void> revokeUnfinished() {
        OpenWallet wallet = session.wallet();
        if (wallet == null || unfinished.isEmpty() || busy.get()) {
            return null;
        }
        busy.set(true);
        error.set(null);
        List<InterruptedShare> toWithdraw = List.copyOf(unfinished);
        List<InterruptedShare> withdrawn = new CopyOnWriteArrayList<>();
        Task<Void> task = new Task<>() {
            @Override protected Void call() throws Exception {
                WalletShares shares = source.of(wallet);
                for (InterruptedShare s : toWithdraw) {
                    shares.withdraw(s.id());
                    withdrawn.add(s);
                }
                return null;
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            unfinished.removeAll(withdrawn);
        });
        task.setOnFailed(e -> {
            busy.set(false);
            unfinished.removeAll(withdrawn);
            error.set(describe("revoke unfinished share", task.getException()));
        });
        return session.run(task);
    }

    /**
     * One round of relay deletions ({@code onlyDue}: those whose backoff is over); when some are left
     * the next round is set for the earliest of their next tries. Returns the task, or {@code null}
     * while locked or busy (the next refresh or round does it).
     */
    public Task<Sharing.RelayRound> retryRelayDeletions(boolean onlyDue) {
        OpenWallet wallet = session.wallet();
        if (wallet == null) {
            return null;
        }
        long round = opened;
        Task<Sharing.RelayRound> task = new Task<>() {
            @Override protected Sharing.RelayRound call() throws Exception {
                if (!pending.any(wallet)) {
                    return new Sharing.RelayRound(List.of(), List.of());   // nothing to do: the consortium is not reached
                }
                return source.of(wallet).finishRevocations(onlyDue);
            }
        };
        task.setOnSucceeded(e -> {
            if (session.wallet() != wallet || opened != round) {
                return;
            }
            Sharing.RelayRound done = task.getValue();
            if (!done.deleted().isEmpty()) {
                notice.set(UserText.of("shares.relayDeleted", done.deleted().size()));
                List<RelayDeletion> stillPending = done.pending();
                rows.replaceAll(r -> r.relayDeletion().isEmpty() ? r
                        : new Row(r.share(), r.state(), r.forWhom(), r.timesOpened(), RelayDeletion.forShare(stillPending, r.share())));
            }
            later(done.pending());
        });
        // A failure (the vault or the consortium) is tried again at the next refresh; nothing to show.
        task.setOnFailed(e -> later(List.of()));
        return session.run(task);
    }

    /** Sets the next round for the earliest next try of {@code left}, at least {@link #SHORTEST_WAIT} away. */
    private void later(List<RelayDeletion> left) {
        if (left.isEmpty()) {
            return;
        }
        long round = opened;
        Instant next = left.stream().map(RelayDeletion::nextTry).min(Instant::compareTo).orElseThrow();
        Duration wait = Duration.between(clock.instant(), next);
        timer.after(wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : wait, () -> javafx.application.Platform.runLater(() -> {
            if (opened == round) {
                retryRelayDeletions(true);
            }
        }));
    }

    private UserText describe(String context, Throwable failure) {
        if (failure instanceof ShareException) {
            return UserText.of("shares.error", failure.getMessage());
        }
        return failures.describe(context, failure);
    }
}
