package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.healthwallet.app.AppConfig;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.e2e.WalletCli.Run;

/**
 * A patient's wallet in a test folder, driven by the command line the way a patient's script
 * drives it: made with {@code init} and Jorge Brekke's Synthea record imported, the passphrase
 * in the environment and a low-cost key derivation so that each command opens the vault in
 * milliseconds. Each step asserts that the command succeeded, with its error output as the reason.
 */
final class TestWallet {
    static final String PASSPHRASE = "Tulip-Orbit-42!";
    /** The Synthea patient every e2e wallet holds (from ../shared/testdata). */
    static final String JORGE = "synthea-r4/Jorge_Brekke_ac7921e0-c949-4b42-97f2-fad5d171cd01.json";
    /** Argon2id at 256 KiB and one pass: for tests only, as HEALTHWALLET_KDF_* below tell the command line. */
    static final KdfParams LOW_COST_KDF = new KdfParams(256, 1, 1);

    private final Path dir;
    private final Map<String, String> env;

    private TestWallet(Path dir) {
        this.dir = dir;
        this.env = Map.of(AppConfig.KDF_MEMORY_ENV, String.valueOf(LOW_COST_KDF.memoryKib()),
                AppConfig.KDF_ITERATIONS_ENV, String.valueOf(LOW_COST_KDF.iterations()),
                "HEALTHWALLET_PASSPHRASE", PASSPHRASE);
    }

    /** A new wallet in {@code dir} ({@code init}) holding Jorge Brekke's records ({@code import}). */
    static TestWallet withJorge(Path dir) {
        TestWallet wallet = new TestWallet(dir);
        wallet.succeeds("init");
        wallet.succeeds("import", SharedTestData.fhir(JORGE).toString());
        return wallet;
    }

    /** A folder with no wallet yet, driven with the same environment (for a first command like {@code take-over}). */
    static TestWallet empty(Path dir) {
        return new TestWallet(dir);
    }

    /** The wallet's folder ({@code --wallet}). */
    Path dir() {
        return dir;
    }

    /** Where the app starts its embedded dev network for this wallet. */
    Path devnetDir() {
        return new AppConfig(dir, LOW_COST_KDF).devnetDir();
    }

    /** Runs a command on this wallet, whatever its outcome. */
    Run cli(String... args) {
        return cli(Map.of(), args);
    }

    /** Runs a command with more environment (a share's passcode, say). */
    Run cli(Map<String, String> moreEnv, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(moreEnv);
        return WalletCli.run(dir, all, args);
    }

    /** Runs a command that must succeed. */
    Run succeeds(String... args) {
        Run run = cli(args);
        assertThat(run.code()).as("`%s` failed: %s", String.join(" ", args), run.err()).isZero();
        return run;
    }

    /** {@code share create} with these options; the share it made, as the command printed it. */
    CreatedShare shareCreate(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "share";
        args[1] = "create";
        System.arraycopy(options, 0, args, 2, options.length);
        return new CreatedShare(succeeds(args).out());
    }

    /**
     * A doctor opens {@code link} under the name {@code recipient}; the records arrive in a file
     * beside the wallet named after the recipient, whose path is returned.
     */
    Path openLink(String link, String recipient) {
        Path received = dir.resolveSibling(recipient.replaceAll("\\W", "") + ".json");
        succeeds("open-link", link, "--recipient", recipient, "--out", received.toString());
        return received;
    }

    /** The seal of the ledger rows in the owner's file of {@code dataDir} (unlocks it for a moment). */
    static org.healthwallet.ledger.client.RowSeal ledgerSeal(Path dataDir, String passphrase) throws Exception {
        Profiles profiles = new Profiles(dataDir);
        try (Vault vault = Vault.unlock(profiles.vaultFile(profiles.owner().orElseThrow()), passphrase.toCharArray())) {
            return vault.ledgerSeal();
        }
    }

    /** The seal of this wallet's ledger rows. */
    org.healthwallet.ledger.client.RowSeal ledgerSeal() throws Exception {
        return ledgerSeal(dir, PASSPHRASE);
    }

    /** The owner's vault, unlocked with the passphrase (the caller closes it). */
    Vault unlock() throws Exception {
        Profiles profiles = new Profiles(dir);
        return Vault.unlock(profiles.vaultFile(profiles.owner().orElseThrow()), PASSPHRASE.toCharArray());
    }

    /** What {@code share create} printed: "Share ID created", "Link: shlink:/…", "Viewer: …". */
    record CreatedShare(String out) {
        String id() {
            Matcher id = Pattern.compile("Share ([0-9a-f-]{36}) created").matcher(out);
            assertThat(id.find()).as("no share id in:\n%s", out).isTrue();
            return id.group(1);
        }

        String link() {
            return WalletCli.line(out, "Link:");
        }

        String viewer() {
            return WalletCli.line(out, "Viewer:");
        }
    }
}
