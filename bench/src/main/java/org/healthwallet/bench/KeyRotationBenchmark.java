package org.healthwallet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A passphrase change on a wallet of 10,000 records: the key rotation that re-encrypts every row
 * under a fresh master key in a new copy of the file, checks the copy (every row opened again, the
 * row summary, PRAGMA integrity_check) and swaps it in (fsync, atomic rename, fsync of the folder).
 * Argon2id is set cheap so the number is the rotation; a real change adds two derivations of the
 * configured cost (the current passphrase checked, the new one wrapped: about 2 x 1 s at
 * {@link KdfParams#DEFAULT}, see {@code UnlockBenchmark.argon2idDefault}).
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -jar bench/target/benchmarks.jar KeyRotationBenchmark -f 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class KeyRotationBenchmark {
    private static final int RECORDS = 10_000;
    private static final KdfParams CHEAP = new KdfParams(64, 1, 1);
    private static final char[] A = "plum orchard lantern 42".toCharArray();
    private static final char[] B = "quiet harbour, seven gulls".toCharArray();

    private Path dir;
    private Vault vault;
    private boolean onA;

    @Setup(Level.Trial)
    public void openWalletOf10000Records() throws Exception {
        dir = Files.createTempDirectory("hw-rotation-bench");
        Path file = dir.resolve("bench.hwvault");
        vault = Vault.create(file, A, CHEAP).vault();
        onA = true;
        List<FhirResource> resources = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            resources.add(UnlockBenchmark.resource(i));
        }
        vault.importRecords(List.of(new ParsedSource("generated.json", resources, List.of())), ImportProgress.NONE);
        if (vault.records().size() != RECORDS) {
            throw new IllegalStateException("expected " + RECORDS + " records, got " + vault.records().size());
        }
    }

    @TearDown(Level.Trial)
    public void deleteWallet() throws IOException {
        vault.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public int rotate10000Records() throws Exception {
        vault.changePassphrase(onA ? A : B, onA ? B : A, CHEAP);
        onA = !onA;
        return vault.records().size();
    }
}
