package org.healthwallet.e2e;

import static org.healthwallet.e2e.WalletCli.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.healthwallet.app.AppConfig;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.Provenance;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's interoperability check: a link made by the real command line on the embedded dev
 * network (relay on loopback) opens in a third-party SMART Health Links receiver, the
 * {@code SHLViewer} of the npm package {@code kill-the-clipboard} 1.1.0 (pinned in
 * src/test/js/shl-client/package-lock.json, installed into e2e/target/shl-client on first run).
 * It refuses a wrong passcode, then fetches the manifest with the files embedded and by location,
 * decrypts them, and gets exactly the records the patient chose. Needs Node.js 20+ with npm and
 * access to the npm registry (or an already installed target/shl-client).
 */
class ThirdPartyShlClientTest {
    private static final String PASS = "Tulip-Orbit-42!";
    private static final String PASSCODE = "2468-meadow";
    private static final String WRONG_PASSCODE = "1357-river";
    private static final String DOCTOR = "Dr. Osei, Harbour Clinic";
    private static final String LABEL = "For Dr. Osei";
    private static final String JORGE = "synthea-r4/Jorge_Brekke_ac7921e0-c949-4b42-97f2-fad5d171cd01.json";
    private static final Path WORK_DIR = Path.of("target", "shl-client");

    @TempDir
    Path dir;

    private Path walletDir;
    private final Map<String, String> env = new HashMap<>();


