package org.healthwallet.ledger.cometbft.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.healthwallet.ledger.cometbft.BlockId;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.SignedHeader;
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.ValidatorSet;

/**
 * Writes the same JSON CometBFT v0.38 writes (for the dev network's RPC server, light block files
 * and the trusted store): int64 as decimal strings, int32 as numbers, hashes and addresses as
 * upper-case hex, signatures and keys as base64, times as RFC 3339 with trimmed nanoseconds, and
 * fields in Go's order. Methods return Jackson trees so a server can add fields of its own.
 */
public final class CometJsonWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CometJsonWriter() {
    }

    public static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** {"jsonrpc":"2.0","id":…,"result":…}. */
    public static ObjectNode rpcResult(JsonNode id, JsonNode result) {
        ObjectNode o = NODES.objectNode();
        o.put("jsonrpc", "2.0");
        o.set("id", id == null ? NODES.numberNode(-1) : id);
        o.set("result", result);
        return o;
    }

    /** {"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…,"data":…}}, as CometBFT reports failures. */
    public static ObjectNode rpcError(JsonNode id, long code, String message, String data) {
        ObjectNode o = NODES.objectNode();
        o.put("jsonrpc", "2.0");
        o.set("id", id == null ? NODES.numberNode(-1) : id);
        ObjectNode e = o.putObject("error");
        e.put("code", code);
        e.put("message", message);
        e.put("data", data);
        return o;
    }

    public static ObjectNode header(Header h) {
        ObjectNode o = NODES.objectNode();
        ObjectNode version = o.putObject("version");
        version.put("block", Long.toUnsignedString(h.version().block()));
        version.put("app", Long.toUnsignedString(h.version().app()));
        o.put("chain_id", h.chainId());
        o.put("height", Long.toString(h.height()));
        o.put("time", RfcTime.format(h.time()));
        o.set("last_block_id", blockId(h.lastBlockId()));
        o.put("last_commit_hash", h.lastCommitHash().hex());
        o.put("data_hash", h.dataHash().hex());
        o.put("validators_hash", h.validatorsHash().hex());
        o.put("next_validators_hash", h.nextValidatorsHash().hex());
        o.put("consensus_hash", h.consensusHash().hex());
        o.put("app_hash", h.appHash().hex());
        o.put("last_results_hash", h.lastResultsHash().hex());
        o.put("evidence_hash", h.evidenceHash().hex());
        o.put("proposer_address", h.proposerAddress().hex());
        return o;
    }

    /** A block id with CometBFT's own field name {@code parts}. */
    public static ObjectNode blockId(BlockId id) {
        ObjectNode o = NODES.objectNode();
        o.put("hash", id.hash().hex());
        ObjectNode parts = o.putObject("parts");
        parts.put("total", id.partSetHeader().total());
        parts.put("hash", id.partSetHeader().hash().hex());
        return o;
    }

    public static ObjectNode commit(Commit c) {
        ObjectNode o = NODES.objectNode();
        o.put("height", Long.toString(c.height()));
        o.put("round", c.round());
        o.set("block_id", blockId(c.blockId()));
        ArrayNode sigs = o.putArray("signatures");
        for (CommitSig s : c.signatures()) {
            sigs.add(commitSig(s));
        }
        return o;
    }

    public static ObjectNode commitSig(CommitSig s) {
        ObjectNode o = NODES.objectNode();
        o.put("block_id_flag", s.flag().code());
        o.put("validator_address", s.validatorAddress().hex());
        o.put("timestamp", RfcTime.format(s.timestamp()));
        if (s.signature().isEmpty()) {
            o.putNull("signature");
        } else {
            o.put("signature", s.signature().base64());
        }
        return o;
    }

    public static ObjectNode signedHeader(SignedHeader sh) {
        ObjectNode o = NODES.objectNode();
        o.set("header", header(sh.header()));
        o.set("commit", commit(sh.commit()));
        return o;
    }

    /** The result of /commit. */
    public static ObjectNode commitResult(CommitResult r) {
        ObjectNode o = NODES.objectNode();
        o.set("signed_header", signedHeader(r.signedHeader()));
        o.put("canonical", r.canonical());
        return o;
    }

    public static ObjectNode publicKey(Ed25519PublicKey key) {
        ObjectNode o = NODES.objectNode();
        o.put("type", Ed25519PublicKey.JSON_TYPE);
        o.put("value", key.asBytes().base64());
        return o;
    }

    public static ObjectNode validator(Validator v) {
        ObjectNode o = NODES.objectNode();
        o.put("address", v.address().hex());
        o.set("pub_key", publicKey(v.pubKey()));
        o.put("voting_power", Long.toString(v.votingPower()));
        o.put("proposer_priority", Long.toString(v.proposerPriority()));
        return o;
    }

    /** The result of /validators for one page. */
    public static ObjectNode validatorsResult(ValidatorsResult r) {
        ObjectNode o = NODES.objectNode();
        o.put("block_height", Long.toString(r.blockHeight()));
        ArrayNode list = o.putArray("validators");
        for (Validator v : r.validators()) {
            list.add(validator(v));
        }
        o.put("count", Integer.toString(r.count()));
        o.put("total", Integer.toString(r.total()));
        return o;
    }

    /** A validator set as light block files hold it: validators, proposer, total voting power. */
    public static ObjectNode validatorSet(ValidatorSet set) {
        ObjectNode o = NODES.objectNode();
        ArrayNode list = o.putArray("validators");
        for (Validator v : set.validators()) {
            list.add(validator(v));
        }
        if (set.proposer().isPresent()) {
            o.set("proposer", validator(set.proposer().get()));
        }
        o.put("total_voting_power", Long.toString(set.totalVotingPower()));
        return o;
    }

    /** A light block file: signed_header, validator_set, next_validator_set (each omitted when unknown). */
    public static ObjectNode lightBlock(LightBlock b) {
        ObjectNode o = NODES.objectNode();
        o.set("signed_header", signedHeader(b.signedHeader()));
        if (b.validatorSet() != null) {
            o.set("validator_set", validatorSet(b.validatorSet()));
        }
        if (b.nextValidatorSet() != null) {
            o.set("next_validator_set", validatorSet(b.nextValidatorSet()));
        }
        return o;
    }

    /** The result of /block. */
    public static ObjectNode blockResult(BlockResult r) {
        ObjectNode o = NODES.objectNode();
        o.set("block_id", blockId(r.blockId()));
        ObjectNode block = o.putObject("block");
        block.set("header", header(r.header()));
        ArrayNode txs = block.putObject("data").putArray("txs");
        for (Bytes tx : r.txs()) {
            txs.add(tx.base64());
        }
        block.putObject("evidence").putArray("evidence");
        block.set("last_commit", commit(r.lastCommit()));
        return o;
    }

    /** The result of /status (the fields {@link StatusResult} holds, in CometBFT's layout). */
    public static ObjectNode status(StatusResult s) {
        ObjectNode o = NODES.objectNode();
        ObjectNode node = o.putObject("node_info");
        ObjectNode protocol = node.putObject("protocol_version");
        protocol.put("p2p", "8");
        protocol.put("block", "11");
        protocol.put("app", "0");
        node.put("id", s.nodeId());
        node.put("listen_addr", "");
        node.put("network", s.network());
        node.put("version", s.version());
        node.put("channels", "");
        node.put("moniker", s.moniker());
        ObjectNode other = node.putObject("other");
        other.put("tx_index", "on");
        other.put("rpc_address", "");
        ObjectNode sync = o.putObject("sync_info");
        sync.put("latest_block_hash", s.latestBlockHash().hex());
        sync.put("latest_app_hash", s.latestAppHash().hex());
        sync.put("latest_block_height", Long.toString(s.latestBlockHeight()));
        sync.put("latest_block_time", RfcTime.format(s.latestBlockTime()));
        sync.put("earliest_block_height", Long.toString(s.earliestBlockHeight()));
        sync.put("catching_up", s.catchingUp());
        ObjectNode info = o.putObject("validator_info");
        if (s.validator().isPresent()) {
            Validator v = s.validator().get();
            info.put("address", v.address().hex());
            info.set("pub_key", publicKey(v.pubKey()));
            info.put("voting_power", Long.toString(v.votingPower()));
        } else {
            info.put("address", "");
            info.putNull("pub_key");
            info.put("voting_power", "0");
        }
        return o;
    }

    /** The result of /abci_query. */
    public static ObjectNode abciQueryResult(AbciQueryResult q) {
        ObjectNode o = NODES.objectNode();
        ObjectNode r = o.putObject("response");
        r.put("code", q.code());
        r.put("log", q.log());
        r.put("info", q.info());
        r.put("index", Long.toString(q.index()));
        r.put("key", q.key().base64());
        r.put("value", q.value().base64());
        if (q.proofOps().isEmpty()) {
            r.putNull("proofOps");
        } else {
            ArrayNode ops = r.putObject("proofOps").putArray("ops");
            for (ProofOp op : q.proofOps()) {
                ObjectNode n = ops.addObject();
                n.put("type", op.type());
                n.put("key", op.key().base64());
                n.put("data", op.data().base64());
            }
        }
        r.put("height", Long.toString(q.height()));
        r.put("codespace", q.codespace());
        return o;
    }
}
