package org.healthwallet.app.ui.accesslog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import org.healthwallet.app.accesslog.AccessLogCsv;
import org.healthwallet.app.accesslog.CaregiverMarks;
import org.healthwallet.app.accesslog.LastLooked;
import org.healthwallet.app.ui.common.Background;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.accesslog.AccessLogException;
import org.healthwallet.core.accesslog.AccessView;

/**
 * The access log screen and the home notice: who opened the patient's shares, newest first, every
 * entry verified against the ledger; filters by share, recipient and date; CSV export; and how many
 * entries are new since the patient last looked. A sync runs in the background and can be
 * cancelled; when it fails the reason is shown and the last verified log stays on screen.
 * All public methods are called on the FX thread. Empty while locked.
 */
public final class AccessLogViewModel {
    /** A share the filter offers: its ledger id, and its label when this wallet made it. */
    public record ShareChoice(String shareId, Optional<String> label) {}

    private final WalletSession session;
    private final WalletAccessLog.Source source;
    private final Background background;
    private final Failures failures;
    private final ZoneId zone;
    private final ObservableList<AccessView> accesses = FXCollections.observableArrayList();
    private final FilteredList<AccessView> shown = new FilteredList<>(accesses);
    private final ObservableList<ShareChoice> shares = FXCollections.observableArrayList();
    private final ObservableList<String> recipients = FXCollections.observableArrayList();
    private final ObjectProperty<ShareChoice> shareFilter = new SimpleObjectProperty<>();
    private final StringProperty recipientFilter = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> fromFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> toFilter = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<UserText> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UserText> warning = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UserText> exported = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper unseen = new ReadOnlyIntegerWrapper(0);
    private final Object openLock = new Object();
    private WalletAccessLog opened;
    private OpenWallet openedFor;
    private long seen;
    private Map<Long, CaregiverMarks.Mark> marks = Map.of();
    private boolean looking;
    private boolean checking;
    private Task<?> syncing;

    public AccessLogViewModel(WalletSession session, WalletAccessLog.Source source, Background background, Failures failures,
                              ZoneId zone) {
        this.session = session;
        this.source = source;
        this.background = background;
        this.failures = failures;
        this.zone = zone;
        shareFilter.addListener((o, a, b) -> filter());
        recipientFilter.addListener((o, a, b) -> filter());
        fromFilter.addListener((o, a, b) -> filter());
        toFilter.addListener((o, a, b) -> filter());
        session.walletProperty().addListener((o, was, now) -> {
            clear(was);
            if (now != null) {
                checkForNew();
            }
        });
    }

    /** The accesses the filters let through, newest first. */
    public ObservableList<AccessView> shown() { return FXCollections.unmodifiableObservableList(shown); }

    /** Every access the wallet holds as verified, newest first. */
    public ObservableList<AccessView> accesses() { return FXCollections.unmodifiableObservableList(accesses); }

    /** The shares that appear in the log, for the share filter. */
    public ObservableList<ShareChoice> shares() { return FXCollections.unmodifiableObservableList(shares); }

    /** The recipients that appear in the log, sorted, for the recipient filter. */
    public ObservableList<String> recipients() { return FXCollections.unmodifiableObservableList(recipients); }

    /** Only this share; {@code null} for all. */
    public ObjectProperty<ShareChoice> shareFilterProperty() { return shareFilter; }

    /** Only recipients whose name contains this text (any case); blank for all. */
    public StringProperty recipientFilterProperty() { return recipientFilter; }

    /** Only accesses on or after this day (this computer's zone); {@code null} for no limit. */
    public ObjectProperty<LocalDate> fromFilterProperty() { return fromFilter; }

    /** Only accesses on or before this day (this computer's zone); {@code null} for no limit. */
    public ObjectProperty<LocalDate> toFilterProperty() { return toFilter; }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** -1 (indeterminate) while a sync runs: how many entries are new is known only at its end. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    /** What the last sync found (verified at which height, how many new), or that one runs. */
    public ReadOnlyObjectProperty<UserText> statusProperty() { return status.getReadOnlyProperty(); }

    /** Why the last sync could not verify the log; {@code null} when it could. */
    public ReadOnlyObjectProperty<UserText> warningProperty() { return warning.getReadOnlyProperty(); }

    /** The outcome of the last export. */
    public ReadOnlyObjectProperty<UserText> exportedProperty() { return exported.getReadOnlyProperty(); }

    /** Accesses added since the patient last opened the log (the home notice). */
    public ReadOnlyIntegerProperty unseenProperty() { return unseen.getReadOnlyProperty(); }

    public ZoneId zone() { return zone; }

    /** Shows every access again. */
    public void clearFilters() {
        shareFilter.set(null);
        recipientFilter.set("");
        fromFilter.set(null);
        toFilter.set(null);
    }

