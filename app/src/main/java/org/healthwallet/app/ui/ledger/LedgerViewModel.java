package org.healthwallet.app.ui.ledger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.app.ui.common.Background;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.core.ledger.AttackReport;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerStatus;
import org.healthwallet.core.ledger.LedgerWarning;
import org.healthwallet.core.ledger.SyncProgress;
import org.healthwallet.core.ledger.SyncRequest;

/**
 * The Ledger screen: how far the wallet has verified the consortium's ledger, who signs it, which
 * nodes it asks, and what is wrong. Sync runs in the background with progress and can be
 * cancelled; a new checkpoint can be entered when trust expired or a node was caught lying. The
 * ledger store (in the wallet file, sealed with the unlocked owner's key) and the consortium are opened the first
 * time they are needed, off the FX thread.
 */
public final class LedgerViewModel {
    /** Opens the owner profile's ledger (slow: may start the embedded dev network). Called off the FX thread. */
    public interface Opener {
        ProfileLedger open() throws LedgerException;
    }

    /** A validator as the screen lists it: address, voting power, and its share of the total (0..1). */
    public record ValidatorRow(String address, long votingPower, double share) {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Background background;
    private final Failures failures;
    private final Opener opener;
    private final DateTimeFormatter time;
    private final ReadOnlyObjectWrapper<LedgerStatus> status = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ValidatorRow> validators = FXCollections.observableArrayList();
    private final ObservableList<UserText> warnings = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper needsCheckpoint = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<UserText> message = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UserText> consortium = new ReadOnlyObjectWrapper<>();
    private final StringProperty checkpointHeight = new SimpleStringProperty("");
    private final StringProperty checkpointHash = new SimpleStringProperty("");
    private final Object openLock = new Object();
    private ProfileLedger opened;
    private Runnable cancelling = () -> { };
    /** Bumped by {@link #clear()}: a task started before it finishes without showing anything. */
    private int generation;

    public LedgerViewModel(WalletSession session, Background background, Failures failures, Opener opener, ZoneId zone) {
        this.background = background;
        this.failures = failures;
        this.opener = opener;
        this.time = TIME.withZone(zone);
        session.walletProperty().addListener((o, was, now) -> {
            if (now == null) {
                clear();
            }
        });
    }

    /** The last status read or synced, or {@code null} before the first. */
    public ReadOnlyObjectProperty<LedgerStatus> statusProperty() { return status.getReadOnlyProperty(); }

    public ObservableList<ValidatorRow> validators() { return FXCollections.unmodifiableObservableList(validators); }

    /** What the person should know, most serious first. */
    public ObservableList<UserText> warnings() { return FXCollections.unmodifiableObservableList(warnings); }

