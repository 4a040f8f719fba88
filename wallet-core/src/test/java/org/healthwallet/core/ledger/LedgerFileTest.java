package org.healthwallet.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.vault.OlderFormats;
import org.healthwallet.core.vault.Profile;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.client.TrustedStore;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.verify.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's verified headers and sync notes live in the profile's vault file: a sync made while
 * the wallet is locked leaves them there as rows anyone can count with plain SQL, the wallet still
 * unlocks with its records whole and its integrity checks passing, and nothing that is not a
 * HealthWallet wallet of this version is used (or changed).
 */
class LedgerFileTest {
    private static final URI PRIMARY = URI.create("http://127.0.0.1:26657/");
    private static final URI WITNESS = URI.create("http://127.0.0.1:26667/");

    @TempDir
    Path dir;

    static LedgerConnection connect(LedgerFile file, TestChain chain, Instant now) throws LedgerException {
        LightBlock root = chain.block(1);
        ConsortiumConfig config = new ConsortiumConfig(new Checkpoint(TestChain.CHAIN_ID, 1, root.hash()), PRIMARY,
                List.of(WITNESS), Optional.empty());
        return new LedgerConnection(config, file, Options.DEFAULT, Clock.fixed(now, ZoneOffset.UTC),
                uri -> chain.provider(uri.toString()));
    }

    @Test
    void headersSyncedWhileLockedAreRowsOfTheVaultFileAndTheWalletStillUnlocksWhole() throws Exception {
        Path file = WalletFiles.create(dir.resolve("me.hwvault"));
        List<StoredRecord> records;
        try (Vault vault = WalletFiles.unlock(file)) {
            vault.importRecords(List.of(WalletFiles.records("a", 40)), ImportProgress.NONE);
            records = vault.records();
        }
        TestChain chain = TestChain.honest(60);
        try (LedgerFile ledger = LedgerFile.open(file, WalletFiles.seal(file))) {
            assertThat(ledger.path()).isEqualTo(file.toAbsolutePath());
            LedgerStatus status = connect(ledger, chain, TestChain.time(60).plusSeconds(5)).sync();
            assertThat(status.lastOutcome()).as(status.lastMessage()).isEqualTo(SyncOutcome.SYNCED);
        }

        // Plain SQL on the wallet file finds the verified headers: the checkpoint's block and the newest.
        assertThat(WalletFiles.rows(file, "SELECT height, chain_id, hex(header_hash) FROM ledger_light_blocks ORDER BY height"))
                .containsExactly("1|" + TestChain.CHAIN_ID + "|" + chain.block(1).hash().hex(),
                        "60|" + TestChain.CHAIN_ID + "|" + chain.block(60).hash().hex());
        assertThat(WalletFiles.rows(file, "SELECT key FROM ledger_notes"))
                .containsExactlyInAnyOrder("last_attempt", "last_outcome", "last_message", "last_success");
        assertThat(WalletFiles.query(file, "PRAGMA integrity_check")).isEqualTo("ok");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no file of its own, no journal left").containsExactlyInAnyOrder("me.hwvault", "me.hwvault.lock");
        }

