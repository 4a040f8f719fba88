package org.healthwallet.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.healthwallet.ledger.cometbft.BlockHashes;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Merkle;

/** CometBFT's JSON for the shapes {@code CometJsonWriter} does not cover: ABCI results and tx proofs. */
final class RpcJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RpcJson() {
    }

    /** An ExecTxResult / ResponseCheckTx in Go's field order; empty data is null, as Go writes a nil slice. */
    static ObjectNode execResult(ExecResult r) {
        ObjectNode o = NODES.objectNode();
        o.put("code", r.code());
        if (r.data().isEmpty()) {
            o.putNull("data");
        } else {
            o.put("data", r.data().base64());
        }
        o.put("log", r.log());
        o.put("info", "");
        o.put("gas_wanted", "0");
        o.put("gas_used", "0");
        ArrayNode events = o.putArray("events");
        for (ExecResult.Event e : r.events()) {
            ObjectNode event = events.addObject();
            event.put("type", e.type());
            ArrayNode attributes = event.putArray("attributes");
            for (ExecResult.Attribute a : e.attributes()) {
                attributes.addObject().put("key", a.key()).put("value", a.value()).put("index", a.index());
            }
        }
        o.put("codespace", r.codespace());
        return o;
    }

    /**
     * CometBFT's TxProof: the Merkle proof that transaction {@code index} is in a block whose
     * data_hash is the root (leaves are the transactions' SHA-256 hashes; aunts from the leaf up).
     */
    static JsonNode txProof(List<byte[]> txs, int index) {
        List<byte[]> leaves = new ArrayList<>(txs.size());
        for (byte[] tx : txs) {
            leaves.add(BlockHashes.txHash(tx).toArray());
        }
        List<Bytes> aunts = new ArrayList<>();
        collectAunts(leaves, index, aunts);
        ObjectNode o = NODES.objectNode();
        o.put("root_hash", BlockHashes.dataHash(txs).hex());
        o.put("data", Bytes.of(txs.get(index)).base64());
        ObjectNode proof = o.putObject("proof");
        proof.put("total", Integer.toString(txs.size()));
        proof.put("index", Integer.toString(index));
        proof.put("leaf_hash", Merkle.root(List.of(leaves.get(index))).base64());
        ArrayNode list = proof.putArray("aunts");
        aunts.forEach(a -> list.add(a.base64()));
        return o;
    }

    /** The sibling subtree roots on the way from leaf {@code index} to the root, lowest first. */
    private static void collectAunts(List<byte[]> items, int index, List<Bytes> out) {
        int n = items.size();
        if (n <= 1) {
            return;
        }
        int k = Integer.highestOneBit(n) == n ? n >>> 1 : Integer.highestOneBit(n);
        if (index < k) {
            collectAunts(items.subList(0, k), index, out);
            out.add(Merkle.root(items.subList(k, n)));
        } else {
            collectAunts(items.subList(k, n), index - k, out);
            out.add(Merkle.root(items.subList(0, k)));
        }
    }
}
