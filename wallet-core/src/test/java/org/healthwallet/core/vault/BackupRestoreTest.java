package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.healthwallet.core.crypto.IdentityKey;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.StoredRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRestoreTest {
    @TempDir Path dir;
    private final char[] passphrase = "plum orchard lantern 42".toCharArray();
    private final char[] newPassphrase = "a new laptop, a new passphrase".toCharArray();
    private Path file;
    private Path backup;
    private RecoveryPhrase phrase;
    private List<StoredRecord> records;
    private byte[] identity;

    @BeforeEach
    void walletWithABackup() throws Exception {
        file = dir.resolve("me.hwvault");
        backup = dir.resolve("backups/me-2026-11-29.hwbackup");
        CreatedVault created = Vault.create(file, passphrase, CHEAP_KDF, "Ottoline");
        phrase = created.phrase();
        try (Vault vault = created.vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 300)), ImportProgress.NONE);
            vault.importRecords(List.of(GeneratedRecords.source("hospital.json", "a", 50)), ImportProgress.NONE);
            vault.exportBackup(backup);
            records = vault.records();
            identity = vault.identityPublicKey();
        }
    }

    @Test
    void thePhraseAloneRestoresTheBackupUnderANewPassphrase() throws Exception {
        Path restored = dir.resolve("restored/me.hwvault");
        RecoveryPhrase typed = RecoveryPhrase.parse("  " + phrase.text().toUpperCase().replace(" ", "\n ") + " ");

        try (Vault vault = Vault.restore(backup, typed, restored, newPassphrase, CHEAP_KDF)) {
            assertThat(vault.records()).containsExactlyInAnyOrderElementsOf(records);
            assertThat(vault.identityPublicKey()).isEqualTo(identity);
            assertThat(vault.label()).isEqualTo("Ottoline");
        }
        assertThatThrownBy(() -> Vault.unlock(restored, passphrase)).isInstanceOf(WrongPassphraseException.class);
        try (Vault vault = Vault.unlock(restored, newPassphrase)) {
            assertThat(vault.records()).containsExactlyInAnyOrderElementsOf(records);
            byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
            assertThat(IdentityKey.verify(identity, message, vault.sign(message))).isTrue();
            // The restored wallet works on: merging into restored records still finds them.
            var report = vault.importRecords(List.of(GeneratedRecords.source("again.json", "a", 10)), ImportProgress.NONE);
            assertThat(report.merged()).isEqualTo(10);
        }
    }

    @Test
    void theBackupHoldsNothingReadable() throws Exception {
        String bytes = new String(Files.readAllBytes(backup), StandardCharsets.ISO_8859_1);

        assertThat(bytes).startsWith("HWBACKUP").doesNotContain("Quintanilla").doesNotContain("8867-4")
                .doesNotContain("Ottoline").doesNotContain("clinic.json");
        assertThat(Files.list(backup.getParent())).as("no temporary file left behind").containsExactly(backup);
    }

    @Test
    void anotherWalletsPhraseDoesNotOpenTheBackup() throws Exception {
        CreatedVault otherWallet = Vault.create(dir.resolve("other.hwvault"), passphrase, CHEAP_KDF);
        otherWallet.vault().close();
        RecoveryPhrase other = otherWallet.phrase();
        Path target = dir.resolve("restored.hwvault");

        assertThatThrownBy(() -> Vault.restore(backup, other, target, newPassphrase, CHEAP_KDF))
                .isInstanceOf(InvalidRecoveryPhraseException.class)
                .hasMessageContaining("This recovery phrase does not open this backup file");
        assertThat(target).doesNotExist();
    }

    @Test
    void aTruncatedOrForeignBackupIsNamedAndNothingIsCreated() throws Exception {
        Path target = dir.resolve("restored.hwvault");
        Path cut = dir.resolve("cut.hwbackup");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(backup), 14));
        Path foreign = dir.resolve("notes.txt");
        Files.writeString(foreign, "not a backup");

        assertThatThrownBy(() -> Vault.restore(cut, phrase, target, newPassphrase, CHEAP_KDF))
                .isInstanceOf(VaultCorruptedException.class).hasMessage("This backup file is incomplete: it was cut short.");
        assertThatThrownBy(() -> Vault.restore(foreign, phrase, target, newPassphrase, CHEAP_KDF))
                .isInstanceOf(NotAVaultException.class).hasMessage("This file is not a HealthWallet backup.");
        assertThatThrownBy(() -> Vault.restore(dir.resolve("missing.hwbackup"), phrase, target, newPassphrase, CHEAP_KDF))
                .isInstanceOf(VaultException.class).hasMessageContaining("There is no backup file at");
        assertThat(target).doesNotExist();
    }

    @Test
    void restoreNeverOverwritesAnExistingWallet() throws Exception {
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> Vault.restore(backup, phrase, file, newPassphrase, CHEAP_KDF))
                .isInstanceOf(VaultException.class).hasMessageContaining("will not overwrite");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aBackupIsNeverWrittenOverTheWalletItself() throws Exception {
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThatThrownBy(() -> vault.exportBackup(file)).hasMessageContaining("cannot be written over the wallet itself");
            assertThat(vault.records()).hasSize(records.size());
        }
    }
}
