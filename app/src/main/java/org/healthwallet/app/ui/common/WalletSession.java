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
    private final ReadOnlyObjectWrapper<OpenWallet> owner = new ReadOnlyObjectWrapper<>();
    private RecordsOverview ownerOverview;
    private final ReadOnlyObjectWrapper<RecordsOverview> overview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private int running;

    public WalletSession(Background background) {
        this.background = background;
    }

    public ReadOnlyObjectProperty<OpenWallet> walletProperty() { return wallet.getReadOnlyProperty(); }

    public OpenWallet wallet() { return wallet.get(); }

    /**
     * The patient's own wallet, as unlocked: the same as {@link #wallet()} unless the patient acts
     * for a dependent (then {@link #wallet()} is the dependent's). {@code null} when locked.
     */
    public ReadOnlyObjectProperty<OpenWallet> ownerProperty() { return owner.getReadOnlyProperty(); }

    public OpenWallet owner() { return owner.get(); }

    /** Whether the open wallet is a dependent's, opened beside the patient's own. */
    public boolean actingForAnother() { return wallet.get() != null && wallet.get() != owner.get(); }

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
        OpenWallet was = wallet.get();
        OpenWallet wasOwner = owner.get();
        ownerOverview = openedOverview;
        owner.set(opened);
        overview.set(openedOverview);
        wallet.set(opened);
        closeAllBut(opened, was, wasOwner);
    }

    /**
     * Shows a dependent's wallet, opened beside the owner's (it must not close the owner: the app's
     * {@code FamilyWiring.openDependentKeepingOwner}); the dependent's wallet shown before is closed.
     * Ignored when the owner locked meanwhile.
     */
    public void actFor(OpenWallet dependent, RecordsOverview dependentOverview) {
        Objects.requireNonNull(dependent, "dependent");
        if (owner.get() == null) {
            closeInBackground(dependent);
            return;
        }
        OpenWallet was = wallet.get();
        overview.set(dependentOverview);
        wallet.set(dependent);
        if (was != owner.get() && was != dependent) {
            closeInBackground(was);
        }
    }

    /** Back to the patient's own wallet (still open): the dependent's wallet shown is closed. */
    public void backToOwner() {
        OpenWallet was = wallet.get();
        if (owner.get() == null || was == owner.get()) {
            return;
        }
        overview.set(ownerOverview);
        wallet.set(owner.get());
        closeInBackground(was);
    }

    /** Publishes a fresh overview after a change (an import). Ignored if the wallet was locked meanwhile. */
    public void refresh(OpenWallet from, RecordsOverview fresh) {
        if (owner.get() == from) {
            ownerOverview = fresh;
        }
        if (wallet.get() == from) {
            overview.set(fresh);
        }
    }

    /** Locks now: listeners clear their data at once, the keys are wiped off the FX thread. */
    public void lock() {
        OpenWallet open = wallet.get();
        OpenWallet own = owner.get();
        overview.set(null);
        ownerOverview = null;
        wallet.set(null);
        owner.set(null);
        closeAllBut(null, open, own);
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

    /** Closes the wallets that were open (a dependent's first, then the owner's), except {@code kept}. */
    private void closeAllBut(OpenWallet kept, OpenWallet was, OpenWallet wasOwner) {
        if (was != null && was != kept && was != wasOwner) {
            closeInBackground(was);
        }
        if (wasOwner != null && wasOwner != kept) {
            closeInBackground(wasOwner);
        }
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