    /** True when only a new checkpoint lets the wallet verify again: the screen offers to enter one. */
    public ReadOnlyBooleanProperty needsCheckpointProperty() { return needsCheckpoint.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** -1 (indeterminate) while a sync runs: skipping verification does not know its steps in advance. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    /** What is happening or what happened last. */
    public ReadOnlyObjectProperty<UserText> messageProperty() { return message.getReadOnlyProperty(); }

    /** Which consortium: the embedded dev network or a configuration file. */
    public ReadOnlyObjectProperty<UserText> consortiumProperty() { return consortium.getReadOnlyProperty(); }

    public StringProperty checkpointHeightProperty() { return checkpointHeight; }

    public StringProperty checkpointHashProperty() { return checkpointHash; }

    /** A time as the screen shows it, in this computer's zone. */
    public String time(Instant instant) {
        return time.format(instant);
    }

    /** Reads what is verified, asking no node. {@code null} while a sync runs. */
    public Task<LedgerStatus> refresh() {
        if (running.get()) {
            return null;
        }
        return start(new Task<>() {
            @Override protected LedgerStatus call() throws Exception {
                return ledger().connection().status();
            }
        }, null, "refresh ledger status", s -> { });
    }

    /** Syncs to the newest header in the background. {@code null} when one already runs. */
    public Task<LedgerStatus> sync() {
        if (running.get()) {
            return null;
        }
        SyncTask task = new SyncTask();
        cancelling = task::stop;
        return start(task, UserText.of("ledger.sync.starting"), "sync ledger", s -> message.set(outcome(s)));
    }

    /**
     * A sync that tells the screen which height it fetched, and stops when asked. (Not through
     * {@link Task#cancel}: the sync must end on its own, with nothing new trusted, so its outcome is shown.)
     */
    private final class SyncTask extends Task<LedgerStatus> {
        private final AtomicBoolean stopRequested = new AtomicBoolean();
        private final Object workerLock = new Object();
        private Thread worker;

        @Override protected LedgerStatus call() throws Exception {
            synchronized (workerLock) {
                worker = Thread.currentThread();
            }
            try {
                return ledger().connection().sync(SyncRequest.LATEST, new SyncProgress() {
                    private long lastShown;

                    @Override public void fetched(String source, long height) {
                        long now = System.nanoTime();
                        if (now - lastShown < 100_000_000L) {
                            return; // at most ten updates a second; the FX queue is not flooded
                        }
                        lastShown = now;
                        Platform.runLater(() -> {
                            if (running.get() && !stopRequested.get()) {
                                message.set(UserText.of("ledger.sync.fetched", height, source));
                            }
                        });
                    }

                    @Override public boolean isCancelled() {
                        return stopRequested.get();
                    }
                });
            } finally {
                synchronized (workerLock) {
                    worker = null;
                    Thread.interrupted(); // a late stop must not reach the pool's next task
                }
            }
        }

        /** Stops at the next request, and stops waiting on a node now (nothing new is trusted either way). */
        void stop() {
            stopRequested.set(true);
            synchronized (workerLock) {
                if (worker != null) {
                    worker.interrupt();
                }
            }
        }
    }

    /** Stops the running sync; nothing new is trusted. */
    public void cancel() {
        if (running.get()) {
            cancelling.run();
            message.set(UserText.of("ledger.sync.cancelling"));
        }
    }

    /**
     * Makes the typed height and header hash the new trust root, once {@code passphrase} proved to
     * open the wallet (it is wiped here). {@code null} while a sync runs.
     */
    public Task<LedgerStatus> useCheckpoint(char[] passphrase) {
        if (running.get()) {
            java.util.Arrays.fill(passphrase, '\0');
            return null;
        }
        String height = checkpointHeight.get();
        String hash = checkpointHash.get();
        Task<LedgerStatus> task = new Task<>() {
            @Override protected LedgerStatus call() throws Exception {
                ProfileLedger ledger = ledger();
                var connection = ledger.connection();
                try {
                    var checkpoint = connection.checkpointOf(height, hash);
                    ledger.confirmPassphrase(passphrase);
                    return connection.useCheckpoint(checkpoint);
                } finally {
                    java.util.Arrays.fill(passphrase, '\0');
                }
            }
        };
        return start(task, null, "use ledger checkpoint", s -> {
            checkpointHeight.set("");
            checkpointHash.set("");
            message.set(UserText.of("ledger.checkpoint.done", height.strip()));
        });
    }

    /**
     * Forgets what was shown and closes the ledger's connection to the wallet file (the wallet
     * locked or the window closes).
     */
    public void clear() {
        cancel();
        validators.clear();
        warnings.clear();
        status.set(null);
        needsCheckpoint.set(false);
        message.set(null);
        checkpointHeight.set("");
        checkpointHash.set("");
        generation++;
        background.run(new Task<Void>() {
            @Override protected Void call() {
                synchronized (openLock) {
                    if (opened != null) {
                        // The connection's own lock: a sync still stopping finishes before its file closes.
                        synchronized (opened.connection()) {
                            opened.close();
                        }
                        opened = null;
                    }
                }
                return null;
            }
        });
    }

    private ProfileLedger ledger() throws LedgerException {
        synchronized (openLock) {
            if (opened == null) {
                opened = opener.open();
                ProfileLedger now = opened;
                UserText which = now.source().file().map(f -> UserText.of("ledger.consortium.file", f.toString()))
                        .orElseGet(() -> UserText.of("ledger.consortium.embedded"));
                Platform.runLater(() -> consortium.set(which));
            }
            return opened;
        }
    }

    private Task<LedgerStatus> start(Task<LedgerStatus> task, UserText starting, String context,
                                     java.util.function.Consumer<LedgerStatus> done) {
        running.set(true);
        progress.set(starting != null ? -1 : 0);
        if (starting != null) {
            message.set(starting);
        }
        int startedIn = generation;
        task.setOnSucceeded(e -> {
            finish();
            if (startedIn == generation) {
                show(task.getValue());
                done.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            finish();
            if (startedIn != generation) {
                return;
            }
            Throwable failure = task.getException();
            message.set(failure instanceof LedgerException ? UserText.literal(failure.getMessage())
                    : failures.describe(context, failure));
        });
        return background.run(task);
    }

    private void finish() {
        running.set(false);
        progress.set(0);
        cancelling = () -> { };
    }

    /** The lists first, the status last: a screen that redraws on the status finds the lists up to date. */
    private void show(LedgerStatus s) {
        long total = s.totalVotingPower();
        validators.setAll(s.validators().stream().map(v -> new ValidatorRow(v.address(), v.votingPower(),
                total == 0 ? 0 : (double) v.votingPower() / total)).toList());
        warnings.setAll(s.warnings().stream().map(this::text).toList());
        needsCheckpoint.set(s.needsCheckpoint());
        status.set(s);
    }

    private UserText outcome(LedgerStatus s) {
        return switch (s.lastOutcome()) {
            case SYNCED -> UserText.of("ledger.outcome.synced", s.latest().map(h -> h.height()).orElse(0L));
            case CANCELLED -> UserText.of("ledger.outcome.cancelled");
            case TRUST_EXPIRED -> UserText.of("ledger.outcome.trustExpired");
            case ATTACK -> UserText.of("ledger.outcome.attack");
            case FAILED -> UserText.of("ledger.outcome.failed", s.lastMessage());
            case NEVER -> null;
        };
    }

    /** A warning in the person's language (a witness's problem is the light client's own sentence). */
    UserText text(LedgerWarning w) {
        if (w instanceof LedgerWarning.TrustExpiring e) {
            return UserText.of("ledger.warning.expiring", time(e.expiresAt()));
        }
        if (w instanceof LedgerWarning.TrustExpired e) {
            return UserText.of("ledger.warning.expired", e.height(), time(e.expiredAt()));
        }
        if (w instanceof LedgerWarning.AttackReported a) {
            AttackReport r = a.report();
            return UserText.of("ledger.warning.attack", r.primary(), r.witness(), r.height(), r.byzantineValidators(),
                    time(r.detectedAt()));
        }
        if (w instanceof LedgerWarning.PrimaryDropped p) {
            return UserText.of("ledger.warning.primaryDropped", p.primary());
        }
        if (w instanceof LedgerWarning.OtherChain c) {
            return UserText.of("ledger.warning.otherChain", c.verifiedChain(), c.consortiumChain());
        }
        return UserText.literal(((LedgerWarning.WitnessProblem) w).message());
    }
}
