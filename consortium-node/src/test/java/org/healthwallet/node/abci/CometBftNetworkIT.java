package org.healthwallet.node.abci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.HttpProvider;
import org.healthwallet.ledger.client.LightClient;
import org.healthwallet.ledger.client.ProviderException;
import org.healthwallet.ledger.client.SyncResult;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.CommitResult;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.AnchorRecord;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.healthwallet.ledger.tx.RecordAnchored;
import org.healthwallet.ledger.tx.RelayApproval;
import org.healthwallet.ledger.tx.RelayRegistered;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.healthwallet.node.TestSeal;
import org.healthwallet.node.ledger.TxCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Four real CometBFT v0.38 validators on loopback ({@link CometBftTestnet}), each with one of our ABCI servers (in this JVM,
 * own data folder). Transactions go in through CometBFT's RPC; state comes back through
 * {@code abci_query} with proofs checked against the app hash of a header whose commit is verified
 * with the light client's verifier. The wallet's {@code LightClient} (node 0 primary, node 1 witness,
 * skipping and sequential) syncs from a checkpoint and proves state against headers it verified.
 * Then validators are stopped: with one down the chain goes on, with two down it halts, and it
 * resumes when they return (one after a crash, one with its ledger deleted so that CometBFT replays
 * every block into it); the light client then verifies the commits with absent signatures.
 * Needs cometbft v0.38 (built with Go when missing). Logs: target/cometbft-it/run-…/nodeN.log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CometBftNetworkIT {

    private final SigningKey patient = key("it-patient");
    private final SigningKey relay = key("it-relay");
    private final SigningKey stranger = key("it-stranger");
    private final SigningKey provider = key("it-provider");
    private final List<SigningKey> operators = List.of(key("it-op-1"), key("it-op-2"), key("it-op-3"), key("it-op-4"));
    private final Digest share = Digest.sha256("it-share".getBytes());
    private final String relayUrl = "http://127.0.0.1:8443";
    private final SigningKey lightClientProvider = key("it-lc-provider");

    private CometBftTestnet testnet;
    private LocalTestnet net;
    private String chain;
    /** The wallet's light client in both modes, kept from the first light client test to the last. */
    private MeasuredLightClient skipping;
    private MeasuredLightClient sequential;

    private static SigningKey key(String name) {
        return SigningKey.fromSeed(Arrays.copyOf(name.getBytes(), 32));
    }

    @BeforeAll
    void startNetwork() throws Exception {
        // Operators admit relays; the relay under test joins by a transaction, not by genesis.
        testnet = CometBftTestnet.start(Path.of("target", "cometbft-it"), 4, operators.stream().map(SigningKey::publicKey).toList());
        net = testnet.network();
        chain = net.chainId();
    }

    @AfterAll
    void stopNetwork() throws Exception {
        try {
            for (MeasuredLightClient client : new MeasuredLightClient[] {skipping, sequential}) {
                if (client != null) client.close();
            }
        } finally {
            if (testnet != null) testnet.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void fourValidatorsCommitBlocksOfOurApplication() throws Exception {
        JsonNode info = net.rpc(1).result("/abci_info", Duration.ofSeconds(5)).path("response");
        assertThat(info.path("data").asText()).isEqualTo("healthwallet");
        assertThat(info.path("last_block_height").asLong()).isGreaterThanOrEqualTo(1);
        LightBlock block = verifiedBlock(2, 2);
        assertThat(block.chainId()).isEqualTo(chain);
        assertThat(block.validatorSet().size()).isEqualTo(4);
    }

    @Test
    @Order(2)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void transactionsSentThroughCometBftAreExecutedAndReadBackWithVerifiedProofs() throws Exception {
        // A relay admitted by 3 of the 4 operators (more than two thirds).
        String url = relayUrl;
        List<RelayApproval> approvals = operators.subList(0, 3).stream()
                .map(op -> RelayApproval.sign(chain, op, relay.publicKey(), url)).toList();
        Transaction registration = Transaction.sign(chain, relay, 1, new RelayRegistered(relay.publicKey(), url, approvals));
        JsonNode registered = commitOk(0, registration);
        assertThat(registered.path("hash").asText()).isEqualToIgnoringCase(registration.hash().hex());

        commitOk(1, Transaction.sign(chain, patient, 1, new GrantIssued(share, patient.publicKey(), Digest.sha256("labs".getBytes()),
                Instant.now().getEpochSecond() + 3600, relay.publicKey(), TestSeal.sealTo(patient.publicKey()))));
        JsonNode first = commitOk(2, Transaction.sign(chain, relay, 2, access("Dr. Ana Souza")));
        awaitExecutedEverywhere(commitOk(3, Transaction.sign(chain, relay, 3, access("Dr. Bo Lee"))));
        assertThat(Base64.getDecoder().decode(first.path("tx_result").path("data").asText())).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);

        // Read the patient's access log from another node, each read proven against a verified header.
        AccessLogHead head = AccessLogHead.decode(provenValue(1, StateKey.accessLogHead(patient.publicKey())).orElseThrow());
        assertThat(head.length()).isEqualTo(2);
        AccessLogHead replay = AccessLogHead.EMPTY;
        for (long i = 0; i < head.length(); i++) {
            AccessEntry entry = AccessEntry.decode(provenValue(2, StateKey.accessLogEntry(patient.publicKey(), i)).orElseThrow());
            assertThat(entry.relay()).isEqualTo(relay.publicKey());
            // Only the patient's seal key opens who asked: the ledger holds the box, never the name.
            assertThat(TestSeal.recipient(chain, patient.publicKey(), entry)).isEqualTo(i == 0 ? "Dr. Ana Souza" : "Dr. Bo Lee");
            assertThat(new String(entry.encode(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Dr. ");
            replay = replay.append(entry);
        }
        assertThat(replay).isEqualTo(head);
        // Never revoked: proven by absence.
        assertThat(provenValue(3, StateKey.revocation(share))).isEmpty();

        // Refusals come back through CometBFT's RPC with our code and reason.
        JsonNode byStranger = net.rpc(0).broadcastTxCommit(Transaction.sign(chain, stranger, 1, new GrantRevoked(share)).encode());
        assertThat(byStranger.path("check_tx").path("code").asInt()).isEqualTo(TxCode.UNAUTHORIZED.code());
        assertThat(byStranger.path("check_tx").path("log").asText()).contains("Only the patient");
        byte[] forged = Transaction.sign(chain, patient, 2, new GrantRevoked(share)).encode();
        forged[forged.length - 1] ^= 1;
        JsonNode badSignature = net.rpc(0).broadcastTxCommit(forged);
        assertThat(badSignature.path("check_tx").path("code").asInt()).isEqualTo(TxCode.BAD_SIGNATURE.code());
        JsonNode malformed = net.rpc(0).broadcastTxCommit(new byte[] {1, 2, 3});
        assertThat(malformed.path("check_tx").path("code").asInt()).isEqualTo(TxCode.MALFORMED.code());

        awaitExecutedEverywhere(commitOk(0, Transaction.sign(chain, patient, 2, new GrantRevoked(share))));
        JsonNode late = net.rpc(1).broadcastTxCommit(Transaction.sign(chain, relay, 4, access("Dr. Late")).encode());
        assertThat(late.path("check_tx").path("code").asInt()).isEqualTo(TxCode.REVOKED.code());
        assertThat(provenValue(0, StateKey.revocation(share))).isPresent();
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theWalletsLightClientSyncsFromACheckpointAndVerifiesStateProofs() throws Exception {
        // The consortium's checkpoint: a low block of node 0, by the block hash its /commit names.
        long checkpointHeight = 2;
        Checkpoint checkpoint = testnet.checkpoint(checkpointHeight);
        Path stores = Files.createDirectories(net.dir().resolve("light-client"));
        skipping = MeasuredLightClient.open(checkpoint, net.rpcAddress(0), net.rpcAddress(1), LightClient.Mode.SKIPPING,
                stores.resolve("skipping.db"));
        sequential = MeasuredLightClient.open(checkpoint, net.rpcAddress(0), net.rpcAddress(1), LightClient.Mode.SEQUENTIAL,
                stores.resolve("sequential.db"));
        for (MeasuredLightClient client : List.of(skipping, sequential)) {
            long chainHeight = net.rpc(0).latestHeight();
            MeasuredLightClient.Sync sync = client.syncToLatest();
            LightBlock verified = synced(client, sync, "from the checkpoint");
            assertThat(verified.height()).isGreaterThanOrEqualTo(chainHeight);
            // Skipping needs only the checkpoint block and the newest (the set never changes); sequential every height.
            assertThat(sync.fetched()).hasSize(client == skipping ? 2 : (int) (verified.height() - checkpointHeight + 1));
        }

        // A height beyond the node's newest is "too high" (retry later), not a broken node, in real CometBFT's words.
        long beyond = net.rpc(0).latestHeight() + 1000;
        assertThatThrownBy(() -> HttpProvider.create(net.rpcAddress(0)).lightBlock(beyond))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.HEIGHT_TOO_HIGH);
                    assertThat(e.getMessage()).contains("height " + beyond + " must be less than or equal to the current blockchain height");
                });

        // A transaction, then the client follows the chain past it.
        Digest record = Digest.sha256("anchored-for-the-light-client".getBytes());
        JsonNode anchored = commitOk(0, Transaction.sign(chain, lightClientProvider, 1, new RecordAnchored(record)));
        long txHeight = anchored.path("height").asLong();
        awaitHeight(0, txHeight, Duration.ofSeconds(10));
        assertThat(synced(skipping, skipping.syncToLatest(), "past the transaction").height()).isGreaterThanOrEqualTo(txHeight);

        // Read back with proofs against header H+1 as the light client verified it (H = the answer's height).
        AnchorRecord anchor = AnchorRecord.decode(provenValue(0, StateKey.anchor(lightClientProvider.publicKey(), record),
                this::lightClientHeader).orElseThrow());
        assertThat(anchor.height()).isEqualTo(txHeight);
        assertThat(anchor.recordHash()).isEqualTo(record);
        assertThat(provenValue(1, StateKey.revocation(Digest.sha256("never-shared".getBytes())), this::lightClientHeader)).isEmpty();
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withOneValidatorStoppedTheChainGoesOn() throws Exception {
        net.stop(3, true); // a crash: cometbft killed, its ledger closed mid-flight
        long h = net.rpc(0).latestHeight();
        awaitHeight(0, h + 3, Duration.ofSeconds(30));
        awaitHeight(1, h + 3, Duration.ofSeconds(30));
    }

    @Test
    @Order(5)
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void withTwoStoppedItHaltsAndResumesWhenTheyReturn() throws Exception {
        net.stop(2, false);
        Thread.sleep(2000); // let a block already voted on land
        long halted = net.rpc(0).latestHeight();
        // A transaction is accepted into the mempool but cannot be committed while halted.
        Digest record = Digest.sha256("anchored-during-halt".getBytes());
        JsonNode sync = net.rpc(0).broadcastTxSync(Transaction.sign(chain, provider, 1, new RecordAnchored(record)).encode());
        assertThat(sync.path("code").asInt()).isEqualTo(0);
        Thread.sleep(5000);
        assertThat(net.rpc(0).latestHeight()).as("height with 2 of 4 validators down").isEqualTo(halted);
        assertThat(net.rpc(1).latestHeight()).isEqualTo(halted);

        // Node 2 comes back with its ledger deleted: CometBFT replays every block into a fresh one,
        // which must reach the same app hashes or CometBFT stops it. Node 3 restarts from its files.
        net.wipeLedger(2);
        net.start(2);
        net.start(3);
        awaitHeight(0, halted + 3, Duration.ofSeconds(90));
        awaitHeight(3, halted + 3, Duration.ofSeconds(60)); // the crashed node replayed and caught up
        awaitHeight(2, halted + 3, Duration.ofSeconds(60));
        AnchorRecord anchor = AnchorRecord.decode(provenValue(3, StateKey.anchor(provider.publicKey(), record)).orElseThrow());
        assertThat(anchor.height()).isGreaterThan(halted);
        // The replayed ledger holds the whole history: the access log written before it was deleted.
        AccessLogHead head = AccessLogHead.decode(provenValue(2, StateKey.accessLogHead(patient.publicKey())).orElseThrow());
        assertThat(head.length()).isEqualTo(2);
    }

    @Test
    @Order(6)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theLightClientVerifiesTheBlocksSignedWhileValidatorsWereDown() throws Exception {
        // Since the last sync a validator crashed, the chain halted and resumed: commits with absent signatures.
        assertThat(skipping).as("light clients made by the checkpoint test").isNotNull();
        long chainHeight = net.rpc(0).latestHeight();
        assertThat(synced(skipping, skipping.syncToLatest(), "across the outage").height()).isGreaterThanOrEqualTo(chainHeight);
        long from = sequential.client().latestTrusted().orElseThrow().height();
        MeasuredLightClient.Sync everyHeight = sequential.syncToLatest();
        LightBlock verified = synced(sequential, everyHeight, "across the outage");
        assertThat(everyHeight.fetched()).hasSize((int) (verified.height() - from));
        assertThat(everyHeight.fetched()).anySatisfy(block -> assertThat(block.commit().signatures()).anyMatch(CommitSig::isAbsent));
    }

    private AccessRecorded access(String recipient) {
        return TestSeal.access(chain, relay.publicKey(), patient.publicKey(), share, recipient, Instant.now().getEpochSecond());
    }

    /** Broadcasts through node i's RPC, waits for the commit, and asserts both CheckTx and execution succeeded. */
    private JsonNode commitOk(int node, Transaction tx) throws IOException, InterruptedException {
        JsonNode result = net.rpc(node).broadcastTxCommit(tx.encode());
        assertThat(result.path("check_tx").path("code").asInt()).as("CheckTx of %s: %s", tx, result.path("check_tx").path("log").asText()).isZero();
        assertThat(result.path("tx_result").path("code").asInt()).as("execution of %s: %s", tx, result.path("tx_result").path("log").asText()).isZero();
        return result;
    }

    /**
     * Waits until every node's application has executed the block of a committed transaction:
     * broadcast_tx_commit answers once the node it went through has it, the others may be a moment behind.
     */
    private void awaitExecutedEverywhere(JsonNode committed) throws Exception {
        long height = committed.path("height").asLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int i = 0; i < net.size(); i++) {
            while (net.rpc(i).result("/abci_info", Duration.ofSeconds(5)).path("response").path("last_block_height").asLong() < height) {
                if (System.nanoTime() > deadline) throw new AssertionError("node" + i + " did not execute block " + height + net.logTails(25));
                Thread.sleep(50);
            }
        }
    }

    /**
     * Reads {@code key} through node i's {@code abci_query} with prove=true and checks the proof
     * against the app hash in header H+1 (H = the answer's height), after verifying that header's
     * commit by more than 2/3 of the validators. Returns the value (empty when proven absent).
     */
    private Optional<byte[]> provenValue(int node, StateKey key) throws Exception {
        return provenValue(node, key, height -> verifiedBlock(node, height));
    }

    /** A header the test trusts: verified by {@link #verifiedBlock} or by the wallet's light client. */
    private interface VerifiedHeaders {
        LightBlock at(long height) throws Exception;
    }

    /** As {@link #provenValue(int, StateKey)}, with header H+1 from {@code headers}. */
    private Optional<byte[]> provenValue(int node, StateKey key, VerifiedHeaders headers) throws Exception {
        AbciQueryResult answer = CometJsonParser.abciQuery(net.rpc(node).abciQuery(key.bytes()));
        assertThat(answer.code()).as("query code: %s", answer.log()).isZero();
        assertThat(answer.proofOps()).hasSize(1);
        assertThat(answer.proofOps().get(0).type()).isEqualTo(StateProof.PROOF_OP_TYPE);
        LightBlock header = headers.at(answer.height() + 1);
        assertThat(header.height()).isEqualTo(answer.height() + 1);
        byte[] appHash = header.signedHeader().header().appHash().toArray();
        Optional<byte[]> value = answer.value().length() == 0 ? Optional.empty() : Optional.of(answer.value().toArray());
        StateProof proof = StateProof.decode(answer.proofOps().get(0).data().toArray());
        assertThat(proof.verify(appHash, key, value).isValid()).as("proof of %s at height %d", key, answer.height()).isTrue();
        if (value.isPresent()) {
            byte[] tampered = value.get().clone();
            tampered[tampered.length - 1] ^= 1;
            assertThat(proof.verify(appHash, key, Optional.of(tampered)).isValid()).isFalse();
        } else {
            assertThat(proof.verify(appHash, key, Optional.of(new byte[] {1})).isValid()).as("absence proof claimed as presence").isFalse();
        }
        return value;
    }

    /** Block {@code height} as node i serves it, its commit verified against its validator set. */
    private LightBlock verifiedBlock(int node, long height) throws Exception {
        awaitHeight(node, height, Duration.ofSeconds(30));
        CommitResult commit = CometJsonParser.commit(net.rpc(node).commit(height));
        ValidatorSet validators = ValidatorSet.of(CometJsonParser.validators(net.rpc(node).validators(height)).validators());
        LightBlock block = new LightBlock(commit.signedHeader(), validators, validators);
        assertThat(Verifier.verifyCommitted(block)).as("commit of height %d", height).isEqualTo(Verdict.SUCCESS);
        return block;
    }

    /** Header {@code height} verified by the skipping light client (forward with the witness, or back by hash chain). */
    private LightBlock lightClientHeader(long height) throws Exception {
        awaitHeight(0, height, Duration.ofSeconds(30));
        return synced(skipping, skipping.syncTo(height), "for a proof");
    }

    /**
     * Asserts that a sync verified its target with the witness agreeing (no warnings, witness still
     * in use) and reports its time and the light blocks it fetched from the primary.
     */
    private LightBlock synced(MeasuredLightClient client, MeasuredLightClient.Sync sync, String what) {
        assertThat(sync.result()).as("light client sync %s: %s", what, sync.result().describe()).isInstanceOf(SyncResult.Synced.class);
        SyncResult.Synced synced = (SyncResult.Synced) sync.result();
        assertThat(synced.warnings()).as("warnings of the sync %s", what).isEmpty();
        assertThat(client.client().witnessIds()).containsExactly(net.rpcAddress(1).toString());
        assertThat(client.client().divergence()).isEmpty();
        System.out.printf("light client (%s) synced %s to height %d in %d ms, %d light blocks fetched from the primary%n",
                client == skipping ? "skipping" : "sequential", what, synced.block().height(), sync.took().toMillis(),
                sync.fetched().size());
        return synced.block();
    }

    private void awaitHeight(int node, long height, Duration timeout) throws InterruptedException {
        testnet.awaitHeight(node, height, timeout);
    }

}
