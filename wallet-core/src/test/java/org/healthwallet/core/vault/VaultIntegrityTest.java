package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows deleted from the wallet file, put back, or a table rolled back to an older copy, by someone
 * with the file but not the passphrase: each row still passes its own check, so only the vault's
 * summary of its rows can tell. Each is refused at unlock with a message saying what is missing,
 * and the file is left byte for byte as it was.
 */
class VaultIntegrityTest {
    private static final String CHANGED = "This wallet file was changed outside HealthWallet: ";
    private static final String RESTORE = "Nothing was changed and nothing is shown as complete; restore the wallet from your backup.";
    private final char[] passphrase = "plum orchard lantern 42".toCharArray();
    @TempDir Path dir;

    @Test
    void aDeletedRecordRowIsNamedAtUnlockAndTheFileIsLeftAsItWas() throws Exception {
        Path file = walletWithRecords(5);
        sql(file, "DELETE FROM record WHERE rowid = (SELECT min(rowid) FROM record)");
        byte[] before = Files.readAllBytes(file);

        assertRefused(file, CHANGED + "1 record is missing. " + RESTORE);
        assertThat(Files.readAllBytes(file)).as("unlock wrote nothing").isEqualTo(before);
        assertRefused(file, CHANGED + "1 record is missing. " + RESTORE);
    }

