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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.healthwallet.node.devnet.Misbehaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary node that lies about the access log's HEAD (a {@link LyingNode} in front of the dev
 * network's primary): it serves an older head with the current proof (the proof fails), replays an
 * old proven answer (refused as stale: older than the newest height the nodes report), and finally serves a conflicting chain
 * that the witnesses disagree with. Each time {@code access-log} exits non-zero, says which check
 * failed and names the primary (and the witness), and prints only the last verified log; the next
 * sync through the honest primary verifies the access that was hidden.
 */
class AccessLogLyingHeadEndToEndTest {
    /** The access log head's state key prefix, as hex in abci_query's data. */
    private static final String HEAD_KEY = HexFormat.of().toHexDigits((byte) StateKey.ACCESS_LOG_HEAD);

    private enum Lie { NONE, OLD_VALUE_NEW_PROOF, REPLAY_OLD_ANSWER }

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPrimaryLyingAboutTheHeadIsCaughtNamedAndTheLastVerifiedLogKept() throws Exception {
        TestWallet wallet = TestWallet.withJorge(dir.resolve("wallet"));
        AtomicReference<Lie> lie = new AtomicReference<>(Lie.NONE);
        List<byte[]> headAnswers = new CopyOnWriteArrayList<>();
        AtomicInteger lies = new AtomicInteger();
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(wallet.devnetDir()));
             LyingNode lying = LyingNode.inFrontOf(net.config().primary(),
                     LyingNode.Rewrite.abciQuery(HEAD_KEY, (call, answer) -> headLie(lie.get(), answer, headAnswers, lies)))) {
            URI primary = lying.url();
            String consortium = lying.consortiumFile(net.configFile(), dir.resolve("proxied-consortium.json")).toString();

            String link = wallet.shareCreate("--categories", "allergies", "--label", "Allergies").link();
            wallet.openLink(link, "Dr. Ada Osei");
            Run one = wallet.succeeds("access-log", "--format", "json", "--consortium", consortium);
            assertThat(recipients(one)).containsExactly("Dr. Ada Osei");
            byte[] oneEntryAnswer = headAnswers.get(headAnswers.size() - 1);
            wallet.openLink(link, "Dr. Ben Ruiz");
            Run two = wallet.succeeds("access-log", "--format", "json", "--consortium", consortium);
            assertThat(recipients(two)).containsExactly("Dr. Ben Ruiz", "Dr. Ada Osei");
            headAnswers.clear();
            headAnswers.add(oneEntryAnswer);

            // The third access is what the lying primary hides.
            wallet.openLink(link, "Dr. Chen Li");

            // 1. The head of the one-entry log with the current proof: the proof does not match the verified header.
            lie.set(Lie.OLD_VALUE_NEW_PROOF);
            Run forged = wallet.cli("access-log", "--format", "json", "--consortium", consortium);
            assertThat(lies.get()).as("the proxy lied").isPositive();
            assertThat(forged.code()).isEqualTo(1);
            assertThat(forged.err()).contains("Access log not verified").contains("The access log's head could not be verified")
                    .contains("The ledger node " + primary).contains("the proof it sent does not match block")
                    .contains("whose header the light client verified").contains("HealthWallet did not use it");
            assertUnverifiedWithTheLastVerifiedLog(forged);

            // 2. The whole proven answer from when the log had one entry, replayed: older than what the wallet verified.
            lie.set(Lie.REPLAY_OLD_ANSWER);
            lies.set(0);
            Run replayed = wallet.cli("access-log", "--format", "json", "--consortium", consortium);
            assertThat(lies.get()).as("the proxy replayed").isPositive();
            assertThat(replayed.code()).isEqualTo(1);
            // The freshness check of the proven read refuses it before the wallet compares it with its own log.
            assertThat(replayed.err()).contains("Access log not verified").contains("The ledger node " + primary)
                    .contains("a stale answer").contains("refused by the freshness check");
            assertUnverifiedWithTheLastVerifiedLog(replayed);

            // 3. The primary serves a conflicting chain that every validator signed: only a witness can tell.
            lie.set(Lie.NONE);
            net.network().node(0).misbehave(Misbehaviour.allValidators(net.network().height() + 1));
            Run forked = wallet.cli("access-log", "--format", "json", "--consortium", consortium);
            assertThat(forked.code()).isEqualTo(1);
            assertThat(forked.err()).contains("Access log not verified").contains("The light client refused block")
                    .contains("The ledger node " + primary + "/ and the witness ").contains("show different blocks")
                    .contains("This is an attack on the light client");
            assertThat(net.config().witnesses()).anySatisfy(w -> assertThat(forked.err()).contains("witness " + w));
            assertUnverifiedWithTheLastVerifiedLog(forked);
            net.network().node(0).behave();

            // Through the honest primary (not the caught one), the hidden access is verified.
            Run honest = wallet.succeeds("access-log", "--format", "json");
            JsonNode after = json.readTree(honest.out());
            assertThat(after.path("status").asText()).isEqualTo("verified");
            assertThat(after.path("new").asInt()).isEqualTo(1);
            assertThat(recipients(honest)).containsExactly("Dr. Chen Li", "Dr. Ben Ruiz", "Dr. Ada Osei");
        }
    }

    /**
     * Keeps every head answer passed on while honest; when lying, answers with the oldest kept
     * head's value under the current proof, or with the oldest kept answer as it was.
     */
    private static byte[] headLie(Lie now, byte[] answer, List<byte[]> headAnswers, AtomicInteger lies) throws IOException {
        switch (now) {
            case NONE -> {
                headAnswers.add(answer);
                return answer;
            }
            case REPLAY_OLD_ANSWER -> {
                lies.incrementAndGet();
                return headAnswers.get(0);
            }
            default -> {
                String old = LyingNode.valueOf(headAnswers.get(0));
                lies.incrementAndGet();
                return LyingNode.withValue(answer, value -> old);
            }
        }
    }

    private List<String> recipients(Run run) throws IOException {
        List<String> names = new ArrayList<>();
        json.readTree(run.out()).path("accesses").forEach(a -> names.add(a.path("recipient").asText()));
        return names;
    }

    private void assertUnverifiedWithTheLastVerifiedLog(Run run) throws IOException {
        JsonNode out = json.readTree(run.out());
        assertThat(out.path("status").asText()).isEqualTo("unverified");
        assertThat(recipients(run)).containsExactly("Dr. Ben Ruiz", "Dr. Ada Osei");
    }
}
