package org.healthwallet.app.ui.create;

import java.util.Arrays;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.common.Background;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.Opened;
import org.healthwallet.app.ui.common.PassphraseRules;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.WalletHome;
import org.healthwallet.core.vault.RecoveryPhrase;

/**
 * Creating a wallet: a passphrase typed twice, then the recovery phrase shown once. The wallet
 * opens only after the patient confirms they wrote the phrase down.
 */
public final class CreateViewModel {
    public enum Step { PASSPHRASE, PHRASE }

    private final WalletHome home;
    private final WalletSession session;
    private final Background background;
    private final Failures failures;
    private final PassphraseRules rules = new PassphraseRules();
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.PASSPHRASE);
    private final ObservableList<String> words = FXCollections.observableArrayList();
    private final BooleanProperty writtenDown = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<UserText> error = new ReadOnlyObjectWrapper<>();
    private Opened created;

    private record Made(Opened opened, RecoveryPhrase phrase) {}

    public CreateViewModel(WalletHome home, WalletSession session, Background background, Failures failures) {
        this.home = home;
        this.session = session;
        this.background = background;
        this.failures = failures;
    }

    public PassphraseRules passphrase() { return rules; }

    public ReadOnlyObjectProperty<Step> stepProperty() { return step.getReadOnlyProperty(); }

    /** The 24 recovery words, in order, while the phrase step is shown; empty otherwise. */
    public ObservableList<String> words() { return FXCollections.unmodifiableObservableList(words); }

    /** "I have written it down": the only way on from the phrase step. */
    public BooleanProperty writtenDownProperty() { return writtenDown; }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<UserText> errorProperty() { return error.getReadOnlyProperty(); }

    public String location() { return home.location().toString(); }

    /** Creates the wallet in the background; returns the task, or {@code null} if the passphrase is not acceptable. */
    public Task<?> create() {
        if (busy.get() || !rules.acceptable().get()) {
            return null;
        }
        char[] secret = rules.take();
        busy.set(true);
        error.set(null);
        Task<Made> task = new Task<>() {
            @Override protected Made call() throws Exception {
                WalletHome.NewWallet made;
                try {
                    made = home.create(secret);
                } finally {
                    Arrays.fill(secret, '\0');
                }
                return new Made(Opened.of(made.wallet()), made.phrase());
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            rules.clear();
            created = task.getValue().opened();
            words.setAll(task.getValue().phrase().words());
            writtenDown.set(false);
            step.set(Step.PHRASE);
        });
        task.setOnFailed(e -> {
            busy.set(false);
            error.set(failures.describe("create", task.getException()));
        });
        return background.run(task);
    }

    /** Leaves the phrase step for the open wallet; only once the phrase is written down. */
    public boolean finish() {
        if (step.get() != Step.PHRASE || !writtenDown.get() || created == null) {
            return false;
        }
        Opened opened = created;
        created = null;
        words.clear();
        writtenDown.set(false);
        step.set(Step.PASSPHRASE);
        session.open(opened.wallet(), opened.overview());
        return true;
    }

    /** Forgets everything typed or shown. A wallet created but not yet confirmed is locked, not lost. */
    public void clear() {
        rules.clear();
        words.clear();
        writtenDown.set(false);
        error.set(null);
        step.set(Step.PASSPHRASE);
        if (created != null) {
            Opened dropped = created;
            created = null;
            background.run(new Task<Void>() {
                @Override protected Void call() {
                    dropped.wallet().close();
                    return null;
                }
            });
        }
    }
}
