package org.healthwallet.app.ui.restore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.beans.binding.BooleanBinding;
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
import org.healthwallet.app.ui.common.PassphraseRules;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.WalletHome;
import org.healthwallet.core.vault.RecoveryPhrase;

/** Restoring a wallet on this machine from a backup file and the 24-word recovery phrase. */
public final class RestoreViewModel {
    private final WalletHome home;
    private final WalletSession session;
    private final Background background;
    private final Failures failures;
    private final StringProperty backupFile = new SimpleStringProperty("");
    private final StringProperty phrase = new SimpleStringProperty("");
    private final PassphraseRules rules = new PassphraseRules();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<UserText> error = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding ready;

    public RestoreViewModel(WalletHome home, WalletSession session, Background background, Failures failures) {
        this.home = home;
        this.session = session;
        this.background = background;
        this.failures = failures;
        this.ready = backupFile.isNotEmpty().and(phrase.isNotEmpty()).and(rules.acceptable()).and(busy.not());
    }

    public StringProperty backupFileProperty() { return backupFile; }

    public StringProperty phraseProperty() { return phrase; }

    public PassphraseRules newPassphrase() { return rules; }

    public BooleanBinding ready() { return ready; }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<UserText> errorProperty() { return error.getReadOnlyProperty(); }

    /** Restores in the background and opens the restored wallet; {@code null} when the form is incomplete. */
    public Task<Opened> restore() {
        if (!ready.get()) {
            return null;
        }
        Path backup = Path.of(backupFile.get().strip());
        String words = phrase.get();
        char[] secret = rules.take();
        busy.set(true);
        error.set(null);
        Task<Opened> task = new Task<>() {
            @Override protected Opened call() throws Exception {
                try {
                    if (!Files.isRegularFile(backup)) {
                        throw new NoBackupFile(backup);
                    }
                    OpenWallet restored = home.restore(backup, RecoveryPhrase.parse(words), secret);
                    return Opened.of(restored);
                } finally {
                    Arrays.fill(secret, '\0');
                }
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            clear();
            session.open(task.getValue().wallet(), task.getValue().overview());
        });
        task.setOnFailed(e -> {
            busy.set(false);
            error.set(task.getException() instanceof NoBackupFile missing
                    ? UserText.of("restore.noBackupFile", missing.file.toString())
                    : failures.describe("restore", task.getException()));
        });
        return background.run(task);
    }

    public void clear() {
        backupFile.set("");
        phrase.set("");
        rules.clear();
        error.set(null);
    }

    /** The chosen backup file is not there; said in the patient's language, not logged as a bug. */
    private static final class NoBackupFile extends Exception {
        private final transient Path file;

        NoBackupFile(Path file) {
            super("no backup file");
            this.file = file;
        }
    }
}
