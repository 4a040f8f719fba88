package org.healthwallet.app.ui.create;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.healthwallet.app.ErrorLog;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.Fx;
import org.healthwallet.app.ui.FxBackground;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.VaultHome;
import org.healthwallet.core.vault.RecoveryPhrase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CreateViewModelTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();

    private VaultHome home() {
        return new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet")));
    }

    private CreateViewModel model(VaultHome home, WalletSession session) {
        return new CreateViewModel(home, session, fx.background(), new Failures(new ErrorLog(temp.resolve("log"))));
    }

    @Test
    void aWeakOrMismatchedPassphraseCannotCreate() throws Exception {
        CreateViewModel model = model(home(), new WalletSession(fx.background()));
        var rules = model.passphrase();
        Fx.run(() -> {
            rules.passphraseProperty().set("password");
            rules.confirmationProperty().set("password");
        });
        assertThat(rules.scoreProperty().get()).isZero();
        assertThat(rules.acceptable().get()).isFalse();
        // Long enough and mixed, but a season and a year: zxcvbn says so, and the app refuses it.
        Fx.run(() -> {
            rules.passphraseProperty().set("Summer2024!");
            rules.confirmationProperty().set("Summer2024!");
        });
        assertThat(rules.strengthProperty().get().warning()).contains("feedback.dictionary.warning.passwords.similar");
        assertThat(rules.acceptable().get()).isFalse();
        Fx.run(() -> {
            rules.passphraseProperty().set("Tulip-Orbit-42!");
            rules.confirmationProperty().set("Tulip-Orbit-42");
        });
        assertThat(rules.matches().get()).isFalse();
        assertThat(rules.acceptable().get()).isFalse();
        assertThat(Fx.call(model::create)).isNull();
        Fx.run(() -> rules.confirmationProperty().set("Tulip-Orbit-42!"));
        assertThat(rules.acceptable().get()).isTrue();
    }

    @Test
    void createShowsTheWordsOnceAndOpensOnlyWhenWrittenDown() throws Exception {
        VaultHome home = home();
        WalletSession session = new WalletSession(fx.background());
        CreateViewModel model = model(home, session);
        Fx.run(() -> {
            model.passphrase().passphraseProperty().set("Tulip-Orbit-42!");
            model.passphrase().confirmationProperty().set("Tulip-Orbit-42!");
        });
        Fx.await(Fx.call(model::create));

        assertThat(model.stepProperty().get()).isEqualTo(CreateViewModel.Step.PHRASE);
        assertThat(model.words()).hasSize(24);
        // The words are a valid phrase (checksum holds): what the patient writes down restores the wallet.
        assertThat(RecoveryPhrase.parse(String.join(" ", model.words())).words()).containsExactlyElementsOf(model.words());
        assertThat(model.passphrase().passphraseProperty().get()).isEmpty();
        assertThat(home.exists()).isTrue();
        assertThat(session.isOpen()).isFalse();

        assertThat(Fx.call(model::finish)).isFalse();
        Fx.run(() -> model.writtenDownProperty().set(true));
        assertThat(Fx.call(model::finish)).isTrue();
        assertThat(session.isOpen()).isTrue();
        assertThat(model.words()).isEmpty();
        assertThat(model.stepProperty().get()).isEqualTo(CreateViewModel.Step.PASSPHRASE);
        Fx.run(session::lock);
    }

    @Test
    void leavingThePhraseStepLocksTheNewWalletSoItCanBeUnlockedLater() throws Exception {
        VaultHome home = home();
        CreateViewModel model = model(home, new WalletSession(fx.background()));
        Fx.run(() -> {
            model.passphrase().passphraseProperty().set("Tulip-Orbit-42!");
            model.passphrase().confirmationProperty().set("Tulip-Orbit-42!");
        });
        Fx.await(Fx.call(model::create));
        Fx.run(model::clear);
        assertThat(model.words()).isEmpty();
        // The vault's process lock was released: unlocking works (it would be refused while held).
        Fx.awaitCondition(() -> {
            try {
                home.unlock("Tulip-Orbit-42!".toCharArray()).close();
                return true;
            } catch (Exception stillOpen) {
                return false;
            }
        });
    }

    @Test
    void aSecondWalletInTheSameFolderIsRefusedWithAReason() throws Exception {
        VaultHome home = home();
        home.create("Tulip-Orbit-42!".toCharArray()).wallet().close();
        CreateViewModel model = model(home, new WalletSession(fx.background()));
        Fx.run(() -> {
            model.passphrase().passphraseProperty().set("Another-Orbit-43!");
            model.passphrase().confirmationProperty().set("Another-Orbit-43!");
        });
        Fx.await(Fx.call(model::create));
        assertThat(model.errorProperty().get().literal()).startsWith("A wallet already exists in ");
        assertThat(model.stepProperty().get()).isEqualTo(CreateViewModel.Step.PASSPHRASE);
    }
}