    /** Reads the kept log (no network) and syncs when the wallet has shares anyone could have opened. */
    public Task<WalletAccessLog.Log> checkForNew() {
        OpenWallet wallet = session.wallet();
        if (wallet == null || checking) {
            return null;
        }
        checking = true;
        Task<WalletAccessLog.Log> task = new Task<>() {
            @Override protected WalletAccessLog.Log call() throws Exception {
                return opened(wallet).kept();
            }
        };
        task.setOnSucceeded(e -> {
            checking = false;
            if (session.wallet() == wallet) {
                show(task.getValue());
                if (task.getValue().hasShares()) {
                    sync();
                }
            }
        });
        task.setOnFailed(e -> {
            checking = false;
            if (session.wallet() == wallet) {
                warning.set(failures.describe("read access log", task.getException()));
            }
        });
        return session.run(task);
    }

    /** Syncs with the ledger in the background. {@code null} when locked or one already runs. */
    public Task<WalletAccessLog.Synced> sync() {
        OpenWallet wallet = session.wallet();
        if (wallet == null || running.get()) {
            return null;
        }
        running.set(true);
        progress.set(-1);
        status.set(UserText.of("accesslog.syncing"));
        Task<WalletAccessLog.Synced> task = new Task<>() {
            @Override protected WalletAccessLog.Synced call() throws Exception {
                return opened(wallet).sync();
            }
        };
        syncing = task;
        task.setOnSucceeded(e -> {
            ended(task);
            if (session.wallet() != wallet) {
                return;
            }
            WalletAccessLog.Synced synced = task.getValue();
            show(synced.log());
            if (synced instanceof WalletAccessLog.Synced.Verified v) {
                warning.set(null);
                status.set(UserText.of("accesslog.verified", v.height(), v.added()));
            } else {
                WalletAccessLog.Synced.Failed f = (WalletAccessLog.Synced.Failed) synced;
                status.set(null);
                warning.set(UserText.of(f.kind() == AccessLogException.Kind.MISMATCH ? "accesslog.failed.mismatch"
                        : "accesslog.failed.unreadable", f.reason()));
            }
        });
        task.setOnFailed(e -> {
            ended(task);
            if (session.wallet() == wallet) {
                status.set(null);
                warning.set(failures.describe("sync access log", task.getException()));
            }
        });
        task.setOnCancelled(e -> {
            ended(task);
            if (session.wallet() == wallet) {
                status.set(UserText.of("accesslog.cancelled"));
            }
        });
        // Not through the session: a slow network must not hold up locking. Locking cancels it, and
        // a write the closed vault refuses leaves the kept log a verified prefix.
        return background.run(task);
    }

    /**
     * Stops a running sync. What it verified and stored so far stays (each entry is stored in order,
     * so the kept log is always a verified prefix); the screen keeps the log it showed.
     */
    public void cancel() {
        if (syncing != null) {
            syncing.cancel(true);
        }
    }

    /**
     * Writes the accesses shown (filters applied, newest first) to {@code file} as CSV, in the same
     * shape as {@code healthwallet access-log --format csv}. Returns the task (its value: lines written).
     */
    public Task<Integer> export(Path file) {
        List<AccessView> rows = List.copyOf(shown);
        exported.set(null);
        Task<Integer> task = new Task<>() {
            @Override protected Integer call() throws Exception {
                Files.write(file, AccessLogCsv.lines(rows), StandardCharsets.UTF_8);
                return rows.size();
            }
        };
        task.setOnSucceeded(e -> exported.set(UserText.of("accesslog.exported", task.getValue(), file.toString())));
        task.setOnFailed(e -> exported.set(task.getException() instanceof java.io.IOException io
                ? UserText.of("accesslog.export.failed", file.toString(), String.valueOf(io.getMessage()))
                : failures.describe("export access log", task.getException())));
        return session.run(task);
    }

    /**
     * The patient has the log in front of them (true) or went elsewhere (false). While they look,
     * every access shown counts as seen, and that count is kept in the vault for the home notice.
     */
    public void looking(boolean now) {
        looking = now;
        if (now) {
            sawAll();
        }
    }

    private void sawAll() {
        OpenWallet wallet = session.wallet();
        long count = accesses.size();
        unseen.set(0);
        if (wallet == null || count == seen) {
            return;
        }
        seen = count;
        Task<Void> keep = new Task<>() {
            @Override protected Void call() throws Exception {
                opened(wallet).looked(count);
                return null;
            }
        };
        keep.setOnFailed(e -> warning.set(failures.describe("keep access log seen", keep.getException())));
        session.run(keep);
    }

