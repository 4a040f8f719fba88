package org.healthwallet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.LabSeries;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.Provenance;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.StoredRecord;
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
 * Importing FHIR records: reading (parse, check, re-serialise), content hashing, indexing, and the
 * whole import into a fresh vault (read + {@link Vault#importRecords}: hash, encrypt, SQLite, one
 * transaction). Inputs: Synthea's Vito Feeney export (1,244 resources, 3.5 MB) from
 * ../shared/testdata, and a generated bundle of 3,000 resources (about 8 MB) made by cycling
 * Vito's entries under fresh ids, so every copy is a distinct record. Issue 2's target: the 8 MB
 * bundle imports in under 3 s on the 2-core machine.
 *
 * <p>Run from the repository root: {@code java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -jar
 * bench/target/benchmarks.jar ImportBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ImportBenchmark {
    private static final int GENERATED_RESOURCES = 3000;
    private static final int INDEXED_RECORDS = 10_000;
    /** Key derivation is not what this measures; the vault's own benchmark covers unlock cost. */
    private static final KdfParams CHEAP_KDF = new KdfParams(1024, 1, 1);
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    private final FhirReader reader = new FhirReader();
    private Path work;
    private Path vito;
    private Path generated;
    private List<FhirResource> generatedResources;
    private List<StoredRecord> tenThousand;
    private RecordIndex vitoIndex;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        Path root = Path.of(System.getProperty("healthwallet.root", ".")).toAbsolutePath();
        Path synthea = root.resolve("../shared/testdata/fhir/synthea-r4").normalize();
        try (Stream<Path> files = Files.list(synthea)) {
            vito = files.filter(f -> f.getFileName().toString().startsWith("Vito_Feeney_")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Vito_Feeney_*.json not found in " + synthea
                            + "; run from the repository root or set -Dhealthwallet.root"));
        }
        work = Files.createTempDirectory("import-bench");
        generated = work.resolve("generated-3000.json");
        writeGeneratedBundle(vito, generated);
        generatedResources = reader.read(generated, ImportProgress.NONE).get(0).resources();

        List<FhirResource> vitoResources = reader.read(vito, ImportProgress.NONE).get(0).resources();
        vitoIndex = RecordIndex.of(asStored(vitoResources, "vito"));
        List<FhirResource> many = new ArrayList<>(INDEXED_RECORDS);
        for (int i = 0; many.size() < INDEXED_RECORDS; i++) {
            many.add(generatedResources.get(i % generatedResources.size()));
        }
        tenThousand = asStored(many, "generated");
        System.out.printf("%n[ImportBenchmark] Vito %d bytes, generated bundle %d bytes with %d resources%n",
                Files.size(vito), Files.size(generated), generatedResources.size());
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        deleteTree(work);
    }

    @Benchmark
    public List<ParsedSource> readVito() throws Exception {
        return reader.read(vito, ImportProgress.NONE);
    }

    @Benchmark
    public List<ParsedSource> readGenerated8MB() throws Exception {
        return reader.read(generated, ImportProgress.NONE);
    }

    /** The canonical content hash the vault computes for every resource it imports. */
    @Benchmark
    public int hashGenerated8MB() {
        int sum = 0;
        for (FhirResource resource : generatedResources) {
            sum += resource.contentHash().charAt(0);
        }
        return sum;
    }

    @Benchmark
    public RecordIndex indexTenThousandRecords() {
        return RecordIndex.of(tenThousand);
    }

    /** What the records screen computes after unlock: every summary and the lab series. */
    @Benchmark
    public int summariesAndSeriesOfVito() {
        return RecordSummary.all(vitoIndex).size() + LabSeries.of(vitoIndex).size();
    }

    /** A fresh, empty vault for each import, created outside the measured time. */
    @State(Scope.Thread)
    public static class FreshVault {
        Path folder;
        Vault vault;

        @Setup(Level.Invocation)
        public void create() throws Exception {
            folder = Files.createTempDirectory("import-bench-vault");
            vault = Vault.create(folder.resolve("profile.healthwallet"), PASSPHRASE.clone(), CHEAP_KDF).vault();
        }

        @TearDown(Level.Invocation)
        public void discard() throws IOException {
            vault.close();
            deleteTree(folder);
        }
    }

    @Benchmark
    public ImportReport importVito(FreshVault fresh) throws Exception {
        return fresh.vault.importRecords(reader.read(vito, ImportProgress.NONE), ImportProgress.NONE);
    }

    @Benchmark
    public ImportReport importGenerated8MB(FreshVault fresh) throws Exception {
        return fresh.vault.importRecords(reader.read(generated, ImportProgress.NONE), ImportProgress.NONE);
    }

    /** Vito's entries, cycled until there are 3,000, each copy under a fresh id and urn:uuid fullUrl. */
    private static void writeGeneratedBundle(Path template, Path out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode source = mapper.readTree(template.toFile());
        ArrayNode entries = (ArrayNode) source.path("entry");
        ObjectNode bundle = mapper.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        ArrayNode copies = bundle.putArray("entry");
        Random random = new Random(42);
        for (int i = 0; i < GENERATED_RESOURCES; i++) {
            ObjectNode entry = entries.get(i % entries.size()).deepCopy();
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            entry.put("fullUrl", "urn:uuid:" + id);
            ObjectNode resource = (ObjectNode) entry.path("resource");
            resource.put("id", id);
            if (!resource.has("text")) {
                resource.putObject("text").put("status", "generated").put("div", narrative(resource));
            }
            copies.add(entry);
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), bundle);
    }

    /**
     * A generated narrative like the ones EHR exports carry (about 1 KB of XHTML), so the bundle
     * has the size of a real 3,000-resource export and the narrative check does its real work.
     */
    private static String narrative(ObjectNode resource) {
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p><b>Generated Narrative: ")
                .append(resource.path("resourceType").asText()).append("</b></p><p>Resource &quot;")
                .append(resource.path("id").asText()).append("&quot;</p><table class=\"grid\">");
        int rows = 0;
        for (var field : resource.properties()) {
            if (rows++ == 8) {
                break;
            }
            String value = field.getValue().toString();
            value = value.length() > 90 ? value.substring(0, 90) + "…" : value;
            div.append("<tr><th scope=\"row\">").append(field.getKey()).append("</th><td>")
                    .append(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append("</td></tr>");
        }
        return div.append("</table></div>").toString();
    }

    private static List<StoredRecord> asStored(List<FhirResource> resources, String source) {
        Instant now = Instant.now();
        List<StoredRecord> records = new ArrayList<>(resources.size());
        for (FhirResource resource : resources) {
            records.add(new StoredRecord(UUID.randomUUID(), 1, resource, List.of(new Provenance(source, now, "-"))));
        }
        return records;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
