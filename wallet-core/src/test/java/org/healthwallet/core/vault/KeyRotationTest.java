package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import org.healthwallet.core.crypto.AesGcmKey;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A passphrase change rotates the master key: every row is sealed again under a fresh key, in a
 * checked copy swapped in for the file. The threat: someone who kept an old copy of the wallet file
 * and learned its old passphrase, then steals today's file.
 */
class KeyRotationTest {
    private static final char[] OLD = "plum orchard lantern 42".toCharArray();
    private static final char[] NEW = "quiet harbour, seven gulls".toCharArray();
    @TempDir Path dir;

    @Test
    void anOldCopyAndTheOldPassphraseOpenNothingOfTodaysFile() throws Exception {
        Path file = dir.resolve("me.hwvault");
        try (Vault vault = Vault.create(file, OLD, CHEAP_KDF, "Ottoline").vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 40)), ImportProgress.NONE);
        }
        Path stolenEarlier = dir.resolve("copy-from-last-year.hwvault");
        Files.copy(file, stolenEarlier);

        try (Vault vault = Vault.unlock(file, OLD)) {
            vault.changePassphrase(OLD, NEW, CHEAP_KDF);
            vault.importRecords(List.of(GeneratedRecords.source("lab.json", "b", 5)), ImportProgress.NONE);
        }

        // The old copy's key slot, opened with the old passphrase, gives the old master key...
        byte[] oldMaster = keySlotOf(stolenEarlier).unwrap(OLD, new SecureRandom(), null);
        // ...which opens no row of today's file: not the records, not the keys, not the summary.
        try (AesGcmKey key = new AesGcmKey(oldMaster, new SecureRandom())) {
            List<String> opened = openedWith(key, file);
            assertThat(opened).as("rows of today's file the old master key opens").isEmpty();
        }
        // Put into today's file, the old key slot (old passphrase) unlocks nothing either.
        copyKeySlot(stolenEarlier, file);
        assertThatThrownBy(() -> Vault.unlock(file, OLD)).isInstanceOf(VaultCorruptedException.class);
    }

    @Test
    void theNewPassphraseOpensEverythingAsItWas() throws Exception {
        Path file = dir.resolve("me.hwvault");
        UUID share = UUID.randomUUID();
        List<StoredRecord> records;
        byte[] identity;
        try (Vault vault = Vault.create(file, OLD, CHEAP_KDF, "Ottoline").vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 60)), ImportProgress.NONE);
            vault.importRecords(List.of(GeneratedRecords.source("clinic-again.json", "a", 10)), ImportProgress.NONE);
            vault.putItem("share", share, "shlink:/abc".getBytes(StandardCharsets.US_ASCII));
            records = vault.records();
            identity = vault.identityPublicKey();
        }
        try (Connection ledger = PublicTables.open(file); Statement s = ledger.createStatement()) {
            s.executeUpdate("INSERT INTO ledger_notes (key, value) VALUES ('checkpoint', 'height 17')");
            s.executeUpdate("INSERT INTO ledger_light_blocks VALUES (17, 'hw-dev', x'0102', '2026-12-07T20:00:00Z', '{}', x'0a0b')");
        }
        List<String> rowsBefore = SqliteRows.dump(file, "SELECT * FROM record UNION ALL SELECT * FROM secret");
        List<String> ledgerBefore = ledgerRows(file);

        try (Vault vault = Vault.unlock(file, OLD)) {
            vault.changePassphrase(OLD, NEW, CHEAP_KDF);
            // The open vault goes on under the new key: reads, writes, a second rotation.
            assertThat(vault.records()).isEqualTo(records);
            vault.putItem("note", UUID.randomUUID(), "after".getBytes(StandardCharsets.UTF_8));
            assertThat(vault.items("share").get(share)).asString(StandardCharsets.US_ASCII).isEqualTo("shlink:/abc");
        }

        assertThatThrownBy(() -> Vault.unlock(file, OLD)).isInstanceOf(WrongPassphraseException.class);
        try (Vault vault = Vault.unlock(file, NEW)) {
            assertThat(vault.records()).isEqualTo(records);
            assertThat(vault.label()).isEqualTo("Ottoline");
            assertThat(vault.identityPublicKey()).isEqualTo(identity);
            assertThat(vault.items("share")).containsOnlyKeys(share);
            assertThat(vault.items("note")).hasSize(1);
            vault.changePassphrase(NEW, OLD, CHEAP_KDF);
        }
        Vault.unlock(file, OLD).close();
        assertThat(ledgerRows(file)).as("the public tables are carried over").isEqualTo(ledgerBefore);
        Set<String> common = new HashSet<>(rowsBefore);
        common.retainAll(SqliteRows.dump(file, "SELECT * FROM record UNION ALL SELECT * FROM secret"));
        assertThat(common).as("no box of the file is left as it was").isEmpty();
        assertThat(SqliteRows.dump(file, "PRAGMA integrity_check")).containsExactly("ok|");
        assertThat(Files.exists(copyOf(file))).isFalse();
    }

    @Test
    void aWalletOfAnEarlierFormatIsRotatedAfterItsUpgrade() throws Exception {
        Path file = dir.resolve("me.hwvault");
        List<StoredRecord> records;
        try (Vault vault = Vault.create(file, OLD, CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 10)), ImportProgress.NONE);
            records = vault.records();
        }
        OlderFormats.beforeTheSummary(file, OLD);

        try (Vault vault = Vault.unlock(file, OLD)) {
            vault.changePassphrase(OLD, NEW, CHEAP_KDF);
        }

        try (Vault vault = Vault.unlock(file, NEW)) {
            assertThat(vault.records()).isEqualTo(records);
        }
    }

    @Test
    void aWalletReachedThroughASymbolicLinkIsRotatedWhereItIs() throws Exception {
        Path real = dir.resolve("elsewhere").resolve("me.hwvault");
        Vault.create(real, OLD, CHEAP_KDF).vault().close();
        Path link = Files.createSymbolicLink(dir.resolve("me.hwvault"), real);

        try (Vault vault = Vault.unlock(link, OLD)) {
            vault.changePassphrase(OLD, NEW, CHEAP_KDF);
        }

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThatThrownBy(() -> Vault.unlock(real, OLD)).as("no old file stays behind the link")
                .isInstanceOf(WrongPassphraseException.class);
        Vault.unlock(link, NEW).close();
    }

    @Test
    void aFileChangedOutsideIsNotRotatedAndStaysAsItWas() throws Exception {
        Path file = dir.resolve("me.hwvault");
        try (Vault vault = Vault.create(file, OLD, CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 10)), ImportProgress.NONE);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM record WHERE rowid = (SELECT max(rowid) FROM record)");
            }
            byte[] before = Files.readAllBytes(file);

            assertThatThrownBy(() -> vault.changePassphrase(OLD, NEW, CHEAP_KDF))
                    .isInstanceOf(VaultCorruptedException.class)
                    .hasMessageContaining("1 record is missing");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            assertThat(Files.exists(copyOf(file))).isFalse();
        }
    }

    @Test
    void aCopyLeftByACrashIsRemovedAtTheNextUnlock() throws Exception {
        Path file = dir.resolve("me.hwvault");
        Vault.create(file, OLD, CHEAP_KDF).vault().close();
        Path leftover = copyOf(file);
        Files.copy(file, leftover);
        Files.writeString(leftover.resolveSibling(leftover.getFileName() + "-journal"), "half a journal");

        Vault.unlock(file, OLD).close();

        assertThat(leftover).doesNotExist();
        assertThat(leftover.resolveSibling(leftover.getFileName() + "-journal")).doesNotExist();
    }

    @Test
    void aLedgerWriteThroughAConnectionOpenedBeforeTheChangeIsRefusedNotLost() throws Exception {
        Path file = dir.resolve("me.hwvault");
        Vault.create(file, OLD, CHEAP_KDF).vault().close();
        try (Connection stale = PublicTables.open(file)) {
            try (Vault vault = Vault.unlock(file, OLD)) {
                vault.changePassphrase(OLD, NEW, CHEAP_KDF);
            }
            // A write to the file that was swapped out is refused, never lost silently.
            assertThatThrownBy(() -> {
                try (Statement s = stale.createStatement()) {
                    s.executeUpdate("INSERT INTO ledger_notes (key, value) VALUES ('late', 'x')");
                }
            }).isInstanceOf(java.sql.SQLException.class);
        }
        assertThat(ledgerRows(file)).isEmpty();
        Vault.unlock(file, NEW).close();
    }

    private static KeySlot keySlotOf(Path file) throws VaultException {
        try (VaultFile db = VaultFile.open(file)) {
            return db.keySlot();
        }
    }

    /** The rows of {@code file} that {@code key} opens, as "table id". */
    private static List<String> openedWith(AesGcmKey key, Path file) throws Exception {
        List<String> opened = new java.util.ArrayList<>();
        try (VaultFile db = VaultFile.open(file)) {
            for (VaultFile.Row row : db.records()) {
                if (opens(key, row.sealed(), RowCodec.recordAad(RowCodec.idOf(row.id()), row.version()))) {
                    opened.add("record " + RowCodec.idOf(row.id()));
                }
            }
            for (VaultFile.Row row : db.secrets()) {
                if (opens(key, row.sealed(), RowCodec.secretAad(RowCodec.idOf(row.id()), row.version()))) {
                    opened.add("secret " + RowCodec.idOf(row.id()));
                }
            }
            VaultFile.Row summary = db.summaryRow();
            try {
                RowSummary.open(key, summary.version(), summary.sealed());
                opened.add("summary");
            } catch (VaultCorruptedException expected) {
                // not under this key
            }
        }
        return opened;
    }

    private static boolean opens(AesGcmKey key, byte[] sealed, byte[] aad) {
        try {
            Arrays.fill(key.open(sealed, aad), (byte) 0);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        }
    }

    private static void copyKeySlot(Path from, Path to) throws Exception {
        KeySlot slot = keySlotOf(from);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + to);
             PreparedStatement s = c.prepareStatement("UPDATE key_slot SET version = ?, kdf_memory_kib = ?,"
                     + " kdf_iterations = ?, kdf_parallelism = ?, salt = ?, sealed_key = ?")) {
            s.setInt(1, slot.version());
            s.setInt(2, slot.kdf().memoryKib());
            s.setInt(3, slot.kdf().iterations());
            s.setInt(4, slot.kdf().parallelism());
            s.setBytes(5, slot.salt());
            s.setBytes(6, slot.sealedKey());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private static List<String> ledgerRows(Path file) throws Exception {
        List<String> rows = new java.util.ArrayList<>(SqliteRows.dump(file, "SELECT * FROM ledger_light_blocks ORDER BY height"));
        rows.addAll(SqliteRows.dump(file, "SELECT * FROM ledger_notes ORDER BY key"));
        return rows;
    }

    /** Where a rotation writes its copy (KeyRotation.copyOf). */
    private static Path copyOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".rotating");
    }
}