        try (Vault vault = WalletFiles.unlock(file)) {
            assertThat(vault.records()).isEqualTo(records);
            assertThat(vault.label()).isEqualTo("Ottoline " + WalletFiles.FAMILY_NAME);
        }
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as("the headers are public and in clear").contains(TestChain.CHAIN_ID);
        assertThat(bytes).as("the patient is not").doesNotContain(WalletFiles.FAMILY_NAME).doesNotContain("Ottoline")
                .doesNotContain("8867-4").doesNotContain("Observation").doesNotContain("clinic-a");
    }

    @Test
    void whatTheLedgerKeepsIsTheLightBlocksAsTheNodesServedThemAndNotesOfItsOwn() throws Exception {
        Path file = WalletFiles.create(dir.resolve("me.hwvault"));
        TestChain chain = TestChain.honest(30);
        try (LedgerFile ledger = LedgerFile.open(file, WalletFiles.seal(file))) {
            LedgerConnection connection = connect(ledger, chain, TestChain.time(30).plusSeconds(5));
            connection.sync(SyncRequest.to(30).sequential(), SyncProgress.NONE);
            connection.useCheckpoint(new Checkpoint(TestChain.CHAIN_ID, 20, chain.block(20).hash()));
            connection.sync();
        }
        // Every stored light block is one the chain made, byte for byte what its header hashes to.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT height, header_hash, light_block FROM ledger_light_blocks")) {
            List<Long> heights = new ArrayList<>();
            while (rs.next()) {
                long height = rs.getLong(1);
                heights.add(height);
                assertThat(HexFormat.of().formatHex(rs.getBytes(2))).isEqualToIgnoringCase(chain.block(height).hash().hex());
                assertThat(rs.getString(3)).contains(chain.block(height).hash().hex()).doesNotContain(WalletFiles.FAMILY_NAME);
            }
            assertThat(heights).containsExactlyInAnyOrder(20L, 30L);
        }
        assertThat(WalletFiles.rows(file, "SELECT key FROM ledger_notes")).isSubsetOf(
                Set.of("last_attempt", "last_outcome", "last_message", "last_success", "checkpoint", "attack"));
        assertThat(WalletFiles.query(file, "SELECT value FROM ledger_notes WHERE key = 'checkpoint'"))
                .contains("\"height\":\"20\"").contains(chain.block(20).hash().hex());
    }

    @Test
    void theVaultsLightBlockTableIsTheOneTrustedStoreMakesAndOpeningChangesNothing() throws Exception {
        Path file = WalletFiles.create(dir.resolve("me.hwvault"));
        List<String> columnsOfTrustedStore;
        try (Connection memory = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            new TrustedStore(memory).close();
            columnsOfTrustedStore = columns(memory);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(columns(c)).isEqualTo(columnsOfTrustedStore);
        }
        byte[] before = Files.readAllBytes(file);
        try (LedgerFile ledger = LedgerFile.open(file, WalletFiles.seal(file))) {
            connect(ledger, TestChain.honest(3), TestChain.time(3)).status();
        }
        assertThat(Files.readAllBytes(file)).as("opening and reading write nothing").isEqualTo(before);
    }

    private static List<String> columns(Connection c) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(ledger_light_blocks)")) {
            while (rs.next()) {
                columns.add(rs.getString("name") + " " + rs.getString("type") + " notnull=" + rs.getInt("notnull")
                        + " pk=" + rs.getInt("pk"));
            }
        }
        assertThat(columns).hasSize(6);
        return columns;
    }

    @Test
    void aWalletOfTheOlderFormatGetsItsLedgerTablesWhenUnlockedNotBefore() throws Exception {
        Path file = WalletFiles.create(dir.resolve("me.hwvault"));
        List<StoredRecord> records;
        try (Vault vault = WalletFiles.unlock(file)) {
            vault.importRecords(List.of(WalletFiles.records("a", 5)), ImportProgress.NONE);
            records = vault.records();
        }
        // What the first format's file was: the same wallet without the ledger's tables.
        OlderFormats.beforeTheSummary(file, WalletFiles.PASSPHRASE.toCharArray());
        sql(file, "DROP TABLE ledger_light_blocks", "DROP TABLE ledger_notes", "UPDATE schema_version SET version = 1");
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> LedgerFile.open(file, WalletFiles.ANY_SEAL)).isInstanceOf(LedgerException.class)
                .hasMessageContaining("older version of HealthWallet").hasMessageContaining("Unlock it once");
        assertThat(Files.readAllBytes(file)).as("no passphrase, no upgrade").isEqualTo(before);

        try (Vault vault = WalletFiles.unlock(file)) {
            assertThat(vault.records()).isEqualTo(records);
        }
        assertThat(Integer.parseInt(WalletFiles.query(file, "SELECT version FROM schema_version"))).isGreaterThanOrEqualTo(2);
        try (LedgerFile ledger = LedgerFile.open(file, WalletFiles.seal(file))) {
            TestChain chain = TestChain.honest(10);
            assertThat(connect(ledger, chain, TestChain.time(10)).sync().lastOutcome()).isEqualTo(SyncOutcome.SYNCED);
        }
    }

    @Test
    void aProfileWithoutItsWalletFileHasNoLedgerStoreAndNothingIsCreated() throws Exception {
        Profiles profiles = new Profiles(dir.resolve("wallet"));
        Profile profile = profiles.create("");
        Path where = LedgerFile.of(profiles, profile);
        assertThat(where).isEqualTo(profiles.vaultFile(profile));
        assertThatThrownBy(() -> LedgerFile.open(where, WalletFiles.ANY_SEAL)).isInstanceOf(LedgerException.class)
                .hasMessage("There is no wallet file at " + where.toAbsolutePath() + " yet, and the ledger's verified "
                        + "headers are kept in it: create the wallet first.");
        assertThat(where).doesNotExist();
        try (Stream<Path> files = Files.list(profiles.dataDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("profiles.txt");
        }
    }

    @Test
    void whatIsNotAWalletOfThisVersionIsRefusedWithItsReasonAndLeftAsItWas() throws Exception {
        Path text = dir.resolve("notes.hwvault");
        Files.writeString(text, "my shopping list, nothing like a database at all; long enough to have a header: "
                + "eggs, flour, milk, apples, pears, plums.");
        assertRefusedUnchanged(text, "This file is not a HealthWallet wallet.");

        Path songs = dir.resolve("songs.db");
        sql(songs, "CREATE TABLE songs (title TEXT)", "INSERT INTO songs VALUES ('Lullaby')");
        assertRefusedUnchanged(songs, "This file is a database, but not a HealthWallet wallet.");

        Path empty = Files.createFile(dir.resolve("empty.hwvault"));
        assertRefusedUnchanged(empty, "This wallet file is incomplete");

        Path newer = WalletFiles.create(dir.resolve("newer.hwvault"));
        sql(newer, "UPDATE schema_version SET version = 99");
        assertRefusedUnchanged(newer, "saved by a newer version of HealthWallet");

        Path halfMade = WalletFiles.create(dir.resolve("half.hwvault"));
        sql(halfMade, "UPDATE schema_version SET version = 0");
        assertRefusedUnchanged(halfMade, "never completely created");
    }

    private static void assertRefusedUnchanged(Path file, String reason) throws Exception {
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> LedgerFile.open(file, WalletFiles.ANY_SEAL)).isInstanceOf(LedgerException.class)
                .hasMessageContaining(reason).hasMessageContaining(file.toAbsolutePath().toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith("-journal") || n.endsWith("-wal"));
        }
    }

    private static void sql(Path file, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
