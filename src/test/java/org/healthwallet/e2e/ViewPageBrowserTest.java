package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.healthwallet.e2e.WalletCli.line;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.app.share.ShareOpenings;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.Provenance;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.tx.Ed25519PublicKey;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's browser acceptance: the relay's {@code /view} page, opened in headless Chromium (Debian's
 * {@code chromium}, driven by playwright-core 1.64.1 pinned in src/test/js/view-browser, installed
 * into e2e/target/view-browser on first run), decrypts a real passcode share made by the command line
 * on the embedded dev network and shows the records' names and values. A wrong passcode first shows
 * the attempts left. The access is on the ledger under the name the doctor typed, and neither the
 * relay's logs nor anything the consortium stores (relay and ledger SQLite files) holds the key or
 * record text; no request the browser sent carries them either. Needs Node.js 20+ with npm, the npm
 * registry on first run, and Chromium at /usr/bin/chromium (or the path in $CHROMIUM).
 */
class ViewPageBrowserTest {
    private static final String PASS = "Tulip-Orbit-42!";
    private static final String PASSCODE = "2468-meadow";
    private static final String WRONG_PASSCODE = "1357-river";
    private static final String DOCTOR = "Dr. Ng, City Clinic";
    private static final String LABEL = "For Dr. Ng";
    private static final String JORGE = "synthea-r4/Jorge_Brekke_ac7921e0-c949-4b42-97f2-fad5d171cd01.json";
    private static final Path WORK_DIR = Path.of("target", "view-browser");
    private static final Set<Category> CHOSEN = Set.of(Category.ALLERGIES, Category.CONDITIONS, Category.IMMUNIZATIONS,
            Category.VITAL_SIGNS);

    @TempDir
    Path dir;

    private Path walletDir;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger nodeLogger = Logger.getLogger("org.healthwallet");
    private final Handler capture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logged.add(format.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = nodeLogger.getLevel();
        nodeLogger.setLevel(Level.ALL);
        nodeLogger.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        nodeLogger.removeHandler(capture);
        nodeLogger.setLevel(previousLevel);
    }

