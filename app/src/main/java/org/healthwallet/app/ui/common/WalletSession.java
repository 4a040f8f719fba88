package org.healthwallet.app.ui.common;

import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.healthwallet.app.wallet.OpenWallet;

/**
 * The one owner of the open wallet in the app. Screens and view models read the wallet and its
 * overview from here; when the wallet locks both become {@code null} and every view model listening
 * drops what it showed. All methods are called on the FX thread.
 */
public final class WalletSession {
    private final Background background;
    private final ReadOnlyObjectWrapper<OpenWallet> wallet = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RecordsOverview> overview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private int running;

    public WalletSession(Background background) {
        this.background = background;
    }

    public ReadOnlyObjectProperty<OpenWallet> walletProperty() { return wallet.getReadOnlyProperty(); }

    public OpenWallet wallet() { return wallet.get(); }

    /** What the record screens show of the open wallet, or {@code null} when locked. */
    public ReadOnlyObjectProperty<RecordsOverview> overviewProperty() { return overview.getReadOnlyProperty(); }

    public RecordsOverview overview() { return overview.get(); }

    /** True while work on the open wallet runs; locking waits for it (the Lock button is disabled). */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public boolean isOpen() { return wallet.get() != null; }

    /**
     * Makes {@code opened} the open wallet, with its overview worked out off the FX thread by the
     * caller (so opening never decrypts or parses on the FX thread).
     */
    public void open(OpenWallet opened, RecordsOverview openedOverview) {
        Objects.requireNonNull(opened, "opened");
        if (wallet.get() != null && wallet.get() != opened) {
            closeInBackground(wallet.get());
        }
        overview.set(openedOverview);
        wallet.set(opened);
    }

    /** Publishes a fresh overview after a change (an import). Ignored if the wallet was locked meanwhile. */
    public void refresh(OpenWallet from, RecordsOverview fresh) {
        if (wallet.get() == from) {
            overview.set(fresh);
        }
    }

    /** Locks now: listeners clear their data at once, the keys are wiped off the FX thread. */
    public void lock() {
        OpenWallet open = wallet.get();
        overview.set(null);
        wallet.set(null);
        if (open != null) {
            closeInBackground(open);
        }
    }

    /**
     * Runs work on the open wallet in the background, marking the session busy until it ends,
     * so the wallet is not locked under it.
     */
    public <T> Task<T> run(Task<T> task) {
        running++;
        busy.set(true);
        task.stateProperty().addListener((obs, was, now) -> {
            if (was != now && (now == Worker.State.SUCCEEDED || now == Worker.State.FAILED
                    || now == Worker.State.CANCELLED)) {
                finished();
            }
        });
        background.run(task);
        return task;
    }

    private void finished() {
        running = Math.max(0, running - 1);
        busy.set(running > 0);
    }

    private void closeInBackground(OpenWallet open) {
        background.run(new Task<Void>() {
            @Override protected Void call() {
                open.close();
                return null;
            }
        });
    }
}
