package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.core.vault.GeneratedRecords.CHEAP_KDF;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.StoredRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a separate JVM ({@link KeyRotationCrashChild}) 50 times at random moments while it rotates
 * the wallet's key (each rotation: a re-encrypted copy written, checked, renamed over the file) and
 * keeps notes between rotations. After each kill: exactly one of the two passphrases opens the
 * wallet, the one the child last reported unless the kill came during a rotation (then either:
 * the swap happened or not); the wallet holds every note reported as saved, at most the one being
 * saved besides, and the same records and public ledger rows as ever; SQLite's integrity check
 * passes; no half-made copy outlives the next unlock.
 */
class KeyRotationCrashTest {
    private static final int KILLS = 50;
    private static final String PASS_A = "plum orchard lantern 42";
    private static final String PASS_B = "quiet harbour, seven gulls";

    @TempDir Path dir;
    private final List<Process> started = java.util.Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void killLeftovers() {
        synchronized (started) {
            started.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void rotationsKilledAtRandomMomentsLeaveOnePassphraseAndExactlyWhatWasCommitted() throws Exception {
        long seed = System.nanoTime();
        // Two wallets, each with a child killed in turn: two lanes halve the time on a busy machine.
        List<Lane> lanes = List.of(new Lane(dir.resolve("one.hwvault")), new Lane(dir.resolve("two.hwvault")));
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < lanes.size(); i++) {
                Lane lane = lanes.get(i);
                Random random = new Random(seed + i);
                running.add(pool.submit(() -> {
                    for (int kill = 1; kill <= KILLS / lanes.size(); kill++) {
                        lane.killOnce(random, "seed " + seed + ", " + lane.file.getFileName() + ", kill " + kill);
                    }
                    return null;
                }));
            }
            for (Future<?> lane : running) {
                try {
                    lane.get(10, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Error error ? error : new AssertionError(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }

        int midRotation = lanes.stream().mapToInt(l -> l.midRotation).sum();
        int halfMadeCopies = lanes.stream().mapToInt(l -> l.halfMadeCopies).sum();
        int committed = lanes.stream().mapToInt(l -> l.committed.size()).sum();
        String summary = "seed " + seed + ": " + midRotation + " of " + KILLS + " kills mid-rotation, " + halfMadeCopies
                + " left a half-made copy, " + lanes.stream().mapToInt(l -> l.swappedUnreported).sum()
                + " after the swap but before it was reported, " + committed + " notes saved; children took "
                + lanes.stream().mapToLong(l -> l.startupNanos).sum() / KILLS / 1_000_000 + " ms on average to open it";
        System.out.println(summary);
        assertThat(midRotation).as("most kills landed inside a rotation: " + summary).isGreaterThanOrEqualTo(KILLS / 2);
        assertThat(halfMadeCopies).as("some kills landed while the copy was being written: " + summary).isPositive();
        assertThat(committed).as("the children got work done between kills: " + summary).isGreaterThanOrEqualTo(KILLS / 2);
    }

    /** One wallet, what was reported saved in it, and what the kills found. */
    private final class Lane {
        final Path file;
        final Path copy;
        final List<StoredRecord> records;
        final List<String> ledgerRows;
        final Set<Integer> committed = new HashSet<>();
        String current = PASS_A;
        int midRotation;
        int swappedUnreported;
        int halfMadeCopies;
        long startupNanos;

        Lane(Path file) throws Exception {
            this.file = file;
            this.copy = KeyRotation.copyOf(file);
            try (Vault vault = Vault.create(file, PASS_A.toCharArray(), CHEAP_KDF, "Ottoline").vault()) {
                vault.importRecords(List.of(GeneratedRecords.source("clinic.json", "a", 120)), ImportProgress.NONE);
                records = vault.records();
            }
            try (Connection ledger = PublicTables.open(file); Statement s = ledger.createStatement()) {
                s.executeUpdate("INSERT INTO ledger_light_blocks VALUES (17, 'hw-dev', x'0102', '2026-12-07T20:00:00Z', '{}', x'0a0b')");
            }
            ledgerRows = SqliteRows.dump(file, "SELECT * FROM ledger_light_blocks");
        }

        void killOnce(Random random, String where) throws Exception {
            long begun = System.nanoTime();
            Child child = start(file);
            child.awaitOpen();
            startupNanos += System.nanoTime() - begun;
            Thread.sleep(random.nextInt(300));
            child.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            List<String> lines = child.drain();
            String context = where + ", child printed " + tail(lines);
            if (Files.exists(copy)) {
                halfMadeCopies++;
            }

            String reported = current;
            boolean rotating = false;
            int inFlight = committed.size() + 1;
            for (String line : lines) {
                if (line.startsWith("committed ")) {
                    int n = Integer.parseInt(line.substring("committed ".length()));
                    committed.add(n);
                    inFlight = n + 1;
                } else if (line.equals("rotating")) {
                    rotating = true;
                } else if (line.equals("now A") || line.equals("now B") || line.equals("open A") || line.equals("open B")) {
                    reported = line.endsWith("A") ? PASS_A : PASS_B;
                    rotating = false;
                }
            }
            String other = reported.equals(PASS_A) ? PASS_B : PASS_A;
            // Exactly one opens. The other one is tried first (it fails fast, at the key slot), so
            // that the vault the working one opens can stay open for the checks below.
            Vault opened = unlockOrNull(file, other);
            boolean opensReported;
            if (opened == null) {
                opened = unlockOrNull(file, reported);
                opensReported = true;
                assertThat(opened).as("one of the two passphrases opens: " + context).isNotNull();
            } else {
                opened.close();
                assertThat(unlockOrNull(file, reported)).as("the reported passphrase opens nothing now: " + context).isNull();
                opened = Vault.unlock(file, other.toCharArray());
                opensReported = false;
            }
            if (!rotating) {
                assertThat(opensReported).as("no rotation was under way, so the reported passphrase opens: " + context).isTrue();
            } else {
                midRotation++;
            }
            current = opensReported ? reported : other;
            if (!opensReported) {
                swappedUnreported++;
            }

            try (Vault vault = opened) {
                Set<Integer> notes = new HashSet<>();
                vault.items(KeyRotationCrashChild.NOTE).values()
                        .forEach(v -> notes.add(Integer.parseInt(new String(v, StandardCharsets.US_ASCII))));
                assertThat(notes).as("every note reported saved is there: " + context).containsAll(committed);
                Set<Integer> extra = new HashSet<>(notes);
                extra.removeAll(committed);
                assertThat(extra).as("besides, at most the note being saved: " + context).isSubsetOf(Set.of(inFlight));
                committed.addAll(extra);
                assertThat(vault.records()).as(context).isEqualTo(records);
                assertThat(vault.label()).isEqualTo("Ottoline");
            }
            assertThat(copy).as("the next unlock removed a half-made copy: " + context).doesNotExist();
            assertThat(SqliteRows.dump(file, "PRAGMA integrity_check")).as(context).containsExactly("ok|");
            assertThat(SqliteRows.dump(file, "SELECT * FROM ledger_light_blocks")).as(context).isEqualTo(ledgerRows);
        }
    }

    /** The wallet unlocked with {@code passphrase}, or null when that passphrase does not open it. */
    private static Vault unlockOrNull(Path file, String passphrase) throws VaultException {
        try {
            return Vault.unlock(file, passphrase.toCharArray());
        } catch (WrongPassphraseException e) {
            return null;
        }
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 4), lines.size());
    }

    /** A running child JVM and the lines it printed. */
    private static final class Child {
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

        void awaitOpen() throws Exception {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("open ")) {
                throw new AssertionError("child did not open the wallet (" + line + "): " + Files.readString(stderr));
            }
            seen.add(line);
        }

        /** Every line printed, once the child is dead (a line cut by the kill is dropped). */
        List<String> drain() throws Exception {
            for (String line = lines.poll(10, TimeUnit.SECONDS); line != null && !line.equals("<end>");
                 line = lines.poll(10, TimeUnit.SECONDS)) {
                seen.add(line);
            }
            return seen;
        }
    }

    private Child start(Path file) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), KeyRotationCrashChild.class.getName(), file.toString());
        Path stderr = Files.createTempFile(dir, "child", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("HW_PASS_A", PASS_A);
        builder.environment().put("HW_PASS_B", PASS_B);
        Process process = builder.start();
        started.add(process);
        return new Child(process, stderr);
    }
}
