package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.healthwallet.app.AppConfig;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.core.family.Family;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's elderly parent and adult child, each with their own wallet folder, every command a
 * process of its own (as two people on two machines run them), on one dev network both reach over
 * loopback: Dad invites Maria with her caregiver code, Maria accepts, her copy equals Dad's records;
 * Dad imports more and Maria sees them after her next refresh; Maria shares Dad's medications with
 * a pharmacist who opens them; Dad's access log shows Maria's refreshes and the pharmacist; Dad ends
 * the delegation, and then Maria's refresh and the pharmacist's link both fail, saying why.
 */
class CaregiverAdultEndToEndTest {
    static final String DAD_FILE = "synthea-3.3.0/Rubin812_Conroy74_88e56a5c-afaa-f488-f338-1e57d8aa279b.json";
    private static final String PASSPHRASE = "Tulip-Orbit-42!";
    private static final String PHARMACIST = "Pharmacist, Main St Pharmacy";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Map<String, String> env;

    @Test
    void dadInvitesMariaWhoKeepsACopySharesItAndLosesItWhenDadEndsTheDelegation() throws Exception {
        Path dad = dir.resolve("dad");
        Path maria = dir.resolve("maria");
        Path[] halves = split(SharedTestData.fhir(DAD_FILE), 2_400);
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(dir.resolve("devnet")))) {
            env = new HashMap<>(Map.of(AppConfig.KDF_MEMORY_ENV, "256", AppConfig.KDF_ITERATIONS_ENV, "1",
                    "HEALTHWALLET_PASSPHRASE", PASSPHRASE, AppConfig.CONSORTIUM_ENV, net.configFile().toString()));
            ok(dad, "init");
            ok(dad, "import", halves[0].toString());
            ok(maria, "init");

            String code = ok(maria, "caregiver", "code").out().strip();
            assertThat(code).startsWith("hwcaregiver:/");
            Path invitation = dir.resolve("invitation.txt");
            Path qr = dir.resolve("invitation.png");
            String invited = ok(dad, "caregiver", "invite", "--code", code, "--name", "Maria", "--as", "Dad",
                    "--scope", "records,share", "--ends", LocalDate.now().plusMonths(6).toString(),
                    "--out", invitation.toString(), "--qr", qr.toString()).out();
            assertThat(invited).contains("Invited Maria (share+records)");
            assertThat(Files.readString(invitation)).startsWith("hwinvite:/").doesNotContain("Dad");

            String accepted = ok(maria, "caregiver", "accept", qr.toString(), "--as", "Maria (daughter)").out();
            assertThat(accepted).contains("You are now Dad's caregiver");
            assertThat(copyOf(maria)).as("Maria's copy is Dad's records").isEqualTo(recordsOf(dad));

            String more = ok(dad, "import", halves[1].toString()).out();
            assertThat(more).contains("Passed the records on to 1 caregiver copy.");
            assertThat(copyOf(maria)).as("before her refresh").isNotEqualTo(recordsOf(dad));
            String refreshed = ok(maria, "--profile", "Dad", "dependent", "refresh", "--as", "Maria (daughter)").out();
            assertThat(refreshed).contains("Refreshed Dad's records");
            assertThat(copyOf(maria)).as("after her refresh").isEqualTo(recordsOf(dad));

            String link = WalletCli.line(ok(maria, "--profile", "Dad", "share", "create", "--categories", "medications",
                    "--label", "For the pharmacy").out(), "Link:");
            Path received = dir.resolve("pharmacist.json");
            ok(dir.resolve("pharmacist"), "open-link", link, "--recipient", PHARMACIST, "--out", received.toString());
            assertThat(Files.readString(received)).contains("MedicationRequest").doesNotContain("\"Condition\"");

            JsonNode log = JSON.readTree(ok(dad, "access-log", "--format", "json").out());
            assertThat(log.path("status").asText()).isEqualTo("verified");
            List<String> lines = new ArrayList<>();
            log.path("accesses").forEach(a -> lines.add(a.path("recipient").asText() + " | " + a.path("caregiver").asText()));
            assertThat(lines).containsExactlyInAnyOrder(
                    "Maria (daughter) | Maria's caregiver copy",
                    "Maria (daughter) | Maria's caregiver copy",
                    PHARMACIST + " | shared by Maria");

            ok(dad, "caregiver", "revoke", "Maria");
            Run refused = run(maria, "--profile", "Dad", "dependent", "refresh");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.out() + refused.err()).contains("Dad ended your delegation");
            Run pharmacistAgain = run(dir.resolve("pharmacist"), "open-link", link, "--recipient", PHARMACIST);
            assertThat(pharmacistAgain.code()).isEqualTo(1);
            assertThat(pharmacistAgain.err()).contains("no longer works");
            assertThat(pharmacistAgain.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /** The bundle in two files, each with the Patient: the first {@code first} entries, then the rest. */
    private Path[] split(Path bundle, int first) throws Exception {
        JsonNode root = JSON.readTree(bundle.toFile());
        ArrayNode entries = (ArrayNode) root.path("entry");
        JsonNode patient = null;
        for (JsonNode e : entries) {
            if (e.path("resource").path("resourceType").asText().equals("Patient")) {
                patient = e;
            }
        }
        ArrayNode a = JSON.createArrayNode();
        ArrayNode b = JSON.createArrayNode();
        b.add(patient);
        for (int i = 0; i < entries.size(); i++) {
            if (i < first) {
                a.add(entries.get(i));
            } else if (entries.get(i) != patient) {
                b.add(entries.get(i));
            }
        }
        Path[] out = {dir.resolve("dad-1.json"), dir.resolve("dad-2.json")};
        for (int i = 0; i < 2; i++) {
            ObjectNode part = ((ObjectNode) root).deepCopy();
            part.set("entry", i == 0 ? a : b);
            Files.writeString(out[i], JSON.writeValueAsString(part));
        }
        return out;
    }

    /** Record count per resource type and the content hashes, of a list of records. */
    private static Map<String, Object> summary(List<StoredRecord> records) {
        Map<String, Object> s = new TreeMap<>();
        s.put("byType", records.stream().collect(Collectors.groupingBy(r -> r.resource().resourceType(), TreeMap::new,
                Collectors.counting())));
        s.put("hashes", records.stream().map(r -> r.resource().contentHash()).sorted().toList());
        return s;
    }

    private static Map<String, Object> recordsOf(Path wallet) throws Exception {
        Profiles profiles = new Profiles(wallet);
        try (Vault vault = Vault.unlock(profiles.vaultFile(profiles.owner().orElseThrow()), PASSPHRASE.toCharArray())) {
            return summary(vault.records());
        }
    }

    private static Map<String, Object> copyOf(Path wallet) throws Exception {
        Profiles profiles = new Profiles(wallet);
        try (Vault vault = Vault.unlock(profiles.vaultFile(profiles.owner().orElseThrow()), PASSPHRASE.toCharArray())) {
            Family family = new Family(profiles, vault, TestWallet.LOW_COST_KDF, Clock.systemDefaultZone(), new SecureRandom(),
                    r -> false);
            Dependent dad = family.find("Dad").orElseThrow();
            try (Vault copy = family.open(dad)) {
                return summary(copy.records());
            }
        }
    }

    record Run(int code, String out, String err) {}

    private Run ok(Path wallet, String... args) throws Exception {
        Run run = run(wallet, args);
        assertThat(run.code()).as("`%s` failed: %s", String.join(" ", args), run.err()).isZero();
        return run;
    }

    /** The launcher in a JVM of its own, with this test's classpath, as a person's shell runs it. */
    private Run run(Path wallet, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                // The low-cost key derivation of these tests is refused outside tests (issue 12's floor).
                "-Dhealthwallet.test.cheapKdf=true", "-cp", System.getProperty("java.class.path"),
                "org.healthwallet.app.Main", "--wallet", wallet.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("`%s` finished", String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
