package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.healthwallet.app.cli.Cli;
import org.healthwallet.e2e.TestWallet.CreatedShare;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's acceptance on the embedded dev network, with the command line: the patient makes two
 * shares, three doctors open them, and {@code access-log --format json} shows the three accesses,
 * newest first, with the doctors' names, the shares' labels and the times, all verified, each served
 * by the dev network's relay named by its address on the ledger; a second
 * run fetches nothing new and {@code --since} filters.
 */
class AccessLogEndToEndTest {
    @TempDir
    Path dir;

    private TestWallet wallet;

    private CreatedShare share(String categories, String label) {
        return wallet.shareCreate("--categories", categories, "--expires", "1h", "--label", label);
    }

    /** The doctor opens the link; returns the time window (seconds) around it. */
    private Instant[] open(CreatedShare share, String doctor) {
        Instant before = Instant.now();
        wallet.openLink(share.link(), doctor);
        return new Instant[] {before, Instant.now()};
    }

    @Test
    void threeDoctorsOpenTwoSharesAndTheLogShowsThemVerified() throws Exception {
        wallet = TestWallet.withJorge(dir.resolve("wallet"));
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(wallet.devnetDir()))) {
            Run empty = wallet.cli("access-log");
            assertThat(empty.code()).as(empty.err()).isZero();
            assertThat(empty.out()).contains("Nobody opened your shares yet.");

            CreatedShare allergies = share("allergies", "Allergies for the clinic");
            CreatedShare vaccines = share("immunizations", "Vaccines for school");
            Instant[] ada = open(allergies, "Dr. Ada Osei, City Clinic");
            Instant[] ben = open(vaccines, "Dr. Ben Ruiz");
            Instant[] chen = open(vaccines, "Nurse Chen Li, School");

            Run log = wallet.cli("access-log", "--format", "json");
            assertThat(log.code()).as(log.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(log.out());
            assertThat(json.path("status").asText()).isEqualTo("verified");
            assertThat(json.path("new").asInt()).isEqualTo(3);
            JsonNode accesses = json.path("accesses");
            assertThat(accesses).hasSize(3);
            // Newest first.
            assertAccess(accesses.get(0), "Nurse Chen Li, School", vaccines, "Vaccines for school", chen);
            assertAccess(accesses.get(1), "Dr. Ben Ruiz", vaccines, "Vaccines for school", ben);
            assertAccess(accesses.get(2), "Dr. Ada Osei, City Clinic", allergies, "Allergies for the clinic", ada);
            long provenAt = json.path("provenAtHeight").asLong();
            // The relay as the ledger admitted it: the address the dev network wrote into its consortium file.
            URI relayUrl = ConsortiumConfig.read(net.configFile()).relay().orElseThrow();
            String relayKey = net.relay().orElseThrow().relayKey().hex();
            for (JsonNode a : accesses) {
                assertThat(a.path("verified").asBoolean()).isTrue();
                assertThat(a.path("provenAtHeight").asLong()).isEqualTo(provenAt);
                assertThat(a.path("recordedAtHeight").asLong()).isPositive().isLessThan(provenAt);
                assertThat(a.path("relay").asText()).isEqualTo(relayKey);
                assertThat(a.path("relayUrl").asText()).isEqualTo(relayUrl.toString());
                assertThat(a.path("files")).isNotEmpty();
            }
            Run table = wallet.cli("access-log");
            assertThat(table.code()).as(table.err()).isZero();
            assertThat(table.out().lines().filter(l -> l.contains("via " + relayUrl.getHost() + ":" + relayUrl.getPort() + " ")))
                    .as(table.out()).hasSize(3);

            // The next run has nothing new to fetch and still shows all three.
            JsonNode again = new ObjectMapper().readTree(wallet.cli("access-log", "--format", "json").out());
            assertThat(again.path("status").asText()).isEqualTo("verified");
            assertThat(again.path("new").asInt()).isZero();
            assertThat(again.path("accesses")).hasSize(3);

            Run csv = wallet.cli("access-log", "--format", "csv");
            assertThat(csv.code()).as(csv.err()).isZero();
            assertThat(csv.out().lines()).hasSize(4);
            assertThat(csv.out()).contains("\"Dr. Ada Osei, City Clinic\"").contains("," + relayKey + "," + relayUrl + ",");

            Run tomorrow = wallet.cli("access-log", "--since", Instant.now().plusSeconds(86_400).toString().substring(0, 10));
            assertThat(tomorrow.code()).as(tomorrow.err()).isZero();
            assertThat(tomorrow.out()).contains("Nobody opened your shares since");

            Run bad = wallet.cli("access-log", "--since", "yesterday");
            assertThat(bad.code()).isEqualTo(Cli.EXIT_USAGE);
            assertThat(bad.err()).contains("not a date");

            assertThat(wallet.cli("share", "list").out()).containsPattern(vaccines.id() + "\\s+active\\s+opened 2\\b")
                    .containsPattern(allergies.id() + "\\s+active\\s+opened 1\\b");
        }
    }

    private static void assertAccess(JsonNode a, String recipient, CreatedShare share, String label, Instant[] window) {
        assertThat(a.path("recipient").asText()).isEqualTo(recipient);
        assertThat(a.path("share").asText()).isEqualTo(share.id());
        assertThat(a.path("shareLabel").asText()).isEqualTo(label);
        Instant at = Instant.parse(a.path("time").asText());
        // The relay's clock, in whole seconds.
        assertThat(at).isBetween(window[0].minusSeconds(1), window[1].plusSeconds(1));
    }
}
