package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.app.share.ShareOpenings;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.healthwallet.node.npm.NpmProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's browser acceptance: the relay's {@code /view} page, opened in headless Chromium (Debian's
 * {@code chromium}, driven by playwright-core 1.64.1 pinned in src/test/js/view-browser, installed
 * into e2e/target/view-browser by {@link NpmProject} on first run), decrypts a real passcode share
 * made by the command line on the embedded dev network and shows the records' names and values. A
 * wrong passcode first shows the attempts left. The access is on the ledger under the name the
 * doctor typed, and neither the relay's logs nor anything the consortium stores (relay and ledger
 * SQLite files) holds the key or record text; no request the browser sent carries them either. Needs Node.js 20+ with npm, the npm
 * registry or npm's cache on first run, and Chromium at /usr/bin/chromium (or the path in $CHROMIUM).
 */
class ViewPageBrowserTest {
    private static final String PASSCODE = "2468-meadow";
    private static final String WRONG_PASSCODE = "1357-river";
    private static final String DOCTOR = "Dr. Ng, City Clinic";
    private static final String LABEL = "For Dr. Ng";
    private static final Path SCRIPTS = Path.of(System.getProperty("healthwallet.root", "..")).resolve("src/test/js/view-browser");
    private static final Set<Category> CHOSEN = Set.of(Category.ALLERGIES, Category.CONDITIONS, Category.IMMUNIZATIONS,
            Category.VITAL_SIGNS);

    @TempDir
    Path dir;

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
        // Never a browser download: the test drives the system's Chromium.
        NpmProject client = NpmProject.install(SCRIPTS, Path.of("target", "view-browser"), "the /view browser check",
                Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
        TestWallet wallet = TestWallet.withJorge(dir.resolve("wallet"));
        Path passcodeFile = Files.writeString(dir.resolve("passcode.txt"), PASSCODE + "\n");
        Path devnet = wallet.devnetDir();
        String viewer;
        String key;
        JsonNode result;
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(devnet))) {
            URI relay = net.config().relay().orElseThrow(() -> new AssertionError("the dev network runs no relay"));
            viewer = wallet.shareCreate("--categories", "allergies,conditions,immunizations,vital-signs",
                    "--expires", "1h", "--passcode-file", passcodeFile.toString(), "--label", LABEL).viewer();
            assertThat(viewer).startsWith(relay + "/view#shlink:/");
            key = keyOf(viewer);

            long started = System.nanoTime();
            // The link holds the key: to the script through its environment, never on a command line.
            result = new ObjectMapper().readTree(client.run(Duration.ofMinutes(3),
                    Map.of("VIEW_LINK", viewer, "VIEW_RECIPIENT", DOCTOR, "VIEW_PASSCODE", PASSCODE,
                            "VIEW_WRONG_PASSCODE", WRONG_PASSCODE, "CHROMIUM", chromium,
                            "VIEW_SCREENSHOT", Path.of("target", "screenshots", "view.png").toAbsolutePath().toString()),
                    "node", "open-view.mjs").succeeded());
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
            try (Vault vault = wallet.unlock()) {
                patient = new Ed25519PublicKey(vault.identityPublicKey());
            }
            try (ConsortiumSource source = ConsortiumSource.file(net.configFile());
                 ProfileLedger ledger = ProfileLedger.open(wallet.dir(), source, wallet.ledgerSeal())) {
                List<AccessEntry> entries = new ShareOpenings(ledger.connection()).entries(patient);
                try (Vault vault = wallet.unlock()) {
                    assertThat(SealedRecipients.of(vault, ledger.connection().config().chainId(), entries))
                            .containsExactly(DOCTOR, DOCTOR);
                }
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
        List<FhirResource> shared = new ArrayList<>(FiledRecords.of(jorge).in(CHOSEN));
        shared.addAll(jorge.stream().filter(r -> r.resourceType().equals("Patient")).toList());
        return shared;
    }

    private static List<FhirResource> jorge() throws Exception {
        return new FhirReader().read(SharedTestData.fhir(TestWallet.JORGE), ImportProgress.NONE).get(0).resources();
    }

    /** The base64url key in a viewer link's payload (only the test reads it, to look for it where it must not be). */
    private static String keyOf(String viewerLink) throws IOException {
        String payload = viewerLink.substring(viewerLink.indexOf("#shlink:/") + "#shlink:/".length());
        String key = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(payload)).path("key").asText();
        assertThat(key).hasSize(43);
        return key;
    }

    // ---- the browser ------------------------------------------------------------------------

    private static String chromium() {
        String path = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(path))) {
            fail("Chromium is not installed at " + path + "; the /view browser check needs it (on Debian: apt-get install "
                    + "chromium, as .ci/run does; or set CHROMIUM to another Chromium's path).");
        }
        return path;
    }
}