    private void show(WalletAccessLog.Log log) {
        marks = log.caregiverMarks(); // before the rows, which read them
        accesses.setAll(log.accesses());
        Map<String, ShareChoice> byId = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (AccessView v : log.accesses()) {
            byId.putIfAbsent(v.shareId(), new ShareChoice(v.shareId(), v.shareLabel()));
            if (v.unopenable().isEmpty()) {
                names.add(v.recipient());
            }
        }
        ShareChoice chosen = shareFilter.get();
        shares.setAll(byId.values());
        recipients.setAll(names);
        if (chosen != null && !byId.containsValue(chosen)) {
            shareFilter.set(null);
        }
        seen = log.seen();
        unseen.set((int) Math.min(Integer.MAX_VALUE, LastLooked.unseen(accesses.size(), seen)));
        if (looking) {
            sawAll();
        }
        filter();
    }

    private void filter() {
        shown.setPredicate(matching(shareFilter.get(), recipientFilter.get(), fromFilter.get(), toFilter.get(), zone));
    }

    /** The filters as one test; a filter left empty lets everything through. */
    static Predicate<AccessView> matching(ShareChoice share, String recipient, LocalDate from, LocalDate to, ZoneId zone) {
        String needle = recipient == null ? "" : recipient.strip().toLowerCase(Locale.ROOT);
        return v -> {
            LocalDate day = LocalDate.ofInstant(v.at(), zone);
            return (share == null || share.shareId().equals(v.shareId()))
                    && (needle.isEmpty() || v.recipient().toLowerCase(Locale.ROOT).contains(needle))
                    && (from == null || !day.isBefore(from))
                    && (to == null || !day.isAfter(to));
        };
    }

    /**
     * Whether the access was done by or under a caregiver: a caregiver's refresh of their copy, or an
     * opening of a share a caregiver made ("shared by you, as caregiver"); {@code null} for none.
     */
    public UserText caregiverMark(AccessView v) {
        CaregiverMarks.Mark mark = marks.get(v.index());
        return mark == null ? null : markText(mark);
    }

    /** A caregiver mark in the bundle's words. */
    static UserText markText(CaregiverMarks.Mark mark) {
        return switch (mark.kind()) {
            case SHARED_BY_YOU -> UserText.of("accesslog.mark.you");
            case COPY -> UserText.of("accesslog.mark.copy", mark.caregiver());
            case SHARED_BY -> UserText.of("accesslog.mark.by", mark.caregiver());
        };
    }

    /** The relay column: its host on the ledger, "unregistered relay a2ec95e6…", or (kept by an earlier build) its short key. */
    public static UserText relay(AccessView v) {
        AccessView.Relay relay = v.relay();
        return relay.kind() == AccessView.Relay.Kind.UNREGISTERED
                ? UserText.of("accesslog.relay.unregistered", relay.shortKey())
                : UserText.literal(relay.shown());
    }

    /** The relay column's tooltip: the full key, and the height the relay was admitted at (or why there is none). */
    public static UserText relayDetail(AccessView v) {
        AccessView.Relay relay = v.relay();
        return switch (relay.kind()) {
            case REGISTERED -> UserText.of("accesslog.relay.detail", relay.url().orElseThrow(), relay.key(),
                    relay.admittedHeight().getAsLong());
            case UNREGISTERED -> UserText.of("accesslog.relay.detail.unregistered", relay.key());
            case NOT_LOOKED_UP -> UserText.of("accesslog.relay.detail.notLookedUp", relay.key());
        };
    }

    /** A cancelled sync may end after the next one started: only the current one says it ended. */
    private void ended(Task<?> task) {
        if (syncing == task) {
            syncing = null;
            running.set(false);
            progress.set(0);
        }
    }

    private void clear(OpenWallet was) {
        cancel();
        accesses.clear();
        shares.clear();
        recipients.clear();
        clearFilters();
        status.set(null);
        warning.set(null);
        exported.set(null);
        unseen.set(0);
        seen = 0;
        if (was != null) {
            background.run(new Task<Void>() {
                @Override protected Void call() {
                    closeIfFor(was);
                    return null;
                }
            });
        }
    }

    /** The open wallet's log, made once per wallet (off the FX thread). */
    private WalletAccessLog opened(OpenWallet wallet) throws Exception {
        synchronized (openLock) {
            if (openedFor != wallet || opened == null) {
                if (opened != null) {
                    opened.close();
                }
                opened = source.of(wallet);
                openedFor = wallet;
            }
            return opened;
        }
    }

    private void closeIfFor(OpenWallet wallet) {
        synchronized (openLock) {
            if (openedFor == wallet) {
                close();
            }
        }
    }

    /** Lets go of the last wallet's log (its ledger file). Called off the FX thread. */
    public void close() {
        synchronized (openLock) {
            if (opened != null) {
                opened.close();
                opened = null;
                openedFor = null;
            }
        }
    }
}
