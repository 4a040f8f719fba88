package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.healthwallet.core.crypto.IdentityKey;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {
    @TempDir Path dir;
    private final char[] passphrase = "plum orchard lantern 42".toCharArray();

    @Test
    void createShowsA24WordPhraseAndUnlockBringsBackIdentityAndRecords() throws Exception {
        Path file = dir.resolve("me.hwvault");
        byte[] publicKey;
        List<StoredRecord> stored;
        CreatedVault created = Vault.create(file, passphrase, CHEAP_KDF, "Ottoline");
        try (Vault vault = created.vault()) {
            assertThat(created.phrase().words()).hasSize(24);
            assertThat(RecoveryPhrase.parse(created.phrase().text())).isEqualTo(created.phrase());
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 20)), ImportProgress.NONE);
            publicKey = vault.identityPublicKey();
            stored = vault.records();
        }

        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.identityPublicKey()).hasSize(32).isEqualTo(publicKey);
            assertThat(vault.records()).hasSize(20).containsExactlyInAnyOrderElementsOf(stored);
            assertThat(vault.label()).isEqualTo("Ottoline");
            assertThat(vault.file()).isEqualTo(file);
        }
    }

    @Test
    void twoWalletsHaveDifferentPhrasesAndIdentities() throws Exception {
        CreatedVault a = Vault.create(dir.resolve("a.hwvault"), passphrase, CHEAP_KDF);
        CreatedVault b = Vault.create(dir.resolve("b.hwvault"), passphrase, CHEAP_KDF);
        try (Vault va = a.vault(); Vault vb = b.vault()) {
            assertThat(a.phrase()).isNotEqualTo(b.phrase());
            assertThat(va.identityPublicKey()).isNotEqualTo(vb.identityPublicKey());
        }
    }

    @Test
    void signaturesVerifyAgainstTheIdentityKey() throws Exception {
        try (Vault vault = Vault.create(dir.resolve("me.hwvault"), passphrase, CHEAP_KDF).vault()) {
            byte[] message = "grant:share-1:expires:2026-12-01".getBytes(StandardCharsets.UTF_8);
            byte[] signature = vault.sign(message);

            assertThat(signature).hasSize(64);
            assertThat(IdentityKey.verify(vault.identityPublicKey(), message, signature)).isTrue();
        }
    }

    @Test
    void aWrongPassphraseIsRefusedWithAClearMessageAndChangesNothing() throws Exception {
        Path file = dir.resolve("me.hwvault");
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 5)), ImportProgress.NONE);
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> Vault.unlock(file, "plum orchard lantern 43".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessage("The passphrase does not open this wallet.");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.records()).hasSize(5);
        }
    }

    @Test
    void aLockedWalletRefusesUseAndCanBeUnlockedAgain() throws Exception {
        Path file = dir.resolve("me.hwvault");
        Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault();
        vault.close();

        assertThat(vault.isLocked()).isTrue();
        assertThatThrownBy(vault::records).hasMessage("This wallet is locked; unlock it first.");
        assertThatThrownBy(() -> vault.sign(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> vault.importRecords(List.of(), ImportProgress.NONE)).isInstanceOf(VaultException.class);
        try (Vault again = Vault.unlock(file, passphrase)) {
            assertThat(again.isLocked()).isFalse();
        }
    }

    @Test
    void theSameWalletCannotBeOpenedTwice() throws Exception {
        Path file = dir.resolve("me.hwvault");
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            assertThatThrownBy(() -> Vault.unlock(file, passphrase))
                    .isInstanceOf(VaultInUseException.class)
                    .hasMessageContaining("already open in another HealthWallet window or process");
            assertThat(vault.records()).isEmpty();
        }
        Vault.unlock(file, passphrase).close();
    }

    @Test
    void createRefusesToOverwriteAFile() throws Exception {
        Path file = dir.resolve("me.hwvault");
        Files.writeString(file, "my notes");

        assertThatThrownBy(() -> Vault.create(file, passphrase, CHEAP_KDF))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("will not overwrite");
        assertThat(Files.readString(file)).isEqualTo("my notes");
    }

    @Test
    void unlockingAMissingFileSaysSo() {
        Path file = dir.resolve("nowhere.hwvault");

        assertThatThrownBy(() -> Vault.unlock(file, passphrase))
                .isInstanceOf(VaultNotFoundException.class)
                .hasMessage("There is no wallet at " + file + ".");
        assertThat(file).doesNotExist();
    }

    @Test
    void unlockReportsProgress() throws Exception {
        Path file = dir.resolve("me.hwvault");
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 1500)), ImportProgress.NONE);
        }
        RecordingProgress progress = new RecordingProgress();
        try (Vault vault = Vault.unlock(file, passphrase, progress)) {
            assertThat(vault.records()).hasSize(1500);
        }
        assertThat(progress.last("unlocking")).isEqualTo(new long[] {1, 1});
        assertThat(progress.last("reading")).isEqualTo(new long[] {1500, 1500});
    }

    @Test
    void theDefaultKdfCostsAreStoredAndUsedWhenGiven() throws Exception {
        Path file = dir.resolve("me.hwvault");
        KdfParams custom = new KdfParams(1024, 2, 1);
        Vault.create(file, passphrase, custom).vault().close();

        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var rs = c.createStatement().executeQuery("SELECT kdf_memory_kib, kdf_iterations, kdf_parallelism FROM key_slot")) {
            assertThat(rs.next()).isTrue();
            assertThat(new KdfParams(rs.getInt(1), rs.getInt(2), rs.getInt(3))).isEqualTo(custom);
        }
    }
}
