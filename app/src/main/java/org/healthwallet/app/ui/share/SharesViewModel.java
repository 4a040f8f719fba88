package org.healthwallet.app.ui.share;

import java.time.Clock;
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
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareException;

/** The patient's shares: label, made, expiry, state, whom for, times opened; revoke. Empty while locked. */
public final class SharesViewModel {
    /** One line of the list. {@code timesOpened} is empty until the access log knows it. */
    public record Row(Share share, Share.State state, Optional<String> forWhom, Optional<Integer> timesOpened) {}

    private final WalletSession session;
    private final WalletShares.Source source;
    private final Failures failures;
    private final Clock clock;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<InterruptedShare> unfinished = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<UserText> error = new ReadOnlyObjectWrapper<>();

    public SharesViewModel(WalletSession session, WalletShares.Source source, Failures failures, Clock clock) {
        this.session = session;
        this.source = source;
        this.failures = failures;
        this.clock = clock;
        session.walletProperty().addListener((o, a, b) -> {
            rows.clear();
            unfinished.clear();
            error.set(null);
        });
    }

    public ObservableList<Row> rows() { return FXCollections.unmodifiableObservableList(rows); }

    /** Shares started but not finished (the wallet stopped while making them): shown with a way to revoke them. */
    public ObservableList<InterruptedShare> unfinished() { return FXCollections.unmodifiableObservableList(unfinished); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<UserText> errorProperty() { return error.getReadOnlyProperty(); }

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
                cutOff.addAll(shares.interrupted());
                List<Share> listed = shares.list();
                Map<UUID, Integer> opened = shares.timesOpened(listed);
                List<Row> read = new ArrayList<>();
                for (Share s : listed) {
                    read.add(new Row(s, s.state(clock.instant()), shares.forWhom(s.id()), Optional.ofNullable(opened.get(s.id()))));
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
     * Revokes a share (the screen asked first): the relay forgets it, the ledger records the
     * revocation, the wallet marks it. Returns the task, or {@code null} when it is not active.
     */
    public Task<Share> revoke(Row row) {
        OpenWallet wallet = session.wallet();
        if (wallet == null || row.state() == Share.State.REVOKED || busy.get()) {
            return null;
        }
        busy.set(true);
        error.set(null);
        Task<Share> task = new Task<>() {
            @Override protected Share call() throws Exception {
                return source.of(wallet).revoke(row.share().id());
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            Share revoked = task.getValue();
            int at = rows.indexOf(row);
            if (at >= 0) {
                rows.set(at, new Row(revoked, revoked.state(clock.instant()), row.forWhom(), row.timesOpened()));
            }
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

    private UserText describe(String context, Throwable failure) {
        if (failure instanceof ShareException) {
            return UserText.of("shares.error", failure.getMessage());
        }
        return failures.describe(context, failure);
    }
}
