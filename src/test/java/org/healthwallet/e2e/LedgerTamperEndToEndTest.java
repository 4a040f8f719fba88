package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a program without the passphrase could change in a wallet file to make the wallet trust
 * another chain, through the command line as a patient runs it, against a real dev network on
 * loopback: the trust root or a verified header swapped with plain SQL is refused at
 * {@code ledger sync} with the check that caught it and the file left as it was; a consortium file
 * that changed since the wallet first used it is refused until the patient accepts it, with the
 * passphrase.
 */
class LedgerTamperEndToEndTest {
    private static final String REFUSED = "Sync refused; nothing was changed.";

    @TempDir
    Path dir;

    private static Path vaultFile(TestWallet wallet) throws Exception {
        Profiles profiles = new Profiles(wallet.dir());
        return profiles.vaultFile(profiles.owner().orElseThrow());
    }

    private static List<String> query(Path file, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static void update(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).as(sql).isPositive();
        }
    }

    /** {@code ledger sync} exits 1 with {@code check} named in a plain sentence, and the wallet file is unchanged. */
    private static void syncIsRefused(TestWallet wallet, Path vault, String check) throws Exception {
        byte[] before = Files.readAllBytes(vault);
        Run sync = wallet.cli("ledger", "sync");
        assertThat(sync.code()).as(sync.out() + sync.err()).isEqualTo(1);
        assertThat(sync.err()).contains("The ledger data in this wallet was changed outside HealthWallet: " + check
                + " does not match its seal. " + REFUSED).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(vault)).as("nothing in the wallet file changed").isEqualTo(before);
    }

    @Test
    void aTrustRootOrHeaderSwappedInTheVaultFileIsRefusedAtSync() throws Exception {
        TestWallet wallet = TestWallet.empty(dir.resolve("wallet"));
        wallet.succeeds("init");
        wallet.succeeds("ledger", "sync");
        Path vault = vaultFile(wallet);

        // The patient sets a trust root of the real chain (a header the wallet verified), then syncs from it.
        long rootHeight = Long.parseLong(query(vault, "SELECT min(height) FROM ledger_light_blocks").get(0));
        String rootHash = query(vault, "SELECT hex(header_hash) FROM ledger_light_blocks WHERE height = " + rootHeight).get(0);
        wallet.succeeds("ledger", "checkpoint", "--height", Long.toString(rootHeight), "--hash", rootHash);
        wallet.succeeds("ledger", "sync");

        // Another program points the trust root at a block of its choosing.
        String forged = HexFormat.of().formatHex(new byte[32]).replace('0', 'a');
        update(vault, "UPDATE ledger_notes SET value = json_set(value, '$.hash', '" + forged + "') WHERE key = 'checkpoint'");
        assertThat(query(vault, "SELECT value FROM ledger_notes WHERE key = 'checkpoint'").get(0)).contains(forged);
        syncIsRefused(wallet, vault, "the trust root");
        Run status = wallet.cli("ledger", "status");
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.err()).contains("the trust root does not match its seal");
        // With the passphrase, the patient enters the consortium's checkpoint again and the ledger is trusted again.
        wallet.succeeds("ledger", "checkpoint", "--height", Long.toString(rootHeight), "--hash", rootHash);
        assertThat(wallet.succeeds("ledger", "sync").out()).contains("Result:           Verified the ledger up to height");

        // Another wallet, whose newest verified header is replaced by an older one (with that one's seal).
        TestWallet second = TestWallet.empty(dir.resolve("second"));
        second.succeeds("init");
        second.succeeds("ledger", "sync");
        second.succeeds("ledger", "sync");
        Path secondVault = vaultFile(second);
        List<String> heights = query(secondVault, "SELECT height FROM ledger_light_blocks ORDER BY height");
        assertThat(heights).hasSizeGreaterThanOrEqualTo(2);
        String newest = heights.get(heights.size() - 1);
        update(secondVault, "UPDATE ledger_light_blocks SET (light_block, seal) = (SELECT light_block, seal FROM"
                + " ledger_light_blocks WHERE height = " + heights.get(0) + ") WHERE height = " + newest);
        syncIsRefused(second, secondVault, "the verified header of height " + newest);
    }

    @Test
    void aChangedConsortiumFileIsRefusedUntilThePatientAcceptsItWithThePassphrase() throws Exception {
        try (EmbeddedConsortium net = EmbeddedConsortium.start(
                new EmbeddedConsortiumOptions(dir.resolve("net"), 4, 0, 3, Duration.ofMillis(200)))) {
            Path file = dir.resolve("consortium.json");
            net.config().write(file);
            TestWallet wallet = TestWallet.empty(dir.resolve("wallet"));
            wallet.succeeds("init");
            wallet.succeeds("ledger", "sync", "--consortium", file.toString());

            // The file now names another of the network's nodes as primary (the old primary becomes a witness).
            ConsortiumConfig pinned = net.config();
            List<java.net.URI> witnesses = new ArrayList<>(pinned.witnesses());
            java.net.URI newPrimary = witnesses.remove(0);
            witnesses.add(pinned.primary());
            new ConsortiumConfig(pinned.checkpoint(), newPrimary, witnesses, pinned.relay()).write(file);

            Run refused = wallet.cli("ledger", "sync", "--consortium", file.toString());
            assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
            assertThat(refused.err()).contains("The consortium file " + file + " is not the one this wallet trusts")
                    .contains("its primary node changed from " + pinned.primary() + " to " + newPrimary)
                    .contains("Nothing was synced.")
                    .contains("'healthwallet ledger accept-consortium --consortium " + file + "'");
            assertThat(refused.out()).doesNotContain("Verified");

            Run noPassphrase = WalletCli.run(wallet.dir(), Map.of("HEALTHWALLET_KDF_MEMORY_KIB", "256",
                    "HEALTHWALLET_KDF_ITERATIONS", "1"), "ledger", "accept-consortium", "--consortium", file.toString());
            assertThat(noPassphrase.code()).as("accepting needs the passphrase").isNotZero();
            Run wrong = wallet.cli(Map.of("HEALTHWALLET_PASSPHRASE", "not-the-passphrase"),
                    "ledger", "accept-consortium", "--consortium", file.toString());
            assertThat(wrong.code()).as("accepting needs the right passphrase").isNotZero();
            assertThat(wallet.cli("ledger", "sync", "--consortium", file.toString()).code()).isEqualTo(1);

            Run accepted = wallet.succeeds("ledger", "accept-consortium", "--consortium", file.toString());
            assertThat(accepted.out()).contains("Your wallet now trusts the consortium file " + file);
            Run sync = wallet.succeeds("ledger", "sync", "--consortium", file.toString());
            assertThat(sync.out()).contains(newPrimary.toString());
        }
    }
}
