package org.healthwallet.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.vault.Vault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code healthwallet ledger sync} in another process ({@link LedgerSyncChild}) writing headers to
 * the wallet file while this one, the app, imports into it: SQLite's locks between processes make
 * each wait for the other, neither fails, both keep what they wrote, and killing the ledger process
 * while it writes loses the wallet nothing. About ten seconds (a second JVM and a generated chain).
 */
class SyncInAnotherProcessTest {
    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void aLedgerSyncInAnotherProcessAndImportsHereBothSucceedAndKillingItWhileItWritesLosesNothing() throws Exception {
        Path file = WalletFiles.create(dir.resolve("me.hwvault"));
        int heights = 300;
        Child sync = start(file, heights);
        sync.awaitLine("ready", Duration.ofSeconds(60));
        sync.awaitLine("synced 2", Duration.ofSeconds(30));

        int imports = 4;
        int perImport = 1000;
        long syncedDuring;
        long importMillis = 0;
        try (Vault vault = WalletFiles.unlock(file)) {
            long syncedBefore = sync.synced();
            for (int i = 0; i < imports; i++) {
                long started = System.nanoTime();
                ImportReport report = vault.importRecords(List.of(WalletFiles.records("r" + i, perImport)), ImportProgress.NONE);
                importMillis += (System.nanoTime() - started) / 1_000_000;
                assertThat(report.added()).isEqualTo(perImport);
                Thread.sleep(200); // the person picks the next file; the other process writes meanwhile
            }
            syncedDuring = sync.synced() - syncedBefore;
        }
        System.out.printf("SyncInAnotherProcessTest: %d imports of %d records took %d ms in all while the other process"
                + " synced %d heights%n", imports, perImport, importMillis, syncedDuring);
        assertThat(syncedDuring).as("the other process kept syncing while this one imported").isPositive();
        assertThat(sync.snapshot()).as("it had not finished").doesNotContain("done");

        // Killed while it syncs: between or inside its writes, whichever the moment hits.
        long next = sync.synced() + 1;
        sync.awaitLine("synced " + next, Duration.ofSeconds(30));
        Thread.sleep(new java.util.Random().nextInt(30));
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long lastReported = sync.synced();

        try (Vault vault = WalletFiles.unlock(file)) {
            assertThat(vault.records()).hasSize(imports * perImport);
        }
        assertThat(WalletFiles.query(file, "PRAGMA integrity_check")).isEqualTo("ok");
        try (LedgerFile ledger = LedgerFile.open(file, WalletFiles.seal(file))) {
            LedgerStatus status = LedgerFileTest.connect(ledger, TestChain.honest(2), TestChain.time(2)).status();
            assertThat(status.latest().orElseThrow().height()).as("every sync reported kept its header")
                    .isGreaterThanOrEqualTo(lastReported);
        }
    }

    /** The ledger process and the lines it printed. */
    private static final class Child {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final Path stderr;

        Child(Process process, Path stderr) {
            this.stderr = stderr;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                        queue.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // killed
                }
                queue.add("<end>");
            });
            reader.setDaemon(true);
            reader.start();
        }

        void awaitLine(String wanted, Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                String line = queue.poll(100, TimeUnit.MILLISECONDS);
                if ("<end>".equals(line)) {
                    throw new AssertionError("the ledger process ended: " + Files.readString(stderr));
                }
                if (wanted.equals(line)) {
                    return;
                }
            }
            throw new AssertionError("the ledger process did not print " + wanted + "; stderr: " + Files.readString(stderr));
        }

        /**
         * The lines so far, copied under the list's lock: the reader thread appends while a test
         * looks, and iterating the live list without it throws ConcurrentModificationException.
         */
        List<String> snapshot() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        /** The highest height reported synced so far. */
        long synced() {
            synchronized (lines) {
                return lines.stream().filter(l -> l.startsWith("synced ")).mapToLong(l -> Long.parseLong(l.substring(7)))
                        .max().orElse(0);
            }
        }
    }

    private Child start(Path file, int heights) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LedgerSyncChild.class.getName(), file.toString(), Integer.toString(heights));
        Path stderr = Files.createTempFile(dir, "child", ".err");
        child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new Child(child, stderr);
    }
}
