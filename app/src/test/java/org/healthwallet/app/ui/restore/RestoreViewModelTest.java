package org.healthwallet.app.ui.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
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
import org.healthwallet.core.records.ImportProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RestoreViewModelTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();

    private RestoreViewModel model(WalletSession session) {
        return new RestoreViewModel(new VaultHome(TestFiles.cheapConfig(temp.resolve("new-computer"))), session,
                fx.background(), new Failures(new ErrorLog(temp.resolve("log"))));
    }

    /** A wallet with the sample records on the "old computer", its backup, and its words. */
    private String backedUpWallet(Path backup) throws Exception {
        WalletHome.NewWallet made = new VaultHome(TestFiles.cheapConfig(temp.resolve("old-computer")))
                .create("Tulip-Orbit-42!".toCharArray());
        try (OpenWallet wallet = made.wallet()) {
            wallet.importFiles(List.of(TestFiles.samplePatient()), ImportProgress.NONE);
            wallet.backup(backup);
        }
        return made.phrase().text();
    }

    private void fill(RestoreViewModel model, Path backup, String words) throws Exception {
        Fx.run(() -> {
            model.backupFileProperty().set(backup.toString());
            model.phraseProperty().set(words);
            model.newPassphrase().passphraseProperty().set("New-Laptop-Orbit-7");
            model.newPassphrase().confirmationProperty().set("New-Laptop-Orbit-7");
        });
    }

    @Test
    void theBackupAndTheWordsBringTheRecordsBack() throws Exception {
        Path backup = temp.resolve("wallet.backup");
        String words = backedUpWallet(backup);
        WalletSession session = new WalletSession(fx.background());
        RestoreViewModel model = model(session);
        // Typed the way people type: extra spaces, capitals.
        fill(model, backup, "  " + words.toUpperCase().replace(" ", "   ") + "\n");
        assertThat(model.ready().get()).isTrue();
        Fx.await(Fx.call(model::restore));

        assertThat(model.errorProperty().get()).isNull();
        assertThat(session.isOpen()).isTrue();
        assertThat(session.overview().index().size()).isEqualTo(77);
        assertThat(model.phraseProperty().get()).isEmpty();
        Fx.run(session::lock);
    }

    @Test
    void aWrongWordOrAMissingFileIsSaidAndNothingIsCreated() throws Exception {
        Path backup = temp.resolve("wallet.backup");
        String words = backedUpWallet(backup);
        WalletSession session = new WalletSession(fx.background());
        RestoreViewModel model = model(session);

        fill(model, temp.resolve("no-such.backup"), words);
        Fx.await(Fx.call(model::restore));
        assertThat(model.errorProperty().get()).isEqualTo(UserText.of("restore.noBackupFile", temp.resolve("no-such.backup").toString()));

        String[] w = words.split(" ");
        w[3] = w[3].equals("abandon") ? "ability" : "abandon";
        fill(model, backup, String.join(" ", w));
        Fx.await(Fx.call(model::restore));
        assertThat(model.errorProperty().get().literal()).isNotBlank();
        assertThat(model.errorProperty().get().key()).isNull();
        assertThat(session.isOpen()).isFalse();
        assertThat(new VaultHome(TestFiles.cheapConfig(temp.resolve("new-computer"))).exists()).isFalse();
    }
}
