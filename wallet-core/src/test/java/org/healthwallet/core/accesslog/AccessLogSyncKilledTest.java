package org.healthwallet.core.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.healthwallet.core.crash.ChildProcess;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's crash safety for the access log: {@code kill -9} of a process syncing a growing access
 * log into a wallet ({@link AccessLogSyncChild}), fifty times at random moments, and after each kill
 * the wallet opens, passes SQLite's integrity check, and keeps exactly the log of the last sync
 * reported committed or of the sync under way: an unbroken run from entry 0, no entry missing, none
 * altered, and no stray entry beyond it (a sync is all or nothing).
 */
class AccessLogSyncKilledTest {
    private static final int KILLS = 50;
    private static final String PASSPHRASE = "plum orchard lantern 42";

    @TempDir
    Path dir;

    @Test
    void fiftyKillsDuringAccessLogSyncsLeaveExactlyACommittedLog() throws Exception {
        long seed = ChildProcess.seed("AccessLogSyncKilledTest");
        Random random = new Random(seed);
        Path file = dir.resolve("wallet.hwvault");
        Vault.create(file, PASSPHRASE.toCharArray(), new KdfParams(64, 1, 1)).vault().close();
        long committed = 0;
        int insideTransaction = 0;
        long started = System.nanoTime();

        for (int kill = 1; kill <= KILLS; kill++) {
            String moment;
            List<String> lines;
            try (ChildProcess child = ChildProcess.start(AccessLogSyncChild.class, dir, Map.of("HW_PASSPHRASE", PASSPHRASE),
                    file.toString(), String.valueOf(random.nextLong()))) {
                int choice = random.nextInt(10);
                if (choice < 6) {
                    int syncs = 1 + random.nextInt(4);
                    for (int i = 0; i < syncs; i++) {
                        child.awaitLine(l -> l.startsWith("syncing "), Duration.ofSeconds(60));
                    }
                    Thread.sleep(random.nextInt(12));
                    moment = "during sync " + syncs;
                } else if (choice < 9) {
                    child.awaitLine(l -> l.startsWith("committed "), Duration.ofSeconds(60));
                    Thread.sleep(random.nextInt(300));
                    moment = "a while after a sync";
                } else {
                    Thread.sleep(random.nextInt(800));
                    moment = "while starting";
                }
                lines = child.kill();
            }
            if (Files.exists(Path.of(file + "-journal"))) {
                insideTransaction++;
            }
            long before = committed;
            long reported = last(lines, "committed ", committed);
            long underWay = last(lines, "syncing ", reported);

            String context = "seed " + seed + ", kill " + kill + " " + moment + ": reported " + reported + ", under way " + underWay;
            try (Vault vault = Vault.unlock(file, PASSPHRASE.toCharArray())) {
                List<VerifiedAccess> kept = new AccessLog(vault, new LedgerAccessLog(key -> {
                    throw new AssertionError("no ledger is asked to read what is kept");
                }), "healthwallet-test").kept();
                assertThat((long) kept.size()).as(context).isIn(reported, underWay);
                assertThat(kept).extracting(VerifiedAccess::entry).as(context)
                        .containsExactlyElementsOf(LongStream.range(0, kept.size()).mapToObj(AccessLogSyncChild::entry).toList());
                assertThat(vault.items(AccessLog.KIND)).as("no stray entries beyond the kept log; " + context).hasSameSizeAs(kept);
                committed = kept.size();
            }
            assertThat(committed).as(context).isGreaterThanOrEqualTo(before);
            assertThat(ChildProcess.integrityCheck(file)).as(context).isEqualTo("ok");
        }
        System.out.printf("AccessLogSyncKilledTest: %d kills in %d s; %d cut a transaction off; %d entries kept%n",
                KILLS, (System.nanoTime() - started) / 1_000_000_000, insideTransaction, committed);
        assertThat(committed).as("the children got work done (seed %d)", seed).isGreaterThan(KILLS);
    }

    /** The number on the last line starting with {@code prefix}, or {@code otherwise}. */
    private static long last(List<String> lines, String prefix, long otherwise) {
        return lines.stream().filter(l -> l.startsWith(prefix)).mapToLong(l -> Long.parseLong(l.substring(prefix.length())))
                .reduce((a, b) -> b).orElse(otherwise);
    }
}
