package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.share.PatientSigner;
import org.healthwallet.core.share.RpcGrantLedger;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.Shares;
import org.healthwallet.core.share.ShlReceiver;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.state.SignerNonce;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.healthwallet.node.relay.RelayOptions;
import org.healthwallet.node.relay.RelayRegistration;
import org.healthwallet.node.relay.RelayServer;
import org.healthwallet.node.relay.RelayTuning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a relay whose primary node lies (a {@link LyingNode} in front of the dev network's
 * primary; the witnesses are the honest validators) serves nothing it has not proven. The patient's
 * wallet talks to the honest node; only the relay is fooled at, and a doctor opens the link.
 * <ul>
 *   <li>A fabricated broadcast answer and nonce: the lying node answers {@code broadcast_tx_sync}
 *       with code 0 without passing it on, and then says the relay's nonce moved past the record
 *       (with the old proof). The doctor gets nothing; the relay's log names the node and the
 *       proof check.</li>
 *   <li>A replayed pre-revocation proof: the grant and revocation answers (and {@code /status})
 *       from before the patient revoked on the ledger are replayed, each proof valid against an old,
 *       really signed header. The doctor gets nothing; the relay's log names the node, the witness
 *       and the freshness check.</li>
 * </ul>
 */
class RelayLyingNodeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NONCE_KEY = HexFormat.of().toHexDigits((byte) StateKey.NONCE);
    private static final String GRANT_KEY = HexFormat.of().toHexDigits((byte) StateKey.GRANT);
    private static final String REVOCATION_KEY = HexFormat.of().toHexDigits((byte) StateKey.REVOCATION);

    private enum Lie { NONE, FABRICATE_RECORD, REPLAY_OLD_GRANT }

    @TempDir
    Path dir;

    private final AtomicReference<Lie> lie = new AtomicReference<>(Lie.NONE);
    private final AtomicInteger fabricated = new AtomicInteger();
    private final AtomicInteger lies = new AtomicInteger();
    /** Set once the answers to replay are kept: later honest answers do not replace them. */
    private volatile boolean frozen;
    /** The last honest answer per kind ("grant", "revocation", "status"), for the replay. */
    private final Map<String, byte[]> kept = new ConcurrentHashMap<>();
    private final List<String> relayLog = new CopyOnWriteArrayList<>();
    private final Logger relayLogger = Logger.getLogger("org.healthwallet.node.relay");
    private final Handler collect = new Handler() {
        @Override
        public void publish(LogRecord r) {
            relayLog.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private TestWallet wallet;
    private EmbeddedConsortium net;
    private LyingNode lying;
    private RelayServer relay;
    private Path walletConsortium;

    @BeforeEach
    void aRelayBehindALyingNode() throws Exception {
        relayLogger.addHandler(collect);
        wallet = TestWallet.withJorge(dir.resolve("wallet"));
        net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(wallet.devnetDir()));
        lying = LyingNode.inFrontOf(net.config().primary(), this::intercept, this::rewrite);
        ConsortiumConfig honest = net.config();
        // Grants are read afresh on every access, so each access meets the lying node's answers.
        RelayTuning tuning = RelayTuning.DEFAULT.withGrantCache(Duration.ofMillis(1), Duration.ofMillis(1))
                .withLedger(10, Duration.ofMillis(5), Duration.ofSeconds(5));
        relay = RelayServer.start(RelayOptions.loopback(dir.resolve("relay"), 0).withTuning(tuning),
                new ConsortiumConfig(honest.checkpoint(), lying.url(), honest.witnesses(), Optional.empty()));
        RelayRegistration.admitWithOperatorKeys(relay, net.network().chainId(), net.network().operatorKeys());
        walletConsortium = dir.resolve("consortium-with-this-relay.json");
        honest.withRelay(relay.url()).write(walletConsortium);
    }

    @AfterEach
    void stop() {
        relayLogger.removeHandler(collect);
        if (relay != null) relay.close();
        if (lying != null) lying.close();
        if (net != null) net.close();
    }

    @Test
    void aFabricatedBroadcastAnswerAndNonceGetNothingServed() throws Exception {
        String link = share();
        assertThat(ShlReceiver.create().open(link, "Dr. Ada Osei", Optional.empty()).files()).as("honest opening").isNotEmpty();

        lie.set(Lie.FABRICATE_RECORD);
        relayLog.clear();
        assertThatThrownBy(() -> ShlReceiver.create().open(link, "Dr. Ben Ruiz", Optional.empty()))
                .isInstanceOf(ShareException.class);
        assertThat(fabricated.get()).as("broadcasts the lying node answered itself").isPositive();
        assertThat(lies.get()).as("nonce answers the lying node made up").isPositive();
        assertThat(relayLog).as("the relay's log").anySatisfy(line -> assertThat(line)
                .contains("could not be confirmed").contains("The ledger node " + lying.url())
                .contains("the proof it sent does not match block").contains("[check: PROOF_HOLDS]"));

        // The same relay, through an honest answer again, serves and logs on the ledger.
        lie.set(Lie.NONE);
        assertThat(ShlReceiver.create().open(link, "Dr. Chen Li", Optional.empty()).files()).isNotEmpty();
    }

    @Test
    void aReplayedPreRevocationProofGetsNothingServed() throws Exception {
        String link = share();
        assertThat(ShlReceiver.create().open(link, "Dr. Ada Osei", Optional.empty()).files()).as("honest opening").isNotEmpty();
        frozen = true;
        assertThat(kept).containsKeys("grant", "revocation", "status");
        long keptAt = Math.max(height(kept.get("grant")), JSON.readTree(kept.get("status")).path("result")
                .path("sync_info").path("latest_block_height").asLong());

        revokeOnTheLedgerOnly();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (net.network().height() < keptAt + 6 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(net.network().height()).isGreaterThanOrEqualTo(keptAt + 6);

        lie.set(Lie.REPLAY_OLD_GRANT);
        relayLog.clear();
        assertThatThrownBy(() -> ShlReceiver.create().open(link, "Dr. Ben Ruiz", Optional.empty()))
                .isInstanceOf(ShareException.class);
        assertThat(lies.get()).as("grant answers the lying node replayed").isPositive();
        assertThat(relayLog).as("the relay's log").anySatisfy(line -> assertThat(line)
                .contains("not served").contains("The ledger node " + lying.url()).contains("a stale answer")
                .contains("(witness ").contains("refused by the freshness check").contains("[check: FRESH]"));
    }

    /** A share made with the command line, on the honest node, to this test's relay. */
    private String share() {
        return wallet.shareCreate("--categories", "allergies", "--label", "Allergies", "--consortium",
                walletConsortium.toString()).link();
    }

    /**
     * The patient revokes on the ledger, through the honest node, while the relay still holds the
     * files; with the consortium file the wallet shared under (the wallet pins it at first use).
     */
    private void revokeOnTheLedgerOnly() throws Exception {
        try (Vault vault = wallet.unlock();
             ConsortiumSource source = ConsortiumSource.file(walletConsortium);
             ProfileLedger ledger = ProfileLedger.open(wallet.dir(), source, vault.ledgerSeal())) {
            List<org.healthwallet.core.share.Share> made = new Shares(vault).list();
            assertThat(made).as("this test's wallet made one share").hasSize(1);
            Digest grantId = made.get(0).grantId();
            RpcGrantLedger.of(ledger.connection(), PatientSigner.of(vault)).revoke(new GrantRevoked(grantId));
        }
    }

    private Optional<byte[]> intercept(JsonNode call) {
        if (lie.get() == Lie.FABRICATE_RECORD && "broadcast_tx_sync".equals(call.path("method").asText())) {
            fabricated.incrementAndGet();
            return Optional.of(("{\"jsonrpc\":\"2.0\",\"id\":" + call.path("id") + ",\"result\":{\"code\":0,\"data\":\"\","
                    + "\"log\":\"\",\"codespace\":\"\",\"hash\":\"" + "AB".repeat(32) + "\"}}").getBytes());
        }
        return Optional.empty();
    }

    private byte[] rewrite(JsonNode call, byte[] answer) throws java.io.IOException {
        String method = call.path("method").asText();
        String key = call.path("params").path("data").asText();
        String kind = "status".equals(method) ? "status" : !"abci_query".equals(method) ? ""
                : key.startsWith(GRANT_KEY) ? "grant" : key.startsWith(REVOCATION_KEY) ? "revocation"
                : key.startsWith(NONCE_KEY) ? "nonce" : "";
        switch (lie.get()) {
            case NONE -> {
                if (!kind.isEmpty() && !frozen) {
                    kept.put(kind, answer);
                }
                return answer;
            }
            case FABRICATE_RECORD -> {
                if (!"nonce".equals(kind) || fabricated.get() == 0) {
                    return answer;
                }
                lies.incrementAndGet();
                // The nonce moved past every record the lying node swallowed; the proof is the honest one.
                return LyingNode.withValue(answer, value -> {
                    try {
                        long real = value.isEmpty() ? 0 : SignerNonce.decode(Base64.getDecoder().decode(value)).last();
                        return Base64.getEncoder().encodeToString(new SignerNonce(real + fabricated.get()).encode());
                    } catch (org.healthwallet.ledger.tx.DecodeException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            default -> {
                if (!"grant".equals(kind) && !"revocation".equals(kind) && !"status".equals(kind)) {
                    return answer;
                }
                lies.incrementAndGet();
                return "status".equals(kind) ? kept.get(kind) : LyingNode.withIdOf(call, kept.get(kind));
            }
        }
    }

    private static long height(byte[] abciQueryAnswer) throws java.io.IOException {
        return JSON.readTree(abciQueryAnswer).path("result").path("response").path("height").asLong();
    }
}
