package org.healthwallet.app.ui.unlock;

import java.util.Arrays;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.common.Background;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.Opened;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.WalletHome;

/** Unlocking: the passphrase goes to the vault off the FX thread (Argon2 takes about half a second). */
public final class UnlockViewModel {
    private final WalletHome home;
    private final WalletSession session;
    private final Background background;
    private final Failures failures;
    private final StringProperty passphrase = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<UserText> error = new ReadOnlyObjectWrapper<>();

    public UnlockViewModel(WalletHome home, WalletSession session, Background background, Failures failures) {
        this.home = home;
        this.session = session;
        this.background = background;
        this.failures = failures;
        passphrase.addListener((o, a, b) -> error.set(null));
    }

    public StringProperty passphraseProperty() { return passphrase; }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** Why the last attempt failed (shown under the field), or {@code null}. */
    public ReadOnlyObjectProperty<UserText> errorProperty() { return error.getReadOnlyProperty(); }

    public String location() { return home.location().toString(); }

    /**
     * Tries the passphrase; on success the session opens and the field is cleared. Returns the
     * running task, or {@code null} when nothing was typed or an attempt is already running.
     */
    public Task<Opened> unlock() {
        if (busy.get()) {
            return null;
        }
        char[] secret = passphrase.get() == null ? new char[0] : passphrase.get().toCharArray();
        if (secret.length == 0) {
            error.set(UserText.of("unlock.empty"));
            return null;
        }
        busy.set(true);
        error.set(null);
        Task<Opened> task = new Task<>() {
            @Override protected Opened call() throws Exception {
                OpenWallet wallet;
                try {
                    wallet = home.unlock(secret);
                } finally {
                    Arrays.fill(secret, '\0');
                }
                return Opened.of(wallet);
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            passphrase.set("");
            session.open(task.getValue().wallet(), task.getValue().overview());
        });
        task.setOnFailed(e -> {
            busy.set(false);
            error.set(failures.describe("unlock", task.getException()));
        });
        return background.run(task);
    }

    /** Forgets what was typed (when the screen is left or the app locks). */
    public void clear() {
        passphrase.set("");
        error.set(null);
    }
}
