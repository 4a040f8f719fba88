package org.healthwallet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.healthwallet.core.crypto.Argon2id;
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
 * Unlocking a wallet of 10,000 records (target: under 1.5 s beyond the key derivation), with
 * Argon2id set cheap so the number is the rest: opening the file, reading every row, AES-GCM and
 * decoding. {@code argon2idDefault} measures the key derivation of {@link KdfParams#DEFAULT} alone.
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -jar bench/target/benchmarks.jar UnlockBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class UnlockBenchmark {
    private static final int RECORDS = 10_000;
    private static final KdfParams CHEAP = new KdfParams(64, 1, 1);
    private static final char[] PASSPHRASE = "plum orchard lantern 42".toCharArray();

    private Path dir;
    private Path file;

    @Setup(Level.Trial)
    public void createWalletOf10000Records() throws Exception {
        dir = Files.createTempDirectory("hw-unlock-bench");
        file = dir.resolve("bench.hwvault");
        try (Vault vault = Vault.create(file, PASSPHRASE, CHEAP).vault()) {
            List<FhirResource> resources = new ArrayList<>(RECORDS);
            for (int i = 0; i < RECORDS; i++) {
                resources.add(resource(i));
            }
            vault.importRecords(List.of(new ParsedSource("generated.json", resources, List.of())), ImportProgress.NONE);
            if (vault.records().size() != RECORDS) {
                throw new IllegalStateException("expected " + RECORDS + " records, got " + vault.records().size());
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteWallet() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public int unlock10000Records() throws Exception {
        try (Vault vault = Vault.unlock(file, PASSPHRASE)) {
            return vault.records().size();
        }
    }

    @Benchmark
    @Warmup(iterations = 1, time = 2)
    @Measurement(iterations = 3, time = 4)
    public byte[] argon2idDefault() {
        KdfParams p = KdfParams.DEFAULT;
        return Argon2id.derive(PASSPHRASE, new byte[Argon2id.SALT_BYTES], p.memoryKib(), p.iterations(), p.parallelism(), null);
    }

    /** About 1.2 KB of JSON, like a Synthea observation, encounter or condition. */
    static FhirResource resource(int i) {
        String id = "res-" + i;
        String type = switch (i % 3) {
            case 0 -> "Observation";
            case 1 -> "Encounter";
            default -> "Condition";
        };
        String json = "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\",\"status\":\"final\","
                + "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\","
                + "\"code\":\"laboratory\",\"display\":\"laboratory\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + (1000 + i % 500) + "-" + (i % 10)
                + "\",\"display\":\"Hemoglobin A1c/Hemoglobin.total in Blood\"}],\"text\":\"Hemoglobin A1c/Hemoglobin.total in Blood\"},"
                + "\"subject\":{\"reference\":\"urn:uuid:0b9b4d4e-2f0c-4c83-9f7a-6c1f1d2a9b11\"},"
                + "\"encounter\":{\"reference\":\"urn:uuid:5e2c1a7d-9d41-4c8e-8a3f-" + String.format("%012d", i) + "\"},"
                + "\"effectiveDateTime\":\"20" + String.format("%02d", 10 + i % 14) + "-0" + (1 + i % 9) + "-1" + (i % 10) + "T10:2" + (i % 10) + ":00-04:00\","
                + "\"issued\":\"2019-0" + (1 + i % 9) + "-1" + (i % 10) + "T10:2" + (i % 10) + ":00.000-04:00\","
                + "\"valueQuantity\":{\"value\":" + (4 + (i % 37) / 10.0) + ",\"unit\":\"%\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"},"
                + "\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">Hemoglobin A1c measured "
                + "at the clinic during a routine visit; result within the expected range for this patient, number " + i
                + ". Follow-up at the next scheduled appointment.</div>\"}}";
        return new FhirResource(type, id, "urn:uuid:" + id, json);
    }
}
