package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.healthwallet.app.cli.Cli;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's parent and child, with the command line on the embedded dev network: the parent adds
 * a child, imports the child's records (Synthea's Lorenzo Barela, born 2022) into the child's own
 * wallet, shares the immunizations with the school nurse, the nurse opens the link, and the child's
 * access log shows the access verified and marked as shared by the parent. The parent's own wallet
 * is untouched by all of it.
 */
class CaregiverChildEndToEndTest {
    static final String CHILD_FILE = "synthea-3.3.0/Lorenzo669_Barela183_b0db19cc-466a-711f-3020-830bfebb2ae4.json";
    private static final String NURSE = "School nurse, Hill Primary";

    @TempDir
    Path dir;

    @Test
    void aParentAddsAChildSharesTheImmunizationsAndTheChildsLogShowsTheNursesAccess() throws Exception {
        TestWallet parent = TestWallet.withJorge(dir.resolve("parent"));
        int parentRecords;
        try (var vault = parent.unlock()) {
            parentRecords = vault.records().size();
        }
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(parent.devnetDir()))) {
            Run added = parent.succeeds("dependent", "add-child", "--name", "Lorenzo", "--born", "2022-10-29");
            assertThat(added.out()).contains("Added Lorenzo's wallet").contains("child, 4 years");

            Run imported = parent.succeeds("--profile", "Lorenzo", "import", SharedTestData.fhir(CHILD_FILE).toString());
            assertThat(imported.out()).contains("Imported");
            assertThat(parent.succeeds("records", "count", "--profile", "Lorenzo").out())
                    .as("the child's records are in the child's wallet").doesNotContain(" " + parentRecords + " ");

            TestWallet.CreatedShare share = parent.shareCreate("--profile", "Lorenzo", "--categories", "immunizations",
                    "--label", "For the school nurse");
            Path received = parent.openLink(share.link(), NURSE);
            List<FhirResource> got = new FhirReader().read(received, ImportProgress.NONE).get(0).resources();
            List<FhirResource> lorenzo = new FhirReader().read(SharedTestData.fhir(CHILD_FILE), ImportProgress.NONE).get(0)
                    .resources();
            Set<String> expected = FiledRecords.of(lorenzo).idsIn(Set.of(Category.IMMUNIZATIONS));
            assertThat(expected).isNotEmpty();
            assertThat(FiledRecords.of(got).idsIn(Set.of(Category.IMMUNIZATIONS))).isEqualTo(expected);
            assertThat(got.stream().filter(r -> r.resourceType().equals("Patient")).findFirst().orElseThrow().json())
                    .as("the share is the child's, not the parent's").contains("Lorenzo").doesNotContain("Jorge");

            Run log = parent.succeeds("--profile", "Lorenzo", "access-log", "--format", "json");
            JsonNode root = new ObjectMapper().readTree(log.out());
            assertThat(root.path("status").asText()).isEqualTo("verified");
            assertThat(root.path("accesses")).hasSize(1);
            JsonNode access = root.path("accesses").get(0);
            assertThat(access.path("recipient").asText()).isEqualTo(NURSE);
            assertThat(access.path("verified").asBoolean()).isTrue();
            assertThat(access.path("caregiver").asText()).isEqualTo("shared by you, as caregiver");
            Run table = parent.succeeds("--profile", "Lorenzo", "access-log");
            assertThat(table.out()).contains(NURSE).contains("(shared by you, as caregiver)");

            Run ownLog = parent.succeeds("access-log", "--format", "json");
            assertThat(new ObjectMapper().readTree(ownLog.out()).path("accesses")).as("the parent's own log").isEmpty();
            try (var vault = parent.unlock()) {
                assertThat(vault.records()).hasSize(parentRecords);
            }
            Run listed = parent.succeeds("dependent", "list");
            assertThat(listed.out()).contains("Lorenzo  (child, 4 years)");

            Run unknown = parent.cli("--profile", "Nobody", "records", "count");
            assertThat(unknown.code()).isEqualTo(Cli.EXIT_FAILED);
            assertThat(unknown.err()).contains("There is no dependent named 'Nobody'");
        }
    }

    /** The parent's backup carries the child's wallet: restored with the parent's phrase alone. */
    @Test
    void aParentsBackupAndRestoreBringBackTheChildsWallet() throws Exception {
        TestWallet parent = TestWallet.empty(dir.resolve("parent"));
        Run init = parent.succeeds("init");
        java.util.regex.Matcher word = java.util.regex.Pattern.compile("(\\d+)\\. ([a-z]+)").matcher(init.out());
        String[] words = new String[24];
        while (word.find()) {
            words[Integer.parseInt(word.group(1)) - 1] = word.group(2);
        }
        String phrase = String.join(" ", words);
        assertThat(phrase).doesNotContain("null");
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(parent.devnetDir()))) {
            parent.succeeds("dependent", "add-child", "--name", "Lorenzo", "--born", "2022-10-29");
        }
        parent.succeeds("--profile", "Lorenzo", "import", SharedTestData.fhir(CHILD_FILE).toString());
        String counted = parent.succeeds("--profile", "Lorenzo", "records", "count").out();
        Path backup = dir.resolve("family.hwbackup");
        parent.succeeds("backup", "--out", backup.toString());

        TestWallet restored = TestWallet.empty(dir.resolve("restored"));
        Run back = restored.cli(java.util.Map.of("HEALTHWALLET_RECOVERY_PHRASE", phrase,
                "HEALTHWALLET_NEW_PASSPHRASE", TestWallet.PASSPHRASE), "restore", "--backup", backup.toString());
        assertThat(back.code()).as(back.err()).isZero();
        assertThat(restored.succeeds("dependent", "list", "--offline").out()).contains("Lorenzo  (child, 4 years)");
        assertThat(restored.succeeds("--profile", "Lorenzo", "records", "count").out()).isEqualTo(counted);
    }
}
