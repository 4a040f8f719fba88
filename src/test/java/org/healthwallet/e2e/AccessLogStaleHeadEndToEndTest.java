package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, a log head from an old height: a primary (a {@link LyingNode} in front of the dev
 * network's primary) that, after a new access, answers the access-log head query and {@code
 * /status} as it did before it. The replayed head is exactly the one the wallet verified last
 * time, with its valid proof against a really signed header, so only freshness can tell: the
 * witnesses report a newer height, and {@code access-log} exits non-zero, says the log is not
 * verified, and names the node, the witness and the freshness check. Through the honest node the
 * hidden access is then verified.
 */
class AccessLogStaleHeadEndToEndTest {
    private static final String HEAD_KEY = HexFormat.of().toHexDigits((byte) StateKey.ACCESS_LOG_HEAD);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aHeadReplayedFromAnOldHeightIsRefusedAsStaleNamingTheNodeAndTheWitness() throws Exception {
        TestWallet wallet = TestWallet.withJorge(dir.resolve("wallet"));
        AtomicBoolean replay = new AtomicBoolean(false);
        AtomicReference<byte[]> lastHead = new AtomicReference<>();
        AtomicReference<byte[]> lastStatus = new AtomicReference<>();
        AtomicInteger replayed = new AtomicInteger();
        LyingNode.Rewrite oldHeight = (call, answer) -> {
            boolean head = "abci_query".equals(call.path("method").asText())
                    && call.path("params").path("data").asText().startsWith(HEAD_KEY);
            boolean status = "status".equals(call.path("method").asText());
            if (!head && !status) {
                return answer;
            }
            AtomicReference<byte[]> kept = head ? lastHead : lastStatus;
            if (!replay.get()) {
                kept.set(answer);
                return answer;
            }
            replayed.incrementAndGet();
            return head ? LyingNode.withIdOf(call, kept.get()) : kept.get();
        };
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(wallet.devnetDir()));
             LyingNode lying = LyingNode.inFrontOf(net.config().primary(), oldHeight)) {
            URI primary = lying.url();
            String consortium = lying.consortiumFile(net.configFile(), dir.resolve("proxied-consortium.json")).toString();

            String link = wallet.shareCreate("--categories", "allergies", "--label", "Allergies").link();
            wallet.openLink(link, "Dr. Ada Osei");
            Run before = wallet.succeeds("access-log", "--format", "json", "--consortium", consortium);
            assertThat(recipients(before)).containsExactly("Dr. Ada Osei");
            long headHeight = json.readTree(lastHead.get()).path("result").path("response").path("height").asLong();
            assertThat(headHeight).as("the head answer the lying node kept").isPositive();

            // A new access, and the ledger moves on well past the lag the freshness check allows.
            wallet.openLink(link, "Dr. Ben Ruiz");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (net.network().height() < headHeight + 6 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(net.network().height()).as("the ledger's height").isGreaterThanOrEqualTo(headHeight + 6);

            replay.set(true);
            Run stale = wallet.cli("access-log", "--format", "json", "--consortium", consortium);
            assertThat(replayed.get()).as("the lying node replayed the old head").isPositive();
            assertThat(stale.code()).as(stale.err()).isNotZero();
            assertThat(stale.err()).contains("Access log not verified").contains("The ledger node " + primary)
                    .contains("answered from height " + headHeight).contains("a stale answer")
                    .contains("refused by the freshness check").contains("(witness ");
            assertThat(net.config().witnesses()).anySatisfy(w -> assertThat(stale.err()).contains(w.toString().replaceAll("/$", "")));
            JsonNode out = json.readTree(stale.out());
            assertThat(out.path("status").asText()).isEqualTo("unverified");
            assertThat(recipients(stale)).containsExactly("Dr. Ada Osei");

            // Through the honest node, the access the replay hid is verified.
            Run honest = wallet.succeeds("access-log", "--format", "json");
            assertThat(json.readTree(honest.out()).path("status").asText()).isEqualTo("verified");
            assertThat(recipients(honest)).containsExactly("Dr. Ben Ruiz", "Dr. Ada Osei");
        }
    }

    private List<String> recipients(Run run) throws IOException {
        List<String> names = new ArrayList<>();
        json.readTree(run.out()).path("accesses").forEach(a -> names.add(a.path("recipient").asText()));
        return names;
    }
}
