package org.healthwallet.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.healthwallet.core.vault.OlderFormats;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.client.RowSeal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger rows a wallet keeps in its vault file (verified headers, the trust root, the notes,
 * the pinned consortium file) are sealed with a key of the unlocked wallet: a row changed with
 * plain SQL outside HealthWallet is refused at sync with a sentence naming it, and nothing in the
 * file changes; an older file's rows are sealed once, at the unlock that upgrades it.
 */
class LedgerSealTest {
    private static final String REFUSED = "was changed outside HealthWallet";

    @TempDir
    Path dir;

    private Path syncedWallet() throws Exception {
        return syncedWallet("me");
    }

    private Path syncedWallet(String name) throws Exception {
        Path file = WalletFiles.create(dir.resolve(name + ".hwvault"));
        try (LedgerFile ledger = LedgerFile.open(file, WalletFiles.seal(file))) {
            LedgerConnection connection = LedgerFileTest.connect(ledger, TestChain.honest(8), TestChain.time(8));
            connection.useCheckpoint(connection.checkpointOf("2", TestChain.honest(8).block(2).hash().hex()));
            assertThat(connection.sync().lastOutcome()).isEqualTo(SyncOutcome.SYNCED);
        }
        return file;
    }

    private static void sql(Path file, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Syncs again and expects a refusal naming {@code what}, with the file left byte for byte as it was. */
    private static void syncIsRefused(Path file, String what) throws Exception {
        RowSeal seal = WalletFiles.seal(file);
        byte[] before = Files.readAllBytes(file);
        try (LedgerFile ledger = LedgerFile.open(file, seal)) {
            LedgerConnection connection = LedgerFileTest.connect(ledger, TestChain.honest(8), TestChain.time(8));
            assertThatThrownBy(connection::sync).isInstanceOf(LedgerException.class)
                    .hasMessageStartingWith("The ledger data in this wallet was changed outside HealthWallet: " + what
                            + " does not match its seal. Sync refused; nothing was changed.")
                    .hasMessageContaining("enter your consortium's checkpoint");
        }
        assertThat(Files.readAllBytes(file)).as("nothing was changed").isEqualTo(before);
    }

    @Test
    void aTrustRootSwappedInTheFileIsRefusedAtSync() throws Exception {
        Path file = syncedWallet();
        String other = "0".repeat(64);
        sql(file, "UPDATE ledger_notes SET value = replace(value, (SELECT json_extract(value, '$.hash') FROM ledger_notes"
                + " WHERE key = 'checkpoint'), '" + other + "') WHERE key = 'checkpoint'");
        assertThat(WalletFiles.query(file, "SELECT value FROM ledger_notes WHERE key = 'checkpoint'")).contains(other);

        syncIsRefused(file, "the trust root");
    }

    @Test
    void aDeletedNoteIsRefusedAndANewCheckpointWithThePassphraseRecovers() throws Exception {
        Path file = syncedWallet();
        sql(file, "DELETE FROM ledger_notes WHERE key = 'checkpoint'");
        syncIsRefused(file, "the sync notes");

        // The person enters the consortium's checkpoint again (the ledger store needs the unlocked wallet's seal).
        TestChain chain = TestChain.honest(8);
        try (LedgerFile ledger = LedgerFile.open(file, WalletFiles.seal(file))) {
            LedgerConnection connection = LedgerFileTest.connect(ledger, chain, TestChain.time(8));
            connection.useCheckpoint(connection.checkpointOf("3", chain.block(3).hash().hex()));
            assertThat(connection.sync().lastOutcome()).isEqualTo(SyncOutcome.SYNCED);
        }
    }

    @Test
    void aHeaderCopiedToAnotherHeightOrWithoutASealIsRefused() throws Exception {
        Path file = syncedWallet();
        List<String> heights = WalletFiles.rows(file, "SELECT height FROM ledger_light_blocks ORDER BY height");
        assertThat(heights).hasSizeGreaterThanOrEqualTo(2);
        String low = heights.get(0);
        String high = heights.get(heights.size() - 1);
        // the newest header's row now holds the older header, with that header's (valid) seal
        sql(file, "UPDATE ledger_light_blocks SET (light_block, seal) = (SELECT light_block, seal FROM ledger_light_blocks"
                + " WHERE height = " + low + ") WHERE height = " + high);
        syncIsRefused(file, "the verified header of height " + high);

        Path second = syncedWallet("second");
        sql(second, "UPDATE ledger_light_blocks SET seal = NULL WHERE height = " + high);
        syncIsRefused(second, "the verified header of height " + high);
    }

    @Test
    void anotherWalletsSealDoesNotOpenThisWalletsRows() throws Exception {
        Path file = syncedWallet();
        RowSeal otherWallets = WalletFiles.seal(WalletFiles.create(dir.resolve("other.hwvault")));
        try (LedgerFile ledger = LedgerFile.open(file, otherWallets)) {
            assertThatThrownBy(() -> LedgerFileTest.connect(ledger, TestChain.honest(8), TestChain.time(8)).sync())
                    .isInstanceOf(LedgerException.class).hasMessageContaining(REFUSED);
        }
    }

    @Test
    void aWalletFromBeforeTheSealsIsSealedOnceAtUnlockAndKeepsWhatItVerified() throws Exception {
        Path file = syncedWallet();
        List<String> headers = WalletFiles.rows(file, "SELECT height, header_hash FROM ledger_light_blocks ORDER BY height");
        OlderFormats.beforeTheLedgerSeals(file, WalletFiles.PASSPHRASE.toCharArray());
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> LedgerFile.open(file, WalletFiles.ANY_SEAL)).isInstanceOf(LedgerException.class)
                .hasMessageContaining("Unlock it once");
        assertThat(Files.readAllBytes(file)).as("no passphrase, no upgrade").isEqualTo(before);

        RowSeal seal;
        try (Vault vault = WalletFiles.unlock(file)) {
            seal = vault.ledgerSeal();
        }
        assertThat(WalletFiles.query(file, "SELECT version FROM schema_version")).isEqualTo("4");
        assertThat(WalletFiles.query(file, "SELECT count(*) FROM ledger_light_blocks WHERE seal IS NULL")).isEqualTo("0");
        assertThat(WalletFiles.query(file, "SELECT count(*) FROM ledger_notes WHERE seal IS NULL")).isEqualTo("0");
        assertThat(WalletFiles.rows(file, "SELECT height, header_hash FROM ledger_light_blocks ORDER BY height"))
                .as("what it verified is kept").isEqualTo(headers);
        try (LedgerFile ledger = LedgerFile.open(file, seal)) {
            LedgerConnection connection = LedgerFileTest.connect(ledger, TestChain.honest(8), TestChain.time(8));
            assertThat(connection.sync().lastOutcome()).isEqualTo(SyncOutcome.SYNCED);
        }
        byte[] upgraded = Files.readAllBytes(file);
        WalletFiles.unlock(file).close();
        assertThat(Files.readAllBytes(file)).as("upgraded once: a second unlock writes nothing").isEqualTo(upgraded);
    }