    @Test
    void deletedItemRowsAreNamedByTheirKind() throws Exception {
        Path file = dir.resolve("me.hwvault");
        List<UUID> entries = new ArrayList<>();
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("a.json", "a", 3)), ImportProgress.NONE);
            Map<UUID, byte[]> log = new LinkedHashMap<>();
            for (int i = 0; i < 4; i++) {
                UUID id = UUID.randomUUID();
                entries.add(id);
                log.put(id, ("entry " + i).getBytes(StandardCharsets.UTF_8));
            }
            vault.putItems("access-log", log);
            vault.putItem("share", UUID.randomUUID(), "link".getBytes(StandardCharsets.UTF_8));
        }
        deleteSecret(file, entries.get(1));
        deleteSecret(file, entries.get(2));
        byte[] before = Files.readAllBytes(file);

        assertRefused(file, CHANGED + "2 saved items of the kind \"access-log\" are missing. " + RESTORE);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aRecordAndAnItemMissingTogetherAreBothNamed() throws Exception {
        Path file = walletWithRecords(3);
        UUID share = UUID.randomUUID();
        try (Vault vault = Vault.unlock(file, passphrase)) {
            vault.putItem("share", share, "link".getBytes(StandardCharsets.UTF_8));
        }
        sql(file, "DELETE FROM record WHERE rowid = (SELECT max(rowid) FROM record)");
        deleteSecret(file, share);

        assertRefused(file, CHANGED + "1 record and 1 saved item of the kind \"share\" are missing. " + RESTORE);
    }

    @Test
    void aRecordTableRolledBackToAnEarlierCopyIsRefused() throws Exception {
        Path file = walletWithRecords(4);
        List<Object[]> earlier = rows(file, "record");
        try (Vault vault = Vault.unlock(file, passphrase)) {
            // The same resources again: every record gains a provenance and a version.
            vault.importRecords(List.of(GeneratedRecords.source("again.json", "r", 4)), ImportProgress.NONE);
            assertThat(vault.records()).allMatch(r -> r.version() == 2);
        }
        putBack(file, "record", earlier);
        byte[] before = Files.readAllBytes(file);

        assertRefused(file, CHANGED + "its records are not the ones HealthWallet last saved (put back from an older"
                + " copy of the file). " + RESTORE);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aTableRolledBackToBeforeAnImportHasItsNewRecordsMissing() throws Exception {
        Path file = walletWithRecords(4);
        List<Object[]> earlier = rows(file, "record");
        try (Vault vault = Vault.unlock(file, passphrase)) {
            vault.importRecords(List.of(GeneratedRecords.source("later.json", "later", 3)), ImportProgress.NONE);
        }
        putBack(file, "record", earlier);

        assertRefused(file, CHANGED + "3 records are missing. " + RESTORE);
    }

    @Test
    void aRemovedItemPutBackOrReplacedByItsOlderVersionIsRefused() throws Exception {
        Path file = dir.resolve("me.hwvault");
        UUID revoked = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            vault.putItem("share", revoked, "active".getBytes(StandardCharsets.UTF_8));
            vault.putItem("share", kept, "active".getBytes(StandardCharsets.UTF_8));
        }
        List<Object[]> earlier = rows(file, "secret");
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.removeItem("share", revoked)).isTrue();
        }
        putBack(file, "secret", earlier);
        assertRefused(file, CHANGED + "1 saved item of the kind \"share\" that HealthWallet did not save or had removed"
                + " is back in it. " + RESTORE);

        sql(file, "DELETE FROM secret WHERE id = x'" + hex(revoked) + "'");
        try (Vault vault = Vault.unlock(file, passphrase)) {
            vault.putItem("share", kept, "revoked".getBytes(StandardCharsets.UTF_8));
        }
        putBack(file, "secret", earlier.stream().filter(r -> !java.util.Arrays.equals((byte[]) r[0], RowCodec.idBytes(revoked))).toList());
        assertRefused(file, CHANGED + "its saved items of the kind \"share\" are not the ones HealthWallet last saved"
                + " (put back from an older copy of the file). " + RESTORE);
    }

    @Test
    void aDeletedOrDroppedOrAlteredSummaryIsRefused() throws Exception {
        Path file = walletWithRecords(3);
        Path copy = dir.resolve("copy.hwvault");
        Files.copy(file, copy);
        Path copy2 = dir.resolve("copy2.hwvault");
        Files.copy(file, copy2);

        sql(file, "DELETE FROM vault_summary");
        byte[] before = Files.readAllBytes(file);
        String missing = CHANGED + "its summary of what it holds is missing, so records may be missing too. Nothing was"
                + " changed; restore the wallet from your backup.";
        assertRefused(file, missing);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        sql(copy, "DROP TABLE vault_summary");
        assertRefused(copy, missing);

        sql(copy2, "UPDATE vault_summary SET version = version + 1");
        assertThatThrownBy(() -> Vault.unlock(copy2, passphrase)).isInstanceOf(VaultCorruptedException.class)
                .hasMessageContaining("its summary of what it holds failed its integrity check");
    }

    @Test
    void aFileFromBeforeTheSummaryGetsOneAtItsFirstUnlockAndIsGuardedFromThen() throws Exception {
        Path file = walletWithRecords(4);
        List<StoredRecord> records;
        try (Vault vault = Vault.unlock(file, passphrase)) {
            records = vault.records();
        }
        OlderFormats.beforeTheSummary(file, passphrase);
        byte[] older = Files.readAllBytes(file);

        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.records()).isEqualTo(records);
        }
        assertThat(SqliteRows.dump(file, "SELECT version FROM schema_version")).containsExactly(Schema.latest() + "|");
        assertThat(SqliteRows.dump(file, "SELECT count(*) FROM vault_summary")).containsExactly("1|");
        // The summary removed and the format set back, as if it never had one: refused unchanged.
        Path setBack = dir.resolve("set-back.hwvault");
        Files.copy(file, setBack);
        sql(setBack, "DROP TABLE vault_summary", "UPDATE schema_version SET version = 2");
        byte[] before = Files.readAllBytes(setBack);
        assertRefused(setBack, CHANGED + "its summary of what it holds is missing, so records may be missing too."
                + " Nothing was changed; restore the wallet from your backup.");
        assertThat(Files.readAllBytes(setBack)).isEqualTo(before);
        // A copy of the older file itself still upgrades: that is what it was.
        Path olderCopy = dir.resolve("older.hwvault");
        Files.write(olderCopy, older);
        try (Vault vault = Vault.unlock(olderCopy, passphrase)) {
            assertThat(vault.records()).isEqualTo(records);
        }

        try (Vault vault = Vault.unlock(file, passphrase)) {
            vault.importRecords(List.of(GeneratedRecords.source("b.json", "b", 2)), ImportProgress.NONE);
        }
        sql(file, "DELETE FROM record WHERE rowid = (SELECT min(rowid) FROM record)");
        assertRefused(file, CHANGED + "1 record is missing. " + RESTORE);
    }

    @Test
    void everydayUseKeepsTheSummaryInStep() throws Exception {
        Path file = dir.resolve("me.hwvault");
        Path backup = dir.resolve("me.hwbackup");
        RecoveryPhrase phrase;
        UUID share = UUID.randomUUID();
        CreatedVault created = Vault.create(file, passphrase, CHEAP_KDF, "Ottoline");
        phrase = created.phrase();
        try (Vault vault = created.vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("a.json", "a", 20)), ImportProgress.NONE);
            vault.importRecords(List.of(GeneratedRecords.source("a-again.json", "a", 10)), ImportProgress.NONE);
            Map<UUID, byte[]> log = new LinkedHashMap<>();
            for (int i = 0; i < 500; i++) {
                log.put(UUID.randomUUID(), ("entry " + i).getBytes(StandardCharsets.UTF_8));
            }
            vault.putItems("access-log", log);
            vault.putItem("share", share, "active".getBytes(StandardCharsets.UTF_8));
            vault.putItem("share", share, "revoked".getBytes(StandardCharsets.UTF_8));
            assertThat(vault.removeItem("access-log", log.keySet().iterator().next())).isTrue();
            assertThat(vault.removeItem("access-log", UUID.randomUUID())).isFalse();
            vault.exportBackup(backup);
        }
        char[] next = "quince harbour velvet 77".toCharArray();
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.records()).hasSize(20);
            assertThat(vault.items("access-log")).hasSize(499);
            vault.changePassphrase(passphrase, next, CHEAP_KDF);
        }
        try (Vault vault = Vault.unlock(file, next)) {
            assertThat(vault.items("share")).hasSize(1);
        }
        Path restored = dir.resolve("restored.hwvault");
        try (Vault vault = Vault.restore(backup, phrase, restored, next, CHEAP_KDF)) {
            assertThat(vault.records()).hasSize(20);
        }
        try (Vault vault = Vault.unlock(restored, next)) {
            assertThat(vault.label()).isEqualTo("Ottoline");
        }
        sql(restored, "DELETE FROM record WHERE rowid = (SELECT max(rowid) FROM record)");
        assertThatThrownBy(() -> Vault.unlock(restored, next)).hasMessage(CHANGED + "1 record is missing. " + RESTORE);
    }

    @Test
    void aRefusedOrCancelledWriteLeavesTheSummaryAsTheFileIs() throws Exception {
        Path file = walletWithRecords(3);
        UUID taken = UUID.randomUUID();
        try (Vault vault = Vault.unlock(file, passphrase)) {
            vault.putItem("note", taken, "a note".getBytes(StandardCharsets.UTF_8));
            Map<UUID, byte[]> batch = new LinkedHashMap<>();
            batch.put(UUID.randomUUID(), "first".getBytes(StandardCharsets.UTF_8));
            batch.put(taken, "clash".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> vault.putItems("share", batch)).isInstanceOf(IllegalArgumentException.class);
            RecordingProgress cancelling = new RecordingProgress(u -> u.phase().equals("saving") && u.done() == 5);
            assertThatThrownBy(() -> vault.importRecords(List.of(GeneratedRecords.source("c.json", "c", 10)), cancelling))
                    .isInstanceOf(ImportCancelledException.class);
            vault.putItem("share", UUID.randomUUID(), "after".getBytes(StandardCharsets.UTF_8));
        }
        try (Vault vault = Vault.unlock(file, passphrase)) {
            assertThat(vault.items("share")).hasSize(1);
            assertThat(vault.records()).hasSize(3);
        }
    }

    private Path walletWithRecords(int count) throws Exception {
        Path file = dir.resolve("me.hwvault");
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("r.json", "r", count)), ImportProgress.NONE);
        }
        return file;
    }

    private void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> Vault.unlock(file, passphrase)).isInstanceOf(VaultCorruptedException.class).hasMessage(message);
        assertThat(file.resolveSibling(file.getFileName() + "-journal")).doesNotExist();
    }

    private static void deleteSecret(Path file, UUID id) throws Exception {
        sql(file, "DELETE FROM secret WHERE id = x'" + hex(id) + "'");
    }

    private static List<Object[]> rows(Path file, String table) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, version, sealed FROM " + table)) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getBytes(1), rs.getInt(2), rs.getBytes(3)});
            }
        }
        return rows;
    }

    /** Replaces a table's rows by an earlier copy of them, as a file editor would. */
    private static void putBack(Path file, String table, List<Object[]> rows) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM " + table);
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (id, version, sealed) VALUES (?, ?, ?)")) {
                for (Object[] row : rows) {
                    s.setBytes(1, (byte[]) row[0]);
                    s.setInt(2, (Integer) row[1]);
                    s.setBytes(3, (byte[]) row[2]);
                    s.executeUpdate();
                }
            }
            c.commit();
        }
    }

    private static void sql(Path file, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String hex(UUID id) {
        return java.util.HexFormat.of().formatHex(RowCodec.idBytes(id));
    }
}
