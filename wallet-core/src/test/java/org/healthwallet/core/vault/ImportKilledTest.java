package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.healthwallet.core.crash.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's crash safety for imports: {@code kill -9} of a process importing into a wallet, fifty
 * times at random moments (starting up, between imports, half way through writing one), and after
 * each kill the wallet opens, passes SQLite's integrity check, and holds every import the process
 * reported committed, each whole, and nothing else but possibly the one it was writing, whole.
 * A new wallet file every ten kills keeps each check quick.
 */
class ImportKilledTest {
    private static final int KILLS = 50;
    private static final int PER_IMPORT = 150;
    private static final int KILLS_PER_FILE = 10;
    private static final String PASSPHRASE = "plum orchard lantern 42";

    @TempDir
    Path dir;

    @Test
    void fiftyKillsDuringImportsLeaveExactlyTheCommittedImportsEachWhole() throws Exception {
        long seed = ChildProcess.seed("ImportKilledTest");
        Random random = new Random(seed);
        Path file = null;
        Set<String> committed = new HashSet<>();
        int insideTransaction = 0;
        int withWorkDone = 0;
        long started = System.nanoTime();

        for (int kill = 1; kill <= KILLS; kill++) {
            if ((kill - 1) % KILLS_PER_FILE == 0) {
                file = dir.resolve("wallet-" + kill + ".hwvault");
                Vault.create(file, PASSPHRASE.toCharArray(), CHEAP_KDF).vault().close();
                committed.clear();
            }
            String run = "k" + kill;
            String moment;
            try (ChildProcess child = ChildProcess.start(CrashChild.class, dir, Map.of("HW_PASS_A", PASSPHRASE),
                    "import", file.toString(), run, String.valueOf(PER_IMPORT))) {
                int choice = random.nextInt(10);
                if (choice < 4) {
                    int round = 1 + random.nextInt(3);
                    child.awaitLine(l -> l.equals("saving " + run + "-" + round), Duration.ofSeconds(60));
                    moment = "half way through import " + round;
                } else if (choice < 8) {
                    int rounds = 1 + random.nextInt(3);
                    for (int i = 0; i < rounds; i++) {
                        child.awaitLine(l -> l.startsWith("committed "), Duration.ofSeconds(60));
                    }
                    moment = "after " + rounds + " imports and a pause";
                    Thread.sleep(random.nextInt(150));
                } else {
                    moment = "while starting";
                    Thread.sleep(random.nextInt(800));
                }
                List<String> lines = child.kill();
                if (Files.exists(Path.of(file + "-journal"))) {
                    insideTransaction++;   // a journal left behind is a transaction cut off
                }
                List<String> reported = lines.stream().filter(l -> l.startsWith("committed "))
                        .map(l -> l.substring("committed ".length())).toList();
                committed.addAll(reported);
                if (!reported.isEmpty()) {
                    withWorkDone++;
                }
                // The import after the last one reported may have committed just before the kill.
                String inFlight = run + "-" + (reported.size() + 1);

                String context = "seed " + seed + ", kill " + kill + " " + moment;
                try (Vault vault = Vault.unlock(file, PASSPHRASE.toCharArray())) {
                    Map<String, Long> perImport = vault.records().stream().collect(
                            Collectors.groupingBy(r -> r.provenance().get(0).source(), Collectors.counting()));
                    assertThat(perImport.keySet()).as("every import reported committed is there; " + context)
                            .containsAll(committed);
                    assertThat(perImport).as("every import there is whole; " + context)
                            .allSatisfy((label, count) -> assertThat(count).isEqualTo(PER_IMPORT));
                    Set<String> unreported = new HashSet<>(perImport.keySet());
                    unreported.removeAll(committed);
                    assertThat(unreported).as("nothing but the import being written when killed; " + context)
                            .isSubsetOf(Set.of(inFlight));
                    committed.addAll(unreported);
                }
                assertThat(ChildProcess.integrityCheck(file)).as(context).isEqualTo("ok");
            }
        }
        System.out.printf("ImportKilledTest: %d kills in %d s; %d cut a transaction off, %d after some imports committed%n",
                KILLS, (System.nanoTime() - started) / 1_000_000_000, insideTransaction, withWorkDone);
        assertThat(insideTransaction).as("some kills landed inside a transaction (seed %d)", seed).isPositive();
        assertThat(withWorkDone).as("the children got work done between kills (seed %d)", seed).isGreaterThan(KILLS / 3);
    }
}
