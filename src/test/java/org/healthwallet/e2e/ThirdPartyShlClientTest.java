package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.healthwallet.node.npm.NpmProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's interoperability check: a link made by the real command line on the embedded dev
 * network (relay on loopback) opens in a third-party SMART Health Links receiver, the
 * {@code SHLViewer} of the npm package {@code kill-the-clipboard} 1.1.0 (pinned in
 * src/test/js/shl-client/package-lock.json, installed into e2e/target/shl-client by
 * {@link NpmProject} on first run).
 * It refuses a wrong passcode, then fetches the manifest with the files embedded and by location,
 * decrypts them, and gets exactly the records the patient chose. Needs Node.js 20+ with npm, and
 * the npm registry or npm's cache on first run.
 */
class ThirdPartyShlClientTest {
    private static final String PASSCODE = "2468-meadow";
    private static final String WRONG_PASSCODE = "1357-river";
    private static final String DOCTOR = "Dr. Osei, Harbour Clinic";
    private static final String LABEL = "For Dr. Osei";
    private static final Path SCRIPTS = Path.of(System.getProperty("healthwallet.root", "..")).resolve("src/test/js/shl-client");

    @TempDir
    Path dir;

    @Test
    void killTheClipboardOpensOurPasscodeLink() throws Exception {
        NpmProject client = NpmProject.install(SCRIPTS, Path.of("target", "shl-client"),
                "the third-party SMART Health Links check", Map.of());
        TestWallet wallet = TestWallet.withJorge(dir.resolve("wallet"));
        Set<Category> chosen = Set.of(Category.IMMUNIZATIONS, Category.ALLERGIES, Category.CONDITIONS);
        Path passcodeFile = Files.writeString(dir.resolve("passcode.txt"), PASSCODE + "\n");
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(wallet.devnetDir()))) {
            String relay = net.config().relay().orElseThrow(() -> new AssertionError("the dev network runs no relay")).toString();
            String link = wallet.shareCreate("--categories", "immunizations,allergies,conditions", "--expires", "1h",
                    "--passcode-file", passcodeFile.toString(), "--label", LABEL).link();
            assertThat(link).startsWith("shlink:/");

            // The link holds the key: to the script through its environment, never on a command line.
            JsonNode result = new ObjectMapper().readTree(client.run(Duration.ofSeconds(90),
                    Map.of("SHL_LINK", link, "SHL_PASSCODE", PASSCODE, "SHL_WRONG_PASSCODE", WRONG_PASSCODE),
                    "node", "open-link.mjs", DOCTOR).succeeded());

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
                assertThat(FiledRecords.of(received).idsIn(chosen)).as("records of the chosen categories, " + form).isEqualTo(expected);
                Set<Category> others = EnumSet.complementOf(EnumSet.copyOf(chosen));
                others.remove(Category.OTHER); // the Patient and what the records name directly come along
                assertThat(FiledRecords.of(received).idsIn(others)).as("records of categories not chosen, " + form).isEmpty();
                assertThat(receivedIds).as("the patient comes along").anyMatch(id -> id.startsWith("Patient/"));
                System.out.printf("ThirdPartyShlClientTest: kill-the-clipboard decrypted %d resources (%s), %d of the chosen categories, files %s%n",
                        received.size(), countsByType(received), expected.size(), form);
            }

            Run listed = wallet.succeeds("share", "list");
            assertThat(listed.out()).as("both openings by the library were counted").containsPattern("active\\s+opened 2\\b");
        }
    }

    /** (resourceType/id) of Jorge's records in the chosen categories, from the source file. */
    private static Set<String> expectedIds(Set<Category> chosen) throws Exception {
        return FiledRecords.of(jorge()).idsIn(chosen);
    }

    private static List<FhirResource> jorge() throws Exception {
        return new FhirReader().read(SharedTestData.fhir(TestWallet.JORGE), ImportProgress.NONE).get(0).resources();
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

    private static Map<String, Long> countsByType(List<FhirResource> resources) {
        return resources.stream().collect(Collectors.groupingBy(FhirResource::resourceType, java.util.TreeMap::new, Collectors.counting()));
    }
}
