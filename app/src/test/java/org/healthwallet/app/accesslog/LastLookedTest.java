package org.healthwallet.app.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.VaultHome;
import org.healthwallet.core.vault.Vault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the patient saw of the access log is kept in the vault, across a lock and an unlock. */
class LastLookedTest {
    private static char[] passphrase() {
        return "Tulip-Orbit-42!".toCharArray();
    }

    @TempDir
    Path temp;

    @Test
    void keepsTheSeenCountInTheVaultAcrossAnUnlock() throws Exception {
        VaultHome home = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet")));
        try (OpenWallet wallet = home.create(passphrase()).wallet()) {
            LastLooked lastLooked = new LastLooked(wallet.vault().orElseThrow());
            assertThat(lastLooked.seen()).isZero();
            lastLooked.saw(7);
            assertThatThrownBy(() -> lastLooked.saw(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(lastLooked.seen()).isEqualTo(7);
        }
        try (OpenWallet wallet = home.unlock(passphrase())) {
            Vault vault = wallet.vault().orElseThrow();
            assertThat(new LastLooked(vault).seen()).isEqualTo(7);
            assertThat(vault.items(LastLooked.KIND)).hasSize(1);
        }
    }

    @Test
    void unseenIsWhatTheLogGrewBy() {
        assertThat(LastLooked.unseen(5, 2)).isEqualTo(3);
        assertThat(LastLooked.unseen(5, 5)).isZero();
        assertThat(LastLooked.unseen(3, 5)).isZero(); // never negative
    }
}
