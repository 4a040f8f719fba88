package org.healthwallet.node.abci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.CommitResult;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationRevoked;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.HandOver;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The caregiver rules (wallet-core/docs/caregivers.md) on four real CometBFT v0.38 validators
 * ({@link CometBftTestnet}): every transaction goes in through CometBFT's RPC, and what the ledger
 * holds comes back through {@code abci_query} with proofs checked against the app hash of a header
 * whose commit is verified. An adult grants a caregiver share and records; the caregiver shares the
 * adult's records; a relay records an access; a caregiver-signed renewal and a hand-over by this
 * read-only caregiver are refused; the adult revokes, and the relay's next access record is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaregiverCometBftIT {
    private final SigningKey adult = key("it-elderly-parent");
    private final SigningKey caregiver = key("it-adult-child");
    private final SigningKey relay = key("it-care-relay");
    private final List<SigningKey> operators = List.of(key("it-care-op-1"), key("it-care-op-2"), key("it-care-op-3"));
    private final Digest share = Digest.sha256("it-caregiver-share".getBytes());

    private CometBftTestnet testnet;
    private LocalTestnet net;
    private String chain;

    private static SigningKey key(String name) {
        return SigningKey.fromSeed(Arrays.copyOf(name.getBytes(), 32));
    }

    @BeforeAll
    void startNetwork() throws Exception {
        testnet = CometBftTestnet.start(Path.of("target", "cometbft-care-it"), 4,
                operators.stream().map(SigningKey::publicKey).toList());
        net = testnet.network();
        chain = net.chainId();
    }

    @AfterAll
    void stopNetwork() {
        if (testnet != null) testnet.close();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aCaregiversShareIsRecordedUntilTheAdultRevokesAndTheCaregiverCannotRenewOrTakeOver() throws Exception {
        String url = "http://127.0.0.1:8444";
        commitOk(0, Transaction.sign(chain, relay, 1, new RelayRegistered(relay.publicKey(), url,
                operators.stream().map(op -> RelayApproval.sign(chain, op, relay.publicKey(), url)).toList())));
        long now = Instant.now().getEpochSecond();
        DelegationScope readAndShare = new DelegationScope(DelegationScope.SHARE | DelegationScope.RECORDS);
        commitOk(1, Transaction.sign(chain, adult, 1, new DelegationGranted(adult.publicKey(), caregiver.publicKey(),
                readAndShare, now + 30 * 86_400)));

        // The caregiver shares the adult's records; the relay records the pharmacist's access.
        commitOk(2, Transaction.sign(chain, caregiver, 1, new GrantIssued(share, adult.publicKey(),
                Digest.sha256("medications".getBytes()), now + 3600, relay.publicKey(), TestSeal.sealTo(adult.publicKey()))));
        awaitExecutedEverywhere(commitOk(3, Transaction.sign(chain, relay, 2, access("Pharmacist Ines"))));
        AccessEntry entry = AccessEntry.decode(provenValue(1, StateKey.accessLogEntry(adult.publicKey(), 0)).orElseThrow());
        assertThat(TestSeal.recipient(chain, adult.publicKey(), entry)).as("in the adult's own log").isEqualTo("Pharmacist Ines");
        assertThat(entry.shareId()).isEqualTo(share);

        // A renewal signed by the caregiver: refused, and the end date stays.
        JsonNode renewal = net.rpc(0).broadcastTxCommit(Transaction.sign(chain, caregiver, 2, new DelegationGranted(
                adult.publicKey(), caregiver.publicKey(), readAndShare, now + 500 * 86_400)).encode());
        assertRefused(renewal, TxCode.UNAUTHORIZED, "Only the dependent's own key");
        // A hand-over by this read-only caregiver: refused, the adult's key is not retired.
        SigningKey takeover = key("it-caregivers-second-key");
        JsonNode handOver = net.rpc(2).broadcastTxCommit(Transaction.sign(chain, caregiver, 2,
                HandOver.accepted(chain, adult.publicKey(), caregiver.publicKey(), takeover)).encode());
        assertRefused(handOver, TxCode.UNAUTHORIZED, "does not allow the caregiver to take over the dependent's identity");
        DelegationRecord standing = DelegationRecord.decode(
                provenValue(3, StateKey.delegation(adult.publicKey(), caregiver.publicKey())).orElseThrow());
        assertThat(standing.ended()).isEqualTo(DelegationRecord.Ending.NONE);
        assertThat(standing.endsAt()).isEqualTo(now + 30 * 86_400);
        assertThat(provenValue(0, StateKey.handOver(adult.publicKey()))).as("the adult's key is not handed over").isEmpty();

        // The adult revokes: the relay's next access record for the caregiver's share is refused.
        awaitExecutedEverywhere(commitOk(0, Transaction.sign(chain, adult, 2,
                new DelegationRevoked(adult.publicKey(), caregiver.publicKey()))));
        JsonNode late = net.rpc(1).broadcastTxCommit(Transaction.sign(chain, relay, 3, access("Pharmacist Ines")).encode());
        assertRefused(late, TxCode.UNAUTHORIZED, "The caregiver who issued this share no longer may share for this patient");
        assertThat(AccessLogHead.decode(provenValue(2, StateKey.accessLogHead(adult.publicKey())).orElseThrow()).length())
                .as("nothing more was logged").isEqualTo(1);
    }

    private AccessRecorded access(String recipient) {
        return TestSeal.access(chain, relay.publicKey(), adult.publicKey(), share, recipient, Instant.now().getEpochSecond());
    }

    /** Refused at CheckTx (against the committed state) with this code and a reason containing {@code reason}. */
    private static void assertRefused(JsonNode result, TxCode code, String reason) {
        JsonNode checked = result.path("check_tx");
        assertThat(checked.path("code").asInt()).as("CheckTx: %s", checked.path("log").asText()).isEqualTo(code.code());
        assertThat(checked.path("log").asText()).contains(reason);
    }

    private JsonNode commitOk(int node, Transaction tx) throws IOException, InterruptedException {
        JsonNode result = net.rpc(node).broadcastTxCommit(tx.encode());
        assertThat(result.path("check_tx").path("code").asInt()).as("CheckTx of %s: %s", tx, result.path("check_tx").path("log").asText()).isZero();
        assertThat(result.path("tx_result").path("code").asInt()).as("execution of %s: %s", tx, result.path("tx_result").path("log").asText()).isZero();
        return result;
    }

    /** Waits until every node has executed the block of a committed transaction. */
    private void awaitExecutedEverywhere(JsonNode committed) throws Exception {
        long height = committed.path("height").asLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int i = 0; i < net.size(); i++) {
            while (net.rpc(i).result("/abci_info", Duration.ofSeconds(5)).path("response").path("last_block_height").asLong() < height) {
                if (System.nanoTime() > deadline) throw new AssertionError("node" + i + " did not execute block " + height + net.logTails(25));
                Thread.sleep(50);
            }
        }
    }

    /** {@code key} read through node i with prove=true; the proof checked against header H+1, whose commit is verified. */
    private Optional<byte[]> provenValue(int node, StateKey key) throws Exception {
        AbciQueryResult answer = CometJsonParser.abciQuery(net.rpc(node).abciQuery(key.bytes()));
        assertThat(answer.code()).as("query code: %s", answer.log()).isZero();
        assertThat(answer.proofOps()).hasSize(1);
        LightBlock header = verifiedBlock(node, answer.height() + 1);
        Optional<byte[]> value = answer.value().length() == 0 ? Optional.empty() : Optional.of(answer.value().toArray());
        StateProof proof = StateProof.decode(answer.proofOps().get(0).data().toArray());
        assertThat(proof.verify(header.signedHeader().header().appHash().toArray(), key, value).isValid())
                .as("proof of %s at height %d", key, answer.height()).isTrue();
        return value;
    }

    private LightBlock verifiedBlock(int node, long height) throws Exception {
        testnet.awaitHeight(node, height, Duration.ofSeconds(30));
        CommitResult commit = CometJsonParser.commit(net.rpc(node).commit(height));
        ValidatorSet validators = ValidatorSet.of(CometJsonParser.validators(net.rpc(node).validators(height)).validators());
        LightBlock block = new LightBlock(commit.signedHeader(), validators, validators);
        assertThat(Verifier.verifyCommitted(block)).as("commit of height %d", height).isEqualTo(Verdict.SUCCESS);
        return block;
    }
}
