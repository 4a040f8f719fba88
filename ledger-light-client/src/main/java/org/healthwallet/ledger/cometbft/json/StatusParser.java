package org.healthwallet.ledger.cometbft.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.BlockId;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.Validator;

/** The readers for /status, /block and /abci_query (kept apart from the hashed core types). */
final class StatusParser {
    private static final int MAX_TEXT = 64 * 1024;
    private static final int MAX_VALUE = 4 << 20;
    private static final int MAX_PROOF_OPS = 64;

    private StatusParser() {
    }

    static StatusResult status(JsonCursor r) throws ParseException {
        JsonCursor node = r.field("node_info");
        JsonCursor sync = r.field("sync_info");
        Optional<Validator> validator = Optional.empty();
        Optional<JsonCursor> info = r.optional("validator_info");
        if (info.isPresent() && info.get().has("pub_key") && isEd25519(info.get().field("pub_key"))) {
            validator = Optional.of(CometJsonParser.validator(info.get(), "voting_power"));
        }
        return new StatusResult(
                node.field("id").string(MAX_TEXT),
                node.field("network").string(Header.MAX_CHAIN_ID_LENGTH),
                node.optional("moniker").isPresent() ? node.field("moniker").string(MAX_TEXT) : "",
                node.optional("version").isPresent() ? node.field("version").string(MAX_TEXT) : "",
                sync.field("latest_block_height").nonNegative(),
                sync.present("latest_block_hash").hexOrEmpty(32),
                sync.present("latest_app_hash").hexAny(1024),
                sync.field("latest_block_time").time(),
                sync.optional("earliest_block_height").isPresent() ? sync.field("earliest_block_height").nonNegative() : 0,
                sync.optional("catching_up").isPresent() && sync.field("catching_up").bool(),
                validator);
    }

    private static boolean isEd25519(JsonCursor key) throws ParseException {
        Optional<JsonCursor> type = key.optional("type");
        return type.isPresent() && type.get().node().isTextual()
                && type.get().node().textValue().equals(org.healthwallet.ledger.cometbft.Ed25519PublicKey.JSON_TYPE);
    }

    static BlockResult block(JsonCursor r) throws ParseException {
        BlockId blockId = CometJsonParser.blockId(r.field("block_id"));
        JsonCursor block = r.field("block");
        Header header = CometJsonParser.header(block.field("header"));
        List<Bytes> txs = new ArrayList<>();
        Optional<JsonCursor> data = block.optional("data");
        if (data.isPresent()) {
            Optional<JsonCursor> list = data.get().optional("txs");
            if (list.isPresent()) {
                for (JsonCursor tx : list.get().array(CometJsonParser.MAX_TXS)) {
                    txs.add(tx.base64(Integer.MAX_VALUE / 2));
                }
            }
        }
        Commit lastCommit = CometJsonParser.commit(block.field("last_commit"));
        return new BlockResult(blockId, header, txs, lastCommit);
    }

    static AbciQueryResult abciQuery(JsonCursor r) throws ParseException {
        JsonCursor q = r.field("response");
        List<ProofOp> ops = new ArrayList<>();
        Optional<JsonCursor> proof = q.optional("proofOps");
        if (proof.isEmpty()) {
            proof = q.optional("proof_ops");
        }
        if (proof.isPresent()) {
            Optional<JsonCursor> list = proof.get().optional("ops");
            if (list.isPresent()) {
                for (JsonCursor op : list.get().array(MAX_PROOF_OPS)) {
                    ops.add(new ProofOp(op.field("type").string(MAX_TEXT),
                            op.present("key").base64(MAX_VALUE), op.present("data").base64(MAX_VALUE)));
                }
            }
        }
        return new AbciQueryResult(
                q.optional("code").isPresent() ? q.field("code").int32(0, 0xFFFF_FFFFL) : 0,
                text(q, "log"),
                text(q, "info"),
                q.optional("index").isPresent() ? q.field("index").int64() : 0,
                q.present("key").base64(MAX_VALUE),
                q.present("value").base64(MAX_VALUE),
                ops,
                q.optional("height").isPresent() ? q.field("height").nonNegative() : 0,
                text(q, "codespace"));
    }

    private static String text(JsonCursor c, String name) throws ParseException {
        Optional<JsonCursor> f = c.optional(name);
        return f.isPresent() ? f.get().string(MAX_TEXT) : "";
    }
}