    @Test
    void aFilePutBackToTheFormatBeforeTheSealsIsRefusedNotSealedAgainAsFound() throws Exception {
        Path file = syncedWallet();
        // What a program without the passphrase can do: drop the seals, say the file is of format 3, swap the root.
        sql(file, "ALTER TABLE ledger_light_blocks DROP COLUMN seal", "ALTER TABLE ledger_notes DROP COLUMN seal",
                "UPDATE schema_version SET version = 3",
                "UPDATE ledger_notes SET value = json_set(value, '$.hash', '" + "ab".repeat(32) + "') WHERE key = 'checkpoint'");
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> WalletFiles.unlock(file)).isInstanceOf(org.healthwallet.core.vault.VaultCorruptedException.class)
                .hasMessageContaining("put back to an older format").hasMessageContaining("Nothing was changed");
        assertThat(Files.readAllBytes(file)).as("nothing was sealed").isEqualTo(before);
    }

    @Test
    void aConsortiumFileIsPinnedAtFirstUseAndAChangedOneIsRefusedUntilAccepted() throws Exception {
        Path file = syncedWallet();
        TestChain chain = TestChain.honest(8);
        try (LedgerFile ledger = LedgerFile.open(file, WalletFiles.seal(file))) {
            LedgerFileTest.connect(ledger, chain, TestChain.time(8)).checkConsortium("consortium.json");
        }
        try (LedgerFile ledger = LedgerFile.open(file, WalletFiles.seal(file))) {
            LedgerConnection same = LedgerFileTest.connect(ledger, chain, TestChain.time(8));
            same.checkConsortium("consortium.json");
            ConsortiumConfig pinned = same.config();
            ConsortiumConfig swapped = new ConsortiumConfig(pinned.checkpoint(), URI.create("http://203.0.113.9:26657/"),
                    pinned.witnesses(), Optional.empty());
            LedgerConnection changed = new LedgerConnection(swapped, ledger, org.healthwallet.ledger.verify.Options.DEFAULT,
                    java.time.Clock.systemUTC(), uri -> chain.provider(uri.toString()));
            assertThatThrownBy(() -> changed.checkConsortium("consortium.json")).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("The consortium file consortium.json is not the one this wallet trusts")
                    .hasMessageContaining("its primary node changed from " + pinned.primary() + " to http://203.0.113.9:26657/")
                    .hasMessageContaining("healthwallet ledger accept-consortium --consortium consortium.json");
            changed.acceptConsortium();
            changed.checkConsortium("consortium.json");
            assertThatThrownBy(() -> same.checkConsortium("consortium.json")).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("its primary node changed from http://203.0.113.9:26657/");
        }
        sql(file, "UPDATE ledger_notes SET value = replace(value, '203.0.113.9', '198.51.100.7') WHERE key = 'consortium'");
        syncIsRefused(file, "the pinned consortium file");
    }
}