    @Test
    void killTheClipboardOpensOurPasscodeLink() throws Exception {
        Path client = installClient();
        wallet();
        Set<Category> chosen = Set.of(Category.IMMUNIZATIONS, Category.ALLERGIES, Category.CONDITIONS);
        Path passcodeFile = Files.writeString(dir.resolve("passcode.txt"), PASSCODE + "\n");
        Path devnet = new AppConfig(walletDir, new KdfParams(256, 1, 1)).devnetDir();
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(devnet))) {
            String relay = net.config().relay().orElseThrow(() -> new AssertionError("the dev network runs no relay")).toString();
            Run created = cli("share", "create", "--categories", "immunizations,allergies,conditions", "--expires", "1h",
                    "--passcode-file", passcodeFile.toString(), "--label", LABEL);
            assertThat(created.code()).as(created.err()).isZero();
            String link = line(created.out(), "Link:");
            assertThat(link).startsWith("shlink:/");

            JsonNode result = new ObjectMapper().readTree(run(client,
                    List.of("node", "open-link.mjs", DOCTOR),
                    Map.of("SHL_LINK", link, "SHL_PASSCODE", PASSCODE, "SHL_WRONG_PASSCODE", WRONG_PASSCODE), Duration.ofSeconds(90)));

            // What the library read from the link itself.
            assertThat(result.path("link").path("label").asText()).isEqualTo(LABEL);
            assertThat(result.path("link").path("flag").asText()).contains("P");
            assertThat(result.path("link").path("requiresPasscode").asBoolean()).isTrue();
            assertThat(result.path("link").path("url").asText()).startsWith(relay);
            long exp = result.path("link").path("exp").asLong();
            assertThat(Instant.ofEpochSecond(exp)).isBetween(Instant.now().plus(Duration.ofMinutes(50)),
                    Instant.now().plus(Duration.ofMinutes(61)));

            // Our relay's 401 is what the library understands as a wrong passcode.
            assertThat(result.path("wrongPasscode").path("error").asText()).as(result.path("wrongPasscode").toString())
                    .isEqualTo("SHLInvalidPasscodeError");

            // Both manifest forms, decrypted by the library: exactly the chosen records.
            Set<String> expected = expectedIds(chosen);
            assertThat(expected).isNotEmpty();
            for (String form : List.of("embedded", "location")) {
                JsonNode opened = result.path(form.equals("embedded") ? "embedded" : "byLocation");
                assertThat(opened.path("files").size()).as(opened.toString()).isPositive();
                for (JsonNode file : opened.path("files")) {
                    assertThat(file.path("contentType").asText()).isEqualTo("application/fhir+json");
                    assertThat(file.path("form").asText()).as("manifest file form").isEqualTo(form);
                }
                assertThat(opened.path("smartHealthCards").asInt()).isZero();
                List<FhirResource> received = resources(opened.path("resources"));
                Set<String> receivedIds = received.stream().map(r -> r.resourceType() + "/" + r.id()).collect(Collectors.toSet());
                assertThat(receivedIds).as("every resource has a type and id").doesNotContain("null/null");
                assertThat(idsIn(received, chosen)).as("records of the chosen categories, " + form).isEqualTo(expected);
                Set<Category> others = EnumSet.complementOf(EnumSet.copyOf(chosen));
                others.remove(Category.OTHER); // the Patient and what the records name directly come along
                assertThat(idsIn(received, others)).as("records of categories not chosen, " + form).isEmpty();
                assertThat(receivedIds).as("the patient comes along").anyMatch(id -> id.startsWith("Patient/"));
                System.out.printf("ThirdPartyShlClientTest: kill-the-clipboard decrypted %d resources (%s), %d of the chosen categories, files %s%n",
                        received.size(), countsByType(received), expected.size(), form);
            }

            Run listed = cli("share", "list");
            assertThat(listed.code()).as(listed.err()).isZero();
            assertThat(listed.out()).as("both openings by the library were counted").containsPattern("active\\s+opened 2\\b");
        }
    }

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


    /** (resourceType/id) of Jorge's records in the chosen categories, from the source file. */
    private static Set<String> expectedIds(Set<Category> chosen) throws Exception {
        return idsIn(jorge(), chosen);
    }

    private static List<FhirResource> jorge() throws Exception {
        return new FhirReader().read(SharedTestData.fhir(JORGE), ImportProgress.NONE).get(0).resources();
    }

    /**
     * The script lists type and id of what it decrypted; the wallet's reader cannot categorise a
     * resource from those alone, so the test reads the decrypted resources back by type and id
     * from Jorge's file (the ids are Synthea's UUIDs, unique in the file).
     */
    private static List<FhirResource> resources(JsonNode listed) throws Exception {
        Map<String, FhirResource> byId = jorge().stream().collect(Collectors.toMap(r -> r.resourceType() + "/" + r.id(), r -> r, (a, b) -> a));
        List<FhirResource> out = new ArrayList<>();
        Set<String> unknown = new HashSet<>();
        for (JsonNode r : listed) {
            String key = r.path("resourceType").asText() + "/" + r.path("id").asText();
            FhirResource resource = byId.get(key);
            if (resource == null) {
                unknown.add(key);
            } else {
                out.add(resource);
            }
        }
        assertThat(unknown).as("decrypted resources that are not Jorge's").isEmpty();
        return out;
    }

    private static Set<String> idsIn(List<FhirResource> resources, Set<Category> categories) {
        List<StoredRecord> records = resources.stream().map(r -> new StoredRecord(UUID.randomUUID(), 1, r,
                List.of(new Provenance("test", Instant.now(), r.contentHash())))).toList();
        RecordIndex index = RecordIndex.of(records);
        return categories.stream().flatMap(c -> index.byCategory(c).stream())
                .map(r -> r.resource().resourceType() + "/" + r.resource().id()).collect(Collectors.toSet());
    }

    private static Map<String, Long> countsByType(List<FhirResource> resources) {
        return resources.stream().collect(Collectors.groupingBy(FhirResource::resourceType, java.util.TreeMap::new, Collectors.counting()));
    }

    /** Copies the pinned package and script into target/ and runs `npm ci` there unless already installed. */
    private static Path installClient() throws Exception {
        Path scripts = Path.of(System.getProperty("healthwallet.root", "..")).resolve("src/test/js/shl-client");
        Files.createDirectories(WORK_DIR);
        for (String name : List.of("package.json", "package-lock.json", "open-link.mjs")) {
            Files.copy(scripts.resolve(name), WORK_DIR.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = WORK_DIR.resolve("node_modules/kill-the-clipboard/package.json");
        if (!Files.exists(installed) || !Files.readString(installed).contains("\"version\": \"1.1.0\"")) {
            try {
                run(WORK_DIR, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(5));
            } catch (AssertionError e) {
                fail("npm could not install kill-the-clipboard 1.1.0 from the npm registry; the third-party SMART Health "
                        + "Links check needs it. " + e.getMessage());
            }
        }
        return WORK_DIR;
    }

    private static String run(Path workDir, List<String> command, Map<String, String> env, Duration timeout) throws Exception {
        Path log = Files.createTempFile("shl-client", ".err");
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(log.toFile());
            builder.environment().putAll(env); // the link holds the key: never on a command line
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("`" + command.get(0) + "` is not installed; the third-party SMART Health Links check "
                    + "needs Node.js 20+ with npm (" + e.getMessage() + ")");
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
