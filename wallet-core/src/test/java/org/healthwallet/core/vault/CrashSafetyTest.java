package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.StoredRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a separate JVM ({@link CrashChild}) while it writes to a wallet, again and again, and
 * checks the wallet afterwards: it opens cleanly and holds exactly the work that committed.
 */
class CrashSafetyTest {
    private static final int PER_IMPORT = 2000;
    private static final int KILLS = 5;
    private static final String PASS_A = "plum orchard lantern 42";
    private static final String PASS_B = "quiet harbour, seven gulls";

    @TempDir Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void importsKilledAtVaryingMomentsLeaveExactlyTheCommittedImports() throws Exception {
        Path file = dir.resolve("me.hwvault");
        Vault.create(file, PASS_A.toCharArray(), CHEAP_KDF).vault().close();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> reported = new HashSet<>();
        Set<String> mayHaveCommitted = new HashSet<>();
        int hotJournals = 0;

        for (int kill = 1; kill <= KILLS; kill++) {
            String run = "run" + kill;
            Child child = start("import", file, run, String.valueOf(PER_IMPORT));
            if (kill % 2 == 1) {
                // Mid-transaction for certain: while the second round's rows are being written.
                child.awaitLine(l -> l.equals("saving " + run + "-2"));
            } else {
                child.awaitLine(l -> l.startsWith("committed "));
                Thread.sleep(random.nextInt(700));
            }
            child.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            if (Files.exists(dir.resolve("me.hwvault-journal"))) {
                hotJournals++;
            }
            List<String> committed = child.drain().stream().filter(l -> l.startsWith("committed "))
                    .map(l -> l.substring("committed ".length())).toList();
            reported.addAll(committed);
            // The round after the last one reported may have committed just before the kill.
            mayHaveCommitted.add(run + "-" + (committed.size() + 1));
        }

        try (Vault vault = Vault.unlock(file, PASS_A.toCharArray())) {
            Map<String, Long> perImport = vault.records().stream()
                    .collect(Collectors.groupingBy(r -> r.provenance().get(0).source(), Collectors.counting()));
            String context = "seed " + seed + ", reported " + reported + ", found " + perImport;
            assertThat(perImport.keySet()).as(context).containsAll(reported);
            assertThat(perImport).as("every import present is whole: " + context)
                    .allSatisfy((label, count) -> assertThat(count).isEqualTo(PER_IMPORT));
            Set<String> unreported = new HashSet<>(perImport.keySet());
            unreported.removeAll(reported);
            assertThat(mayHaveCommitted).as(context).containsAll(unreported);
            assertThat(vault.records()).allSatisfy(r -> assertThat(r.provenance()).hasSize(1));
            assertThat(reported.size()).as("the children got work done between kills").isGreaterThanOrEqualTo(KILLS);
        }
        assertThat(hotJournals).as("at least one kill landed inside a transaction").isPositive();
    }

    @Test
    void passphraseChangesKilledAtVaryingMomentsLeaveExactlyOnePassphraseWorking() throws Exception {
        Path file = dir.resolve("me.hwvault");
        List<StoredRecord> records;
        try (Vault vault = Vault.create(file, PASS_A.toCharArray(), CHEAP_KDF).vault()) {
            vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 200)), ImportProgress.NONE);
            records = vault.records();
        }
        Random random = new Random();

        for (int kill = 1; kill <= KILLS; kill++) {
            Child child = start("passphrase", file);
            int changes = 1 + random.nextInt(30);
            for (int i = 0; i < changes; i++) {
                child.awaitLine(l -> l.startsWith("now "));
            }
            Thread.sleep(random.nextInt(20));
            child.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            child.drain();

            boolean opensWithA = opens(file, PASS_A);
            boolean opensWithB = opens(file, PASS_B);
            assertThat(opensWithA ^ opensWithB).as("exactly one of the two passphrases opens (A: %s, B: %s)", opensWithA, opensWithB).isTrue();
        }
        String working = opens(file, PASS_A) ? PASS_A : PASS_B;
        try (Vault vault = Vault.unlock(file, working.toCharArray())) {
            assertThat(vault.records()).isEqualTo(records);
        }
    }

    @Test
    void aSecondProcessIsRefusedUntilTheFirstEnds() throws Exception {
        Path file = dir.resolve("me.hwvault");
        Vault.create(file, PASS_A.toCharArray(), CHEAP_KDF).vault().close();
        Child holder = start("hold", file);
        holder.awaitLine(l -> l.startsWith("open"));

        assertThatThrownBy(() -> Vault.unlock(file, PASS_A.toCharArray()))
                .isInstanceOf(VaultInUseException.class)
                .hasMessage("This wallet is already open in another HealthWallet window or process. Close it there first.");

        holder.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        // The operating system released the dead process's lock.
        Vault.unlock(file, PASS_A.toCharArray()).close();
    }

    private static boolean opens(Path file, String passphrase) throws VaultException {
        try (Vault vault = Vault.unlock(file, passphrase.toCharArray())) {
            return !vault.isLocked();
        } catch (WrongPassphraseException e) {
            return false;
        }
    }

    /** A running child JVM and the lines it printed. */
    private final class Child {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        final Path stderr;

        Child(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // The child was killed.
                }
                lines.add("<end>");
            });
            reader.setDaemon(true);
            reader.start();
        }

        void awaitLine(java.util.function.Predicate<String> wanted) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.equals("<end>")) {
                    throw new AssertionError("child ended early: " + Files.readString(stderr));
                }
                seen.add(line);
                if (wanted.test(line)) {
                    return;
                }
            }
            throw new AssertionError("child printed no expected line in time; stderr: " + Files.readString(stderr));
        }

        /** Every line printed, once the child is dead. */
        List<String> drain() throws Exception {
            for (String line = lines.poll(10, TimeUnit.SECONDS); line != null && !line.equals("<end>");
                 line = lines.poll(10, TimeUnit.SECONDS)) {
                seen.add(line);
            }
            return seen;
        }
    }

    private Child start(String mode, Path file, String... rest) throws Exception {
        List<String> args = new ArrayList<>(List.of(mode, file.toString()));
        args.addAll(List.of(rest));
        return start(args);
    }

    private Child start(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName()));
        command.addAll(args);
        Path stderr = Files.createTempFile(dir, "child", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("HW_PASS_A", PASS_A);
        builder.environment().put("HW_PASS_B", PASS_B);
        Process process = builder.start();
        started.add(process);
        return new Child(process, stderr);
    }
}
