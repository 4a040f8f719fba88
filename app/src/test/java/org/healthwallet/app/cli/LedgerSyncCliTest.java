package org.healthwallet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.healthwallet.app.TestFiles;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.healthwallet.node.devnet.Misbehaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger sync}, {@code status} and {@code checkpoint} against a real dev network on loopback:
 * the embedded one the command starts by default, and one this test drives (offline validators, a
 * primary serving a forged chain) through its consortium file. The headers go into the wallet file,
 * also while the app has the wallet open and imports into it.
 */
class LedgerSyncCliTest {
    @TempDir
    Path temp;

    private final Map<String, String> env = Map.of("HEALTHWALLET_KDF_MEMORY_KIB", "256",
            "HEALTHWALLET_KDF_ITERATIONS", "1", "HEALTHWALLET_PASSPHRASE", "Tulip-Orbit-42!");

    record Run(int code, String out, String err) {
        long verifiedHeight() {
            Matcher m = Pattern.compile("Verified height:\\s+(\\d+)").matcher(out);
            assertThat(m.find()).as(out + err).isTrue();
            return Long.parseLong(m.group(1));
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--wallet", temp.resolve("wallet").toString()));
        all.addAll(List.of(args));
        int code = new Cli(env, null, new PrintWriter(out), new PrintWriter(err),
                config -> { throw new AssertionError("the app must not open"); }).execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void withoutAWalletThereIsNoProfileToKeepTheHeadersIn() {
        Run r = run("ledger", "status");
        assertThat(r.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(r.err().strip()).startsWith("There is no wallet in").endsWith("('healthwallet init').");
        assertThat(Files.exists(temp.resolve("wallet/devnet"))).as("no network started for nothing").isFalse();
    }

    @Test
    void byDefaultTheEmbeddedDevNetworkIsStartedOnLoopbackAndVerified() throws Exception {
        assertThat(run("init").code()).isZero();
        Run sync = run("ledger", "sync");
        assertThat(sync.code()).as(sync.out() + sync.err()).isZero();
        assertThat(sync.out()).contains("Chain:            healthwallet-devnet")
                .contains("Consortium:       embedded dev network (" + temp.resolve("wallet/devnet"))
                .contains("Validators:       4, total voting power")
                .containsPattern("Primary:          http://127\\.0\\.0\\.1:\\d+/")
                .containsPattern("Witnesses:        http://127\\.0\\.0\\.1:\\d+/, http://127\\.0\\.0\\.1:\\d+/")
                .contains("Warnings:         none");
        assertThat(sync.out().lines().filter(l -> l.matches("  [0-9A-F]{40}  power \\d+ \\(25\\.0%\\)"))).hasSize(4);
        long height = sync.verifiedHeight();
        assertThat(height).isPositive();

        // The verified headers are rows of the wallet file itself, which still opens and imports.
        Path vault = vaultFile();
        assertThat(sql(vault, "SELECT max(height) FROM ledger_light_blocks")).isEqualTo(Long.toString(height));
        assertThat(sql(vault, "PRAGMA integrity_check")).isEqualTo("ok");
        try (Stream<Path> files = Files.list(temp.resolve("wallet"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".hwledger"));
        }
        Run imported = run("import", TestFiles.samplePatient().toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(run("records", "count").out()).doesNotContainPattern("(?m)^total\\s+0$");

        Run status = run("ledger", "status");
        assertThat(status.code()).isZero();
        assertThat(status.verifiedHeight()).as("status asks no node: what was verified").isEqualTo(height);
        assertThat(status.out()).containsPattern("Last synced:\\s+\\d{4}-").contains("Result:           Verified the ledger up to height " + height);
    }

    @Test
    void aSyncWhileTheAppHasTheWalletOpenAndImportsKeepsBoth() throws Exception {
        assertThat(run("init").code()).isZero();
        Path vaultFile = vaultFile();
        ExecutorService commandLine = Executors.newSingleThreadExecutor();
        try (EmbeddedConsortium net = EmbeddedConsortium.start(
                new EmbeddedConsortiumOptions(temp.resolve("net"), 4, 0, 3, Duration.ZERO));
             Vault app = Vault.unlock(vaultFile, env.get("HEALTHWALLET_PASSPHRASE").toCharArray())) {
            net.network().produceBlocks(40);
            List<ParsedSource> jorge = new FhirReader().read(TestFiles.jorgeBrekke(), ImportProgress.NONE);
            Future<Run> sync = commandLine.submit(() -> run("ledger", "sync", "--sequential", "--consortium",
                    net.configFile().toString()));
            ImportReport report = app.importRecords(jorge, ImportProgress.NONE);
            assertThat(report.added()).isEqualTo(315);

            Run synced = sync.get(60, TimeUnit.SECONDS);
            assertThat(synced.code()).as(synced.out() + synced.err()).isZero();
            assertThat(synced.verifiedHeight()).isEqualTo(net.network().height());
            assertThat(sql(vaultFile, "SELECT max(height) FROM ledger_light_blocks"))
                    .isEqualTo(Long.toString(net.network().height()));
        } finally {
            commandLine.shutdownNow();
        }
        Run count = run("records", "count");
        assertThat(count.code()).as(count.err()).isZero();
        assertThat(count.out()).containsPattern("(?m)^total\\s+315$");
        assertThat(sql(vaultFile, "PRAGMA integrity_check")).isEqualTo("ok");
    }

    /** The owner profile's wallet file: the data folder's one {@code .hwvault}. */
    private Path vaultFile() throws Exception {
        try (Stream<Path> files = Files.list(temp.resolve("wallet"))) {
            List<Path> vaults = files.filter(p -> p.getFileName().toString().endsWith(".hwvault")).toList();
            assertThat(vaults).hasSize(1);
            return vaults.get(0);
        }
    }

    /** One value read from the wallet file with a plain JDBC connection of the test's own. */
    private static String sql(Path file, String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void offlineValidatorsAForgedMinorityChainAndAnAttackThroughTheConsortiumFile() throws Exception {
        assertThat(run("init").code()).isZero();
        try (EmbeddedConsortium net = EmbeddedConsortium.start(
                new EmbeddedConsortiumOptions(temp.resolve("net"), 4, 0, 3, Duration.ZERO))) {
            String file = net.configFile().toString();
            net.network().produceBlocks(30);
            Run first = run("ledger", "sync", "--consortium", file);
            assertThat(first.code()).as(first.out() + first.err()).isZero();
            assertThat(first.verifiedHeight()).isEqualTo(net.network().height());

            // One validator of four offline: three sign, more than 2/3, and the headers verify.
            net.network().setOffline(Set.of(3));
            net.network().produceBlocks(10);
            Run threeOfFour = run("ledger", "sync", "--consortium", file);
            assertThat(threeOfFour.code()).as(threeOfFour.err()).isZero();
            assertThat(threeOfFour.verifiedHeight()).isEqualTo(net.network().height());
            long honestHeight = net.network().height();

            // The primary serves a chain signed by one validator of four: below 2/3, refused with the reason.
            net.network().node(0).misbehave(new Misbehaviour(honestHeight + 1, Set.of(0)));
            net.network().produceBlocks(5);
            Run minority = run("ledger", "sync", "--consortium", file);
            assertThat(minority.code()).isEqualTo(Cli.EXIT_FAILED);
            assertThat(minority.err()).contains("INSUFFICIENT_POWER").contains("Nothing new was trusted");
            assertThat(minority.verifiedHeight()).isEqualTo(honestHeight);

            // Every validator signs the forged chain: it verifies alone; only the honest witnesses show the attack.
            net.network().node(0).behave();
            net.network().node(0).misbehave(Misbehaviour.allValidators(honestHeight + 3));
            net.network().produceBlocks(5);
            Run attack = run("ledger", "sync", "--consortium", file);
            assertThat(attack.code()).isEqualTo(LedgerCommand.EXIT_ATTACK);
            assertThat(attack.out()).contains("Attack reported").contains("is no longer used");
            assertThat(attack.verifiedHeight()).isLessThan(honestHeight + 3);

            Run stillRefused = run("ledger", "sync", "--consortium", file);
            assertThat(stillRefused.code()).isEqualTo(LedgerCommand.EXIT_ATTACK);

            // The consortium hands out a new checkpoint; with the primary honest again, syncing resumes.
            net.network().node(0).behave();
            String hash = net.network().lightBlock(honestHeight).orElseThrow().hash().hex();
            Run checkpoint = run("ledger", "checkpoint", "--consortium", file, "--height", Long.toString(honestHeight),
                    "--hash", hash);
            assertThat(checkpoint.code()).as(checkpoint.err()).isZero();
            assertThat(checkpoint.out()).contains("Verified height:  none yet").contains("Warnings:         none");
            Run resumed = run("ledger", "sync", "--consortium", file);
            assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
            assertThat(resumed.verifiedHeight()).isEqualTo(net.network().height());
        }
    }

    @Test
    void aCheckpointThatCannotBeIsOneLine() throws Exception {
        assertThat(run("init").code()).isZero();
        try (EmbeddedConsortium net = EmbeddedConsortium.start(
                new EmbeddedConsortiumOptions(temp.resolve("net"), 4, 0, 3, Duration.ZERO))) {
            Run r = run("ledger", "checkpoint", "--consortium", net.configFile().toString(), "--height", "5",
                    "--hash", "12AB");
            assertThat(r.code()).isEqualTo(Cli.EXIT_FAILED);
            assertThat(r.err().lines().toList()).hasSize(1);
            assertThat(r.err()).contains("64 hexadecimal digits");
        }
        Path broken = temp.resolve("consortium.json");
        Files.writeString(broken, "{\"format\": 1, \"chain_id\": \"x\"}");
        Run bad = run("ledger", "sync", "--consortium", broken.toString());
        assertThat(bad.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(bad.err().strip()).contains("consortium.json").contains("checkpoint").doesNotContain("Exception");
    }
}
