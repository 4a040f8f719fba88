package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary node that alters the access log entries it serves (a {@link LyingNode} in front of the
 * dev network's primary, rewriting {@code abci_query} answers for entry keys): {@code access-log}
 * exits non-zero with the reason, prints only the last verified log, and the next sync through an
 * honest node verifies the new entry.
 */
class AccessLogLyingNodeEndToEndTest {
    /** The access log entries' state key prefix, as hex in abci_query's data. */
    private static final String ENTRY_KEY = HexFormat.of().toHexDigits((byte) StateKey.ACCESS_LOG_ENTRY);

    @TempDir
    Path dir;

    @Test
    void alteredEntriesAreRefusedAndTheLastVerifiedLogKept() throws Exception {
        TestWallet wallet = TestWallet.withJorge(dir.resolve("wallet"));
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(wallet.devnetDir()))) {
            String link = wallet.shareCreate("--categories", "allergies", "--label", "Allergies").link();
            wallet.openLink(link, "Dr. Ada Osei");
            wallet.openLink(link, "Dr. Ben Ruiz");
            Run good = wallet.succeeds("access-log", "--format", "json");
            assertThat(new ObjectMapper().readTree(good.out()).path("accesses")).hasSize(2);

            wallet.openLink(link, "Dr. Chen Li");

            // Flips a bit of every access log entry value the primary answers.
            AtomicInteger altered = new AtomicInteger();
            try (LyingNode lying = LyingNode.inFrontOf(net.config().primary(), LyingNode.Rewrite.abciQuery(ENTRY_KEY,
                    (call, answer) -> {
                        byte[] value = Base64.getDecoder().decode(LyingNode.valueOf(answer));
                        if (value.length == 0) {
                            return answer;
                        }
                        value[value.length - 1] ^= 1;
                        altered.incrementAndGet();
                        return LyingNode.withValue(answer, v -> Base64.getEncoder().encodeToString(value));
                    }))) {
                Path lyingConfig = lying.consortiumFile(net.configFile(), dir.resolve("lying-consortium.json"));

                Run lied = wallet.cli("access-log", "--format", "json", "--consortium", lyingConfig.toString());
                assertThat(altered.get()).as("the proxy altered an entry").isPositive();
                assertThat(lied.code()).isNotZero();
                assertThat(lied.err()).contains("Access log not verified").contains("HealthWallet did not use it");
                JsonNode json = new ObjectMapper().readTree(lied.out());
                assertThat(json.path("status").asText()).isNotEqualTo("verified");
                assertThat(json.path("accesses")).extracting(a -> a.path("recipient").asText())
                        .containsExactly("Dr. Ben Ruiz", "Dr. Ada Osei");
            }

            Run honest = wallet.succeeds("access-log", "--format", "json");
            JsonNode after = new ObjectMapper().readTree(honest.out());
            assertThat(after.path("new").asInt()).isEqualTo(1);
            assertThat(after.path("accesses")).extracting(a -> a.path("recipient").asText())
                    .containsExactly("Dr. Chen Li", "Dr. Ben Ruiz", "Dr. Ada Osei");
        }
    }
}