    @Test
    void chromiumShowsTheSharedRecordsAndTheServerNeverSeesTheKey() throws Exception {
        String chromium = chromium();
        Path client = installPlaywright();
        wallet();
        Path passcodeFile = Files.writeString(dir.resolve("passcode.txt"), PASSCODE + "\n");
        Path devnet = new AppConfig(walletDir, new KdfParams(256, 1, 1)).devnetDir();
        String viewer;
        String key;
        JsonNode result;
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(devnet))) {
            URI relay = net.config().relay().orElseThrow(() -> new AssertionError("the dev network runs no relay"));
            Run created = cli("share", "create", "--categories", "allergies,conditions,immunizations,vital-signs",
                    "--expires", "1h", "--passcode-file", passcodeFile.toString(), "--label", LABEL);
            assertThat(created.code()).as(created.err()).isZero();
            viewer = line(created.out(), "Viewer:");
            assertThat(viewer).startsWith(relay + "/view#shlink:/");
            key = keyOf(viewer);

            long started = System.nanoTime();
            result = new ObjectMapper().readTree(run(client, List.of("node", "open-view.mjs"),
                    Map.of("VIEW_LINK", viewer, "VIEW_RECIPIENT", DOCTOR, "VIEW_PASSCODE", PASSCODE,
                            "VIEW_WRONG_PASSCODE", WRONG_PASSCODE, "CHROMIUM", chromium), Duration.ofMinutes(3)));
            System.out.printf("ViewPageBrowserTest: Chromium opened the link (wrong passcode, embedded, by location, bad link) in %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(result.path("failure").isMissingNode()).as(result.path("failure").asText()).isTrue();

            // What the page read from the fragment alone, before asking the relay.
            assertThat(result.path("label").asText()).isEqualTo(LABEL);
            assertThat(result.path("expiry").asText()).startsWith("Available until ");
            assertThat(result.path("passcodeAsked").asBoolean()).isTrue();
            // The relay allows 10 wrong passcodes over a link's lifetime; the page says what is left.
            assertThat(result.path("wrongPasscode").asText()).isEqualTo("The passcode is wrong. 9 attempts are left.");
            assertThat(result.path("badLink").asText()).startsWith("This is not a working SMART Health Link:");

            // The records, decrypted in the browser and shown readably.
            assertThat(result.path("error").isNull()).as(result.path("error").asText()).isTrue();
            String page = result.path("text").asText();
            List<FhirResource> shared = sharedResources();
            assertThat(page).contains(shared.size() + " records, opened as " + DOCTOR).contains("Jorge Brekke");
            List<String> expected = expectedTexts(shared);
            assertThat(expected).hasSizeGreaterThan(30);
            assertThat(expected.stream().filter(t -> !page.contains(t)).toList()).as("record names and values missing").isEmpty();
            assertThat(page).contains("Latex allergy").contains("Body Weight").containsPattern("\\d kg\\b")
                    .containsPattern("Systolic Blood Pressure: \\d+(\\.\\d+)? mm\\[Hg\\]");
            // Once more with every file fetched from its single-use location: the same records.
            JsonNode byLocation = result.path("byLocation");
            assertThat(byLocation.path("error").isNull()).as(byLocation.path("error").asText()).isTrue();
            assertThat(byLocation.path("text").asText()).isEqualTo(page);
            assertThat(result.path("requests").findValuesAsText("url")).as("the location file was fetched")
                    .anyMatch(u -> u.startsWith(relay + "/files/"));
            List<String> medications = names(jorge(), "MedicationRequest", "medicationCodeableConcept");
            assertThat(medications).isNotEmpty();
            assertThat(medications).as("medications were not shared").noneMatch(page::contains);

            // The browser talked to the relay only, and never sent it the key or a record.
            String origin = relay.getScheme() + "://" + relay.getAuthority();
            List<String> sent = new ArrayList<>();
            for (JsonNode r : result.path("requests")) {
                assertThat(r.path("url").asText()).startsWith(origin + "/");
                sent.add(r.toString());
            }
            assertThat(sent).as("requests the page made").anyMatch(r -> r.contains("\"POST\"") && r.contains("/shl/"));
            assertThat(String.join("\n", sent)).doesNotContain(key).doesNotContain("Latex allergy").doesNotContain("Brekke");
            List<String> consoleErrors = new ArrayList<>();
            result.path("consoleErrors").forEach(e -> consoleErrors.add(e.asText()));
            assertThat(consoleErrors).as("the console: only the 401 of the wrong passcode, no policy violation")
                    .allMatch(e -> e.contains("status of 401"));

            // Both accesses are on the ledger, under the name the doctor typed; the wrong passcode is not an access.
            Ed25519PublicKey patient;
            try (Vault vault = unlock()) {
                patient = new Ed25519PublicKey(vault.identityPublicKey());
            }
            try (ConsortiumSource source = ConsortiumSource.file(net.configFile());
                 ProfileLedger ledger = ProfileLedger.open(walletDir, source)) {
                List<AccessEntry> entries = new ShareOpenings(ledger.connection()).entries(patient);
                assertThat(entries).extracting(AccessEntry::recipient).containsExactly(DOCTOR, DOCTOR);
            }
        }

        // Neither the node's logs nor what it stores (relay.db, ledger, blocks) hold the key or records.
        String logs = String.join("\n", logged);
        assertThat(logged).as("the relay logged while serving").isNotEmpty();
        List<String> secrets = List.of(key, PASSCODE, "Latex allergy", "Brekke", "Body Weight");
        assertThat(secrets).as("in the node's log output").noneMatch(logs::contains);
        byte[] rawKey = Base64.getUrlDecoder().decode(key);
        try (Stream<Path> files = Files.walk(devnet)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(secrets).as(file.toString()).noneMatch(bytes::contains);
                assertThat(bytes).as(file + " holds the raw key").doesNotContain(new String(rawKey, StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(devnet.resolve("relay/relay.db")).exists();
    }

    // ---- what the page must show -----------------------------------------------------------

    /** The texts the page shows for the shared records: each name, and each measured value with its unit. */
    private static List<String> expectedTexts(List<FhirResource> shared) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (FhirResource r : shared) {
            JsonNode node = json.readTree(r.json());
            switch (r.resourceType()) {
                case "AllergyIntolerance", "Condition", "Observation" -> texts.add(node.path("code").path("text").asText());
                case "Immunization" -> texts.add(node.path("vaccineCode").path("text").asText());
                default -> { }
            }
            if (node.has("valueQuantity")) {
                texts.add(quantity(node.path("valueQuantity")));
            }
            for (JsonNode c : node.path("component")) {
                if (c.has("valueQuantity")) {
                    texts.add(c.path("code").path("text").asText() + ": " + quantity(c.path("valueQuantity")));
                }
            }
        }
        return texts.stream().filter(t -> !t.isBlank()).distinct().toList();
    }

    /**
     * A quantity as the page writes it: at most 2 decimals from 1 up, 3 significant digits below 1
     * (as the browser's Intl.NumberFormat rounds the double: half away from zero), then the unit.
     */
    private static String quantity(JsonNode q) {
        BigDecimal exact = new BigDecimal(q.path("value").doubleValue());
        BigDecimal shown = exact.abs().compareTo(BigDecimal.ONE) >= 0 ? exact.setScale(2, RoundingMode.HALF_UP)
                : exact.round(new MathContext(3, RoundingMode.HALF_UP));
        String unit = q.hasNonNull("unit") ? q.path("unit").asText() : q.path("code").asText();
        return shown.stripTrailingZeros().toPlainString() + (unit.isEmpty() ? "" : " " + unit);
    }

    private static List<String> names(List<FhirResource> resources, String type, String field) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (FhirResource r : resources) {
            if (r.resourceType().equals(type)) {
                out.add(json.readTree(r.json()).path(field).path("text").asText());
            }
        }
        return out.stream().filter(t -> !t.isBlank()).distinct().toList();
    }

    /** Jorge's records of the chosen categories, and his Patient resource (which every share carries). */
    private static List<FhirResource> sharedResources() throws Exception {
        List<FhirResource> jorge = jorge();
        List<StoredRecord> records = jorge.stream().map(r -> new StoredRecord(UUID.randomUUID(), 1, r,
                List.of(new Provenance("test", Instant.now(), r.contentHash())))).toList();
        RecordIndex index = RecordIndex.of(records);
        List<FhirResource> shared = CHOSEN.stream().flatMap(c -> index.byCategory(c).stream()).map(StoredRecord::resource)
                .collect(Collectors.toCollection(ArrayList::new));
        shared.addAll(jorge.stream().filter(r -> r.resourceType().equals("Patient")).toList());
        return shared;
    }

    private static List<FhirResource> jorge() throws Exception {
        return new FhirReader().read(SharedTestData.fhir(JORGE), ImportProgress.NONE).get(0).resources();
    }

    /** The base64url key in a viewer link's payload (only the test reads it, to look for it where it must not be). */
    private static String keyOf(String viewerLink) throws IOException {
        String payload = viewerLink.substring(viewerLink.indexOf("#shlink:/") + "#shlink:/".length());
        String key = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(payload)).path("key").asText();
        assertThat(key).hasSize(43);
        return key;
    }

    // ---- the wallet and the browser --------------------------------------------------------

    private void wallet() {
        walletDir = dir.resolve("wallet");
        env.putAll(Map.of("HEALTHWALLET_KDF_MEMORY_KIB", "256", "HEALTHWALLET_KDF_ITERATIONS", "1",
                "HEALTHWALLET_PASSPHRASE", PASS));
        Run init = cli("init");
        assertThat(init.code()).as(init.err()).isZero();
        Run imported = cli("import", SharedTestData.fhir(JORGE).toString());
        assertThat(imported.code()).as(imported.err()).isZero();
    }

    private Run cli(String... args) {
        return WalletCli.run(walletDir, env, args);
    }

    private Vault unlock() throws Exception {
        Profiles profiles = new Profiles(walletDir);
        return Vault.unlock(profiles.vaultFile(profiles.owner().orElseThrow()), PASS.toCharArray());
    }

    private static String chromium() {
        String path = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(path))) {
            fail("Chromium is not installed at " + path + "; the /view browser check needs it (on Debian: apt-get install "
                    + "chromium, as .ci/run does; or set CHROMIUM to another Chromium's path).");
        }
        return path;
    }

    /** Copies the pinned package and script into target/ and runs `npm ci` there unless already installed. */
    private static Path installPlaywright() throws Exception {
        Path scripts = Path.of(System.getProperty("healthwallet.root", "..")).resolve("src/test/js/view-browser");
        Files.createDirectories(WORK_DIR);
        for (String name : List.of("package.json", "package-lock.json", "open-view.mjs")) {
            Files.copy(scripts.resolve(name), WORK_DIR.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = WORK_DIR.resolve("node_modules/playwright-core/package.json");
        if (!Files.exists(installed) || !Files.readString(installed).contains("\"version\": \"1.64.1\"")) {
            try {
                // Never a browser download: the test drives the system's Chromium.
                run(WORK_DIR, List.of("npm", "ci", "--no-audit", "--no-fund"),
                        Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"), Duration.ofMinutes(5));
            } catch (AssertionError e) {
                fail("npm could not install playwright-core 1.64.1 from the npm registry; the /view browser check "
                        + "needs it. " + e.getMessage());
            }
        }
        return WORK_DIR;
    }

    private static String run(Path workDir, List<String> command, Map<String, String> env, Duration timeout) throws Exception {
        Path log = Files.createTempFile("view-browser", ".err");
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(log.toFile());
            builder.environment().putAll(env); // the link holds the key: never on a command line
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("`" + command.get(0) + "` is not installed; the /view browser check needs Node.js 20+ "
                    + "with npm (" + e.getMessage() + ")");
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("`" + String.join(" ", command) + "` did not finish within " + timeout.toSeconds() + " s");
        }
        String err = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (process.exitValue() != 0) {
            throw new AssertionError("`" + String.join(" ", command) + "` failed (exit " + process.exitValue() + "): " + err.strip());
        }
        return new String(out, StandardCharsets.UTF_8).strip();
    }
}
