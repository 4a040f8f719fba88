package org.healthwallet.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.BlockHashes;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.Merkle;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.state.StateProof;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.RecordAnchored;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;
import org.healthwallet.ledger.verify.Options;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real signed ledger transaction goes through the RPC server, into a block, and back out with a verified proof. */
class TransactionFlowTest {
    static final SigningKey PROVIDER = SigningKey.fromSeed(filled(0x44));

    @TempDir
    Path dir;

    static byte[] filled(int b) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    static Transaction anchor(String chainId, long nonce, int record) {
        return Transaction.sign(chainId, PROVIDER, nonce, new RecordAnchored(new Digest(filled(record))));
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void broadcastTransactionIsFoundAndItsStateProvenAgainstTheNextHeader() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
             RpcServer rpc = RpcServer.start(net.node(0), RpcServerOptions.loopback(0))) {
            HttpRpc client = new HttpRpc(rpc.url());
            Transaction tx = anchor(net.chainId(), 1, 0x01);
            String hash = BlockHashes.txHash(tx.encode()).hex();

            JsonNode sync = client.call("broadcast_tx_sync", "{\"tx\":\"" + b64(tx.encode()) + "\"}").path("result");
            assertThat(sync.path("code").asInt()).isZero();
            assertThat(sync.path("hash").asText()).isEqualTo(hash);
            assertThat(net.pendingTransactions()).isEqualTo(1);
            assertThat(client.get("/tx?hash=0x" + hash).json().path("error").path("data").asText())
                    .isEqualTo("tx (" + hash + ") not found");

            DevBlock block = net.produceBlock();
            assertThat(block.txs()).containsExactly(Bytes.of(tx.encode()));
            assertThat(block.header().dataHash()).isEqualTo(BlockHashes.dataHash(List.of(tx.encode())));

            JsonNode found = client.get("/tx?hash=0x" + hash).json().path("result");
            assertThat(found.path("height").asText()).isEqualTo(Long.toString(block.height()));
            assertThat(found.path("index").asInt()).isZero();
            assertThat(found.path("tx_result").path("code").asInt()).isZero();
            assertThat(found.path("tx").asText()).isEqualTo(b64(tx.encode()));
            // cosmjs asks by base64 hash over JSON-RPC.
            JsonNode byPost = client.call("tx", "{\"hash\":\"" + Bytes.fromHex(hash).base64() + "\"}").path("result");
            assertThat(byPost.path("height").asText()).isEqualTo(Long.toString(block.height()));

            StateKey key = StateKey.anchor(PROVIDER.publicKey(), new Digest(filled(0x01)));
            AbciQueryResult query = CometJsonParser.abciQuery(client.get(
                    "/abci_query?path=%22/store%22&data=0x" + key.hex() + "&prove=true").body());
            assertThat(query.code()).isZero();
            assertThat(query.height()).isEqualTo(block.height());
            assertThat(query.value().isEmpty()).isFalse();
            StateProof proof = StateProof.decode(query.proofOps().get(0).data().toArray());

            // The state of height H is committed by the app hash in header H+1, which must be verified first.
            net.produceBlock();
            Instant now = Instant.now();
            LightBlock trusted = client.lightBlock(block.height());
            LightBlock next = client.lightBlock(block.height() + 1);
            assertThat(Verifier.verifyAdjacent(trusted, next, Options.DEFAULT, now)).isEqualTo(Verdict.SUCCESS);
            byte[] appHash = next.header().appHash().toArray();
            assertThat(proof.verify(appHash, key, Optional.of(query.value().toArray())).isValid()).isTrue();
            assertThat(proof.verify(appHash, key, Optional.empty()).isValid()).isFalse();

            StateKey never = StateKey.anchor(PROVIDER.publicKey(), new Digest(filled(0x02)));
            AbciQueryResult absent = CometJsonParser.abciQuery(client.call("abci_query",
                    "{\"path\":\"/store\",\"data\":\"" + never.hex() + "\",\"prove\":true}").path("result"));
            assertThat(absent.value().isEmpty()).isTrue();
            assertThat(absent.height()).isEqualTo(block.height() + 1);
        }
    }

    @Test
    void rejectedTransactionReturnsCodeAndReasonAndStoresNothing() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
             RpcServer rpc = RpcServer.start(net.node(0), RpcServerOptions.loopback(0))) {
            HttpRpc client = new HttpRpc(rpc.url());
            byte[] forged = anchor(net.chainId(), 1, 0x05).encode();
            forged[forged.length - 1] ^= 1;
            JsonNode result = client.call("broadcast_tx_sync", "{\"tx\":\"" + b64(forged) + "\"}").path("result");
            assertThat(result.path("code").asInt()).isEqualTo(3);
            assertThat(result.path("codespace").asText()).isEqualTo("healthwallet");
            assertThat(result.path("log").asText()).isNotEmpty();
            assertThat(net.pendingTransactions()).isZero();

            JsonNode otherChain = client.call("broadcast_tx_commit",
                    "{\"tx\":\"" + b64(anchor("another-chain", 1, 0x05).encode()) + "\"}").path("result");
            assertThat(otherChain.path("check_tx").path("code").asInt()).isNotZero();
            assertThat(otherChain.path("height").asText()).isEqualTo("0");

            DevBlock block = net.produceBlock();
            assertThat(block.txs()).isEmpty();
            assertThat(net.tx(BlockHashes.txHash(forged)).isPresent()).isFalse();
        }
    }

    @Test
    void severalTransactionsInOneBlockHaveMerkleProofsToTheDataHash() throws Exception {
        try (DevNetwork net = DevNetwork.open(DevNetworkOptions.onDemand(dir, 4));
             RpcServer rpc = RpcServer.start(net.node(1), RpcServerOptions.loopback(0))) {
            HttpRpc client = new HttpRpc(rpc.url());
            List<Transaction> txs = List.of(anchor(net.chainId(), 1, 0x11), anchor(net.chainId(), 2, 0x12),
                    anchor(net.chainId(), 3, 0x13));
            for (Transaction tx : txs) {
                assertThat(client.call("broadcast_tx_sync", "[\"" + b64(tx.encode()) + "\"]").path("result").path("code").asInt())
                        .isZero();
            }
            JsonNode duplicate = client.call("broadcast_tx_sync", "{\"tx\":\"" + b64(txs.get(0).encode()) + "\"}");
            assertThat(duplicate.path("error").path("data").asText()).isEqualTo("tx already exists in cache");

            DevBlock block = net.produceBlock();
            assertThat(block.txs()).hasSize(3);
            for (int i = 0; i < 3; i++) {
                byte[] tx = txs.get(i).encode();
                JsonNode proof = client.get("/tx?hash=0x" + BlockHashes.txHash(tx).hex() + "&prove=true").json()
                        .path("result").path("proof");
                assertThat(proof.path("root_hash").asText()).isEqualTo(block.header().dataHash().hex());
                assertThat(proof.path("proof").path("index").asText()).isEqualTo(Integer.toString(i));
                byte[] node = Base64.getDecoder().decode(proof.path("proof").path("leaf_hash").asText());
                assertThat(node).isEqualTo(Merkle.root(List.of(BlockHashes.txHash(tx).toArray())).toArray());
                assertThat(rootFrom(node, i, 3, proof.path("proof").path("aunts"))).isEqualTo(block.header().dataHash().toArray());
            }
        }
    }

    /** Recomputes a CometBFT Merkle root from a leaf hash and its aunts (lowest first). */
    private static byte[] rootFrom(byte[] leaf, int index, int total, JsonNode aunts) {
        if (total == 1) {
            return leaf;
        }
        int k = Integer.highestOneBit(total) == total ? total / 2 : Integer.highestOneBit(total);
        byte[] aunt = Base64.getDecoder().decode(aunts.get(aunts.size() - 1).asText());
        JsonNode rest = aunts.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) rest).remove(aunts.size() - 1);
        if (index < k) {
            return Merkle.sha256(new byte[] {1}, rootFrom(leaf, index, k, rest), aunt).toArray();
        }
        return Merkle.sha256(new byte[] {1}, aunt, rootFrom(leaf, index - k, total - k, rest)).toArray();
    }
}
