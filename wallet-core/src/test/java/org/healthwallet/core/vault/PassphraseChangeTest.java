package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphraseChangeTest {
    @TempDir Path dir;
    private final char[] oldPassphrase = "plum orchard lantern 42".toCharArray();
    private final char[] newPassphrase = "quiet harbour, seven gulls".toCharArray();

    @Test
    void afterAChangeOnlyTheNewPassphraseOpensAndRecordsAreIntact() throws Exception {
        Path file = dir.resolve("me.hwvault");
        List<StoredRecord> records;
        try (Vault vault = Vault.create(file, oldPassphrase, CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 40)), ImportProgress.NONE);
            records = vault.records();
            vault.changePassphrase(oldPassphrase, newPassphrase, new KdfParams(256, 2, 1));
            assertThat(vault.records()).isEqualTo(records);
        }

        assertThatThrownBy(() -> Vault.unlock(file, oldPassphrase)).isInstanceOf(WrongPassphraseException.class);
        try (Vault vault = Vault.unlock(file, newPassphrase)) {
            assertThat(vault.records()).isEqualTo(records);
        }
    }

    @Test
    void aWrongCurrentPassphraseChangesNothing() throws Exception {
        Path file = dir.resolve("me.hwvault");
        try (Vault vault = Vault.create(file, oldPassphrase, CHEAP_KDF).vault()) {
            byte[] before = Files.readAllBytes(file);

            assertThatThrownBy(() -> vault.changePassphrase("not it".toCharArray(), newPassphrase, CHEAP_KDF))
                    .isInstanceOf(WrongPassphraseException.class)
                    .hasMessage("The passphrase does not open this wallet.");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }
        Vault.unlock(file, oldPassphrase).close();
    }

    @Test
    void everyRowIsSealedAgainUnderItsIdAndVersion() throws Exception {
        Path file = dir.resolve("me.hwvault");
        try (Vault vault = Vault.create(file, oldPassphrase, CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 10)), ImportProgress.NONE);
        }
        List<String> recordsBefore = SqliteRows.dump(file, "SELECT * FROM record ORDER BY id");
        List<String> secretsBefore = SqliteRows.dump(file, "SELECT * FROM secret ORDER BY id");
        List<String> idsBefore = SqliteRows.dump(file, "SELECT id, version FROM record UNION ALL SELECT id, version FROM secret ORDER BY 1");
        List<String> slotBefore = SqliteRows.dump(file, "SELECT * FROM key_slot");

        try (Vault vault = Vault.unlock(file, oldPassphrase)) {
            vault.changePassphrase(oldPassphrase, newPassphrase, CHEAP_KDF);
        }

        // A key rotation (KeyRotationTest): same rows, every box new.
        assertThat(SqliteRows.dump(file, "SELECT id, version FROM record UNION ALL SELECT id, version FROM secret ORDER BY 1"))
                .isEqualTo(idsBefore);
        assertThat(SqliteRows.dump(file, "SELECT * FROM record ORDER BY id")).doesNotContainAnyElementsOf(recordsBefore);
        assertThat(SqliteRows.dump(file, "SELECT * FROM secret ORDER BY id")).doesNotContainAnyElementsOf(secretsBefore);
        assertThat(SqliteRows.dump(file, "SELECT * FROM key_slot")).isNotEqualTo(slotBefore).hasSize(1);
    }
}
