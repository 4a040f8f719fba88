package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.healthwallet.core.records.ImportProgress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each broken file gets a message naming its problem, and the attempt to open it changes nothing. */
class VaultFileProblemsTest {
    @TempDir Path dir;
    private final char[] passphrase = "plum orchard lantern 42".toCharArray();
    private Path file;

    @BeforeEach
    void createWalletWithRecords() throws Exception {
        file = dir.resolve("wallet/me.hwvault");
        try (Vault vault = Vault.create(file, passphrase, CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 400)), ImportProgress.NONE);
        }
    }

    @Test
    void aTamperedRecordIsReportedAsAnAlteredFile() throws Exception {
        try (Connection c = sqlite(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, sealed FROM record LIMIT 1 OFFSET 17")) {
            rs.next();
            byte[] id = rs.getBytes(1);
            byte[] sealed = rs.getBytes(2);
            sealed[sealed.length / 2] ^= 0x20;
            update(c, "UPDATE record SET sealed = ? WHERE id = ?", sealed, id);
        }

        assertRefusedUnchanged(VaultCorruptedException.class, "was altered outside HealthWallet: a stored record failed its integrity check");
    }

    @Test
    void swappingTwoRowsIsDetected() throws Exception {
        byte[][] first = new byte[2][];
        byte[][] second = new byte[2][];
        try (Connection c = sqlite(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, sealed FROM record LIMIT 2")) {
            rs.next();
            first[0] = rs.getBytes(1);
            first[1] = rs.getBytes(2);
            rs.next();
            second[0] = rs.getBytes(1);
            second[1] = rs.getBytes(2);
        }
        try (Connection c = sqlite()) {
            update(c, "UPDATE record SET sealed = ? WHERE id = ?", second[1], first[0]);
            update(c, "UPDATE record SET sealed = ? WHERE id = ?", first[1], second[0]);
        }

        assertRefusedUnchanged(VaultCorruptedException.class, "was altered outside HealthWallet");
    }

    @Test
    void rollingARowBackToAnotherVersionIsDetected() throws Exception {
        try (Connection c = sqlite(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE record SET version = 2 WHERE rowid = (SELECT min(rowid) FROM record)");
        }

        assertRefusedUnchanged(VaultCorruptedException.class, "was altered outside HealthWallet");
    }

    @Test
    void aTamperedKeySlotLooksLikeAWrongPassphrase() throws Exception {
        try (Connection c = sqlite(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE key_slot SET kdf_iterations = 2");
        }

        assertRefusedUnchanged(WrongPassphraseException.class, "The passphrase does not open this wallet.");
    }

    @Test
    void absurdKeySettingsAreRefusedBeforeAnyWork() throws Exception {
        try (Connection c = sqlite(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE key_slot SET kdf_memory_kib = 2147483647");
        }

        assertRefusedUnchanged(VaultCorruptedException.class, "key settings are out of range");
    }

    @Test
    void aTruncatedFileIsReportedAsCutShort() throws Exception {
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        assertRefusedUnchanged(VaultCorruptedException.class, "This wallet file is incomplete");
    }

    @Test
    void aFileCutInsideItsHeaderIsReportedAsCutShort() throws Exception {
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 40));

        assertRefusedUnchanged(VaultCorruptedException.class, "This wallet file is incomplete");
    }

    @Test
    void anEmptyFileIsReportedAsCutShort() throws Exception {
        Files.write(file, new byte[0]);

        assertRefusedUnchanged(VaultCorruptedException.class, "This wallet file is incomplete");
    }

    @Test
    void aFileThatIsNotADatabaseIsNamedAsForeign() throws Exception {
        file = dir.resolve("notes.txt");
        Files.writeString(file, "{\"resourceType\":\"Bundle\"} this is a FHIR file, not a wallet");

        assertRefusedUnchanged(NotAVaultException.class, "This file is not a HealthWallet wallet.");
        assertThat(file.resolveSibling(file.getFileName() + ".lock")).as("no lock file left beside a foreign file").doesNotExist();
    }

    @Test
    void anotherProgramsDatabaseIsNamedAsForeign() throws Exception {
        Files.delete(file);
        try (Connection c = sqlite(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE contacts (name TEXT)");
            s.execute("INSERT INTO contacts VALUES ('someone')");
        }

        assertRefusedUnchanged(NotAVaultException.class, "This file is a database, but not a HealthWallet wallet.");
    }

    @Test
    void aWalletFromANewerVersionIsRefusedNotGuessedAt() throws Exception {
        try (Connection c = sqlite(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE schema_version SET version = " + (Schema.latest() + 1));
        }

        assertRefusedUnchanged(VaultTooNewException.class,
                "saved by a newer version of HealthWallet (file format " + (Schema.latest() + 1) + "; this version reads up to "
                        + Schema.latest() + "). Update HealthWallet to open it.");
    }

    @Test
    void aWalletWhoseKeysAreGoneIsReportedAsDamaged() throws Exception {
        try (Connection c = sqlite(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM secret");
        }

        assertRefusedUnchanged(VaultCorruptedException.class, "its identity key is missing");
    }

    private void assertRefusedUnchanged(Class<? extends VaultException> type, String message) throws Exception {
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> Vault.unlock(file, passphrase))
                .isInstanceOf(type)
                .hasMessageContaining(message);

        assertThat(Files.readAllBytes(file)).as("the file is untouched").isEqualTo(before);
        assertThat(file.resolveSibling(file.getFileName() + "-journal")).doesNotExist();
        // The failed attempt released the profile lock: a second attempt gets the same answer, not "in use".
        assertThatThrownBy(() -> Vault.unlock(file, passphrase)).isInstanceOf(type);
    }

    private Connection sqlite() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    private static void update(Connection c, String sql, byte[] a, byte[] b) throws Exception {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setBytes(1, a);
            p.setBytes(2, b);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
    }
}
