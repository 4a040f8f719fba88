package org.healthwallet.app.ui.unlock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.healthwallet.app.ErrorLog;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.Fx;
import org.healthwallet.app.ui.FxBackground;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.VaultHome;
import org.healthwallet.app.wallet.WalletHome;
import org.healthwallet.core.vault.RecoveryPhrase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UnlockViewModelTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();

    private UnlockViewModel model(WalletHome home, WalletSession session) {
        return new UnlockViewModel(home, session, fx.background(), new Failures(new ErrorLog(temp.resolve("logs/app.log"))));
    }

    private VaultHome walletWith(String passphrase) throws Exception {
        VaultHome home = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet")));
        home.create(passphrase.toCharArray()).wallet().close();
        return home;
    }

    @Test
    void wrongPassphraseSaysSoAndOpensNothing() throws Exception {
        WalletSession session = new WalletSession(fx.background());
        UnlockViewModel model = model(walletWith("Tulip-Orbit-42!"), session);
        Fx.run(() -> model.passphraseProperty().set("tulip-orbit-42!"));
        Fx.await(Fx.call(model::unlock));

        assertThat(model.errorProperty().get()).isEqualTo(UserText.literal("The passphrase does not open this wallet."));
        assertThat(session.isOpen()).isFalse();
        assertThat(model.busyProperty().get()).isFalse();
        // Typing again clears the message.
        Fx.run(() -> model.passphraseProperty().set("Tulip"));
        assertThat(model.errorProperty().get()).isNull();
    }

    @Test
    void rightPassphraseOpensTheSessionAndForgetsTheField() throws Exception {
        WalletSession session = new WalletSession(fx.background());
        UnlockViewModel model = model(walletWith("Tulip-Orbit-42!"), session);
        Fx.run(() -> model.passphraseProperty().set("Tulip-Orbit-42!"));
        Fx.await(Fx.call(model::unlock));

        assertThat(session.isOpen()).isTrue();
        assertThat(session.overview()).isNotNull();
        assertThat(model.passphraseProperty().get()).isEmpty();
        assertThat(model.errorProperty().get()).isNull();
        Fx.run(session::lock);
    }

    @Test
    void nothingTypedIsSaidWithoutTryingTheVault() throws Exception {
        UnlockViewModel model = model(walletWith("Tulip-Orbit-42!"), new WalletSession(fx.background()));
        assertThat(Fx.call(model::unlock)).isNull();
        assertThat(model.errorProperty().get()).isEqualTo(UserText.of("unlock.empty"));
    }

    @Test
    void aBugIsLoggedWithoutItsMessageAndReportedInOneLine() throws Exception {
        WalletHome broken = new WalletHome() {
            @Override public Path location() { return temp; }
            @Override public boolean exists() { return true; }
            @Override public NewWallet create(char[] p) { throw new IllegalStateException(); }
            @Override public OpenWallet unlock(char[] p) {
                throw new IllegalStateException("Jorge Brekke, peanut allergy");
            }
            @Override public OpenWallet restore(Path b, RecoveryPhrase r, char[] p) { throw new IllegalStateException(); }
        };
        UnlockViewModel model = model(broken, new WalletSession(fx.background()));
        Fx.run(() -> model.passphraseProperty().set("anything at all"));
        Fx.await(Fx.call(model::unlock));

        UserText error = model.errorProperty().get();
        assertThat(error.key()).isEqualTo("error.unexpected");
        assertThat(error.args().get(1)).isEqualTo(temp.resolve("logs/app.log").toString());
        String log = Files.readString(temp.resolve("logs/app.log"));
        assertThat(log).contains("java.lang.IllegalStateException", "UnlockViewModel").doesNotContain("peanut", "Jorge");
    }
}
