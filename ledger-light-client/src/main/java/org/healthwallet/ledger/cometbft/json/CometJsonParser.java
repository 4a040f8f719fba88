package org.healthwallet.ledger.cometbft.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.BlockId;
import org.healthwallet.ledger.cometbft.BlockIdFlag;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.PartSetHeader;
import org.healthwallet.ledger.cometbft.ProtocolVersion;
import org.healthwallet.ledger.cometbft.SignedHeader;
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.ValidatorSet;

/**
 * Reads CometBFT's JSON-RPC answers and light block files. Tolerant where CometBFT versions and
 * tools differ and nothing is hashed or signed ({@code parts} or {@code part_set_header}, absent
 * signatures written with null or empty fields and a zero or 1970 time, unknown extra fields);
 * strict about everything that is hashed or signed (exact lengths, integer ranges, times with at
 * most nanosecond precision, addresses that belong to their keys). Every method accepts either a
 * full JSON-RPC response or its bare {@code result}.
 */
public final class CometJsonParser {
    static final int MAX_SIGNATURES = ValidatorSet.MAX_VALIDATORS;
    static final int MAX_TXS = 100_000;
    private static final int HASH = 32;
    private static final int ADDRESS = 20;
    private static final int MAX_APP_HASH = 1024;

    private CometJsonParser() {
    }

    /** Reads a JSON-RPC response into its result or the error the node reported. */
    public static RpcReply reply(byte[] body) throws ParseException {
        JsonCursor root = JsonCursor.root(BoundedJson.read(body, JsonLimits.DEFAULT)).requireObject();
        if (root.has("error")) {
            return errorOf(root);
        }
        return new RpcReply.Result(root.field("result").node());
    }

    /** A bounded tree of any JSON document (for callers that read shapes of their own). */
    public static JsonNode tree(byte[] json) throws ParseException {
        return BoundedJson.read(json, JsonLimits.DEFAULT);
    }

    /** The result object of a response, or the document itself when it is a bare result. */
    static JsonCursor result(byte[] json) throws ParseException {
        JsonCursor root = JsonCursor.root(BoundedJson.read(json, JsonLimits.DEFAULT));
        return unwrap(root);
    }

    private static JsonCursor unwrap(JsonCursor root) throws ParseException {
        root.requireObject();
        if (root.has("error")) {
            RpcReply.Error e = errorOf(root);
            throw new ParseException("$.error", "the node answered with an error: " + e.describe());
        }
        if (root.optional("jsonrpc").isPresent() || root.optional("result").isPresent()) {
            return root.field("result");
        }
        return root;
    }

    private static RpcReply.Error errorOf(JsonCursor root) throws ParseException {
        JsonCursor e = root.field("error");
        long code = e.optional("code").isPresent() ? e.field("code").int64() : 0;
        String message = e.optional("message").isPresent() ? e.field("message").string(4096) : "";
        String data = e.optional("data").isPresent() && e.field("data").node().isTextual()
                ? e.field("data").string(4096) : "";
        return new RpcReply.Error(code, message, data);
    }

    // ---- /commit -------------------------------------------------------------------------

    public static CommitResult commit(byte[] json) throws ParseException {
        return commitResult(result(json));
    }

    public static CommitResult commit(JsonNode result) throws ParseException {
        return commitResult(JsonCursor.root(result));
    }

    private static CommitResult commitResult(JsonCursor r) throws ParseException {
        SignedHeader sh = signedHeader(r.field("signed_header"));
        boolean canonical = r.optional("canonical").isPresent() && r.field("canonical").bool();
        return new CommitResult(sh, canonical);
    }

    static SignedHeader signedHeader(JsonCursor c) throws ParseException {
        Header header = header(c.field("header"));
        Commit commit = commit(c.field("commit"));
        return new SignedHeader(header, commit);
    }

    // ---- header --------------------------------------------------------------------------

    /** A bare header object (as in /block's block.header). */
    public static Header header(byte[] json) throws ParseException {
        return header(result(json));
    }

    static Header header(JsonCursor h) throws ParseException {
        JsonCursor version = h.field("version");
        long block = version.field("block").nonNegative();
        long app = version.optional("app").isPresent() ? version.field("app").nonNegative() : 0;
        JsonCursor lastBlockId = h.present("last_block_id");
        return new Header(
                new ProtocolVersion(block, app),
                h.field("chain_id").string(Header.MAX_CHAIN_ID_LENGTH),
                positiveHeight(h.field("height")),
                h.field("time").time(),
                lastBlockId.isNull() ? BlockId.EMPTY : blockId(lastBlockId),
                h.present("last_commit_hash").hexOrEmpty(HASH),
                h.present("data_hash").hexOrEmpty(HASH),
                h.field("validators_hash").hex(HASH),
                h.present("next_validators_hash").hexOrEmpty(HASH),
                h.present("consensus_hash").hexOrEmpty(HASH),
                h.present("app_hash").hexAny(MAX_APP_HASH),
                h.present("last_results_hash").hexOrEmpty(HASH),
                h.present("evidence_hash").hexOrEmpty(HASH),
                h.field("proposer_address").hex(ADDRESS));
    }

    private static long positiveHeight(JsonCursor c) throws ParseException {
        long height = c.int64();
        if (height <= 0) {
            throw c.fail("a block height starts at 1, found " + height);
        }
        return height;
    }

    static BlockId blockId(JsonCursor c) throws ParseException {
        Bytes hash = c.present("hash").hexOrEmpty(HASH);
        boolean parts = c.has("parts");
        boolean partSetHeader = c.has("part_set_header");
        if (parts && partSetHeader) {
            throw c.fail("has both parts and part_set_header; expected one of them");
        }
        if (!parts && !partSetHeader) {
            throw c.field("parts").fail("missing (neither parts nor part_set_header is given)");
        }
        JsonCursor p = c.field(parts ? "parts" : "part_set_header");
        long total = p.field("total").int32(0, 0xFFFF_FFFFL);
        Bytes partsHash = p.present("hash").hexOrEmpty(HASH);
        return new BlockId(hash, new PartSetHeader(total, partsHash));
    }

    // ---- commit --------------------------------------------------------------------------

    static Commit commit(JsonCursor c) throws ParseException {
        long height = c.field("height").nonNegative();
        long round = c.field("round").int32(0, Integer.MAX_VALUE);
        BlockId blockId = blockId(c.field("block_id"));
        JsonCursor list = c.present("signatures");
        // tendermint-rs writes an empty commit's signatures as null; the verifier rejects it later.
        List<JsonCursor> items = list.isNull() ? List.of() : list.array(MAX_SIGNATURES);
        List<CommitSig> sigs = new ArrayList<>(items.size());
        for (JsonCursor s : items) {
            sigs.add(commitSig(s));
        }
        return new Commit(height, (int) round, blockId, sigs);
    }

    static CommitSig commitSig(JsonCursor s) throws ParseException {
        JsonCursor flagField = s.field("block_id_flag");
        BlockIdFlag flag;
        try {
            flag = BlockIdFlag.ofCode(flagField.int32(0, 255));
        } catch (IllegalArgumentException e) {
            throw flagField.fail(e.getMessage());
        }
        if (flag == BlockIdFlag.ABSENT) {
            // Absent: nothing here is signed; servers write null or "" and a zero or 1970 time.
            Optional<JsonCursor> address = s.optional("validator_address");
            if (address.isPresent() && !address.get().hexAny(ADDRESS).isEmpty()) {
                throw address.get().fail("an absent signature carries no validator address");
            }
            Optional<JsonCursor> signature = s.optional("signature");
            if (signature.isPresent() && !signature.get().base64(Ed25519PublicKey.SIGNATURE_SIZE).isEmpty()) {
                throw signature.get().fail("an absent signature carries no signature");
            }
            Optional<JsonCursor> time = s.optional("timestamp");
            if (time.isPresent() && time.get().node().isTextual() && !time.get().node().textValue().isEmpty()) {
                time.get().time();
            }
            return CommitSig.absent();
        }
        Bytes address = s.field("validator_address").hex(ADDRESS);
        Instant time = s.field("timestamp").time();
        JsonCursor sigField = s.field("signature");
        Bytes signature = sigField.base64(Ed25519PublicKey.SIGNATURE_SIZE);
        if (signature.length() != Ed25519PublicKey.SIGNATURE_SIZE) {
            throw sigField.fail("expected a 64-byte Ed25519 signature, found " + signature.length() + " bytes");
        }
        return new CommitSig(flag, address, time, signature);
    }

    // ---- validators ----------------------------------------------------------------------

    public static ValidatorsResult validators(byte[] json) throws ParseException {
        return validatorsResult(result(json));
    }

    public static ValidatorsResult validators(JsonNode result) throws ParseException {
        return validatorsResult(JsonCursor.root(result));
    }

    private static ValidatorsResult validatorsResult(JsonCursor r) throws ParseException {
        long height = positiveHeight(r.field("block_height"));
        List<Validator> page = validatorList(r.field("validators"), "voting_power");
        JsonCursor countField = r.field("count");
        long count = countField.int32(0, ValidatorSet.MAX_VALIDATORS);
        long total = r.field("total").int32(0, ValidatorSet.MAX_VALIDATORS);
        if (count != page.size()) {
            throw countField.fail("says " + count + " validators but the page lists " + page.size());
        }
        if (count > total) {
            throw countField.fail("a page of " + count + " validators is more than the total of " + total);
        }
        return new ValidatorsResult(height, page, (int) count, (int) total);
    }

    private static List<Validator> validatorList(JsonCursor array, String powerField) throws ParseException {
        List<JsonCursor> items = array.array(ValidatorSet.MAX_VALIDATORS);
        List<Validator> out = new ArrayList<>(items.size());
        for (JsonCursor v : items) {
            out.add(validator(v, powerField));
        }
        return out;
    }

    static Validator validator(JsonCursor v, String powerField) throws ParseException {
        Ed25519PublicKey key = publicKey(v.field("pub_key"));
        Optional<JsonCursor> address = v.optional("address");
        if (address.isPresent()) {
            Bytes given = address.get().hex(ADDRESS);
            if (!given.equals(key.address())) {
                throw address.get().fail("the address " + given + " does not belong to the public key (its address is "
                        + key.address() + ")");
            }
        }
        JsonCursor powerCursor = v.field(powerField);
        long power = powerCursor.nonNegative();
        if (power > ValidatorSet.MAX_TOTAL_VOTING_POWER) {
            throw powerCursor.fail("voting power " + power + " exceeds CometBFT's maximum");
        }
        Optional<JsonCursor> priority = v.optional("proposer_priority");
        long proposerPriority = priority.isPresent() ? priority.get().int64() : 0;
        return new Validator(key, power, proposerPriority);
    }

    static Ed25519PublicKey publicKey(JsonCursor k) throws ParseException {
        JsonCursor type = k.field("type");
        String typeName = type.string(64);
        if (!Ed25519PublicKey.JSON_TYPE.equals(typeName)) {
            throw type.fail("only Ed25519 validator keys (" + Ed25519PublicKey.JSON_TYPE + ") are supported, found "
                    + typeName);
        }
        JsonCursor value = k.field("value");
        Bytes bytes = value.base64(Ed25519PublicKey.SIZE);
        try {
            return Ed25519PublicKey.of(bytes);
        } catch (IllegalArgumentException e) {
            throw value.fail(e.getMessage());
        }
    }

    /** A validator set object as in light block files: {@code validators} and optionally {@code proposer}. */
    static ValidatorSet validatorSet(JsonCursor c) throws ParseException {
        List<Validator> validators = validatorList(c.field("validators"), "voting_power");
        Optional<JsonCursor> proposerField = c.optional("proposer");
        Validator proposer = proposerField.isPresent() ? validator(proposerField.get(), "voting_power") : null;
        try {
            return ValidatorSet.of(validators, proposer);
        } catch (IllegalArgumentException e) {
            throw c.fail(e.getMessage());
        }
    }

    /** The validators of a /genesis answer (they carry {@code power}, not {@code voting_power}). */
    public static List<Validator> genesisValidators(byte[] json) throws ParseException {
        JsonCursor r = result(json);
        JsonCursor genesis = r.optional("genesis").isPresent() ? r.field("genesis") : r;
        return validatorList(genesis.field("validators"), "power");
    }

    // ---- light block (model-based cases, `ledger verify` files) ----------------------------

    public static LightBlock lightBlock(byte[] json) throws ParseException {
        return lightBlock(result(json));
    }

    public static LightBlock lightBlock(JsonNode tree) throws ParseException {
        return lightBlock(JsonCursor.root(tree));
    }

    static LightBlock lightBlock(JsonCursor c) throws ParseException {
        SignedHeader sh = signedHeader(c.field("signed_header"));
        Optional<JsonCursor> vals = c.optional("validator_set");
        Optional<JsonCursor> next = c.optional("next_validator_set");
        return new LightBlock(sh,
                vals.isPresent() ? validatorSet(vals.get()) : null,
                next.isPresent() ? validatorSet(next.get()) : null);
    }

    // ---- /status, /block, /abci_query -------------------------------------------------------

    public static StatusResult status(byte[] json) throws ParseException {
        return StatusParser.status(result(json));
    }

    public static StatusResult status(JsonNode result) throws ParseException {
        return StatusParser.status(JsonCursor.root(result));
    }

    public static BlockResult block(byte[] json) throws ParseException {
        return StatusParser.block(result(json));
    }

    public static BlockResult block(JsonNode result) throws ParseException {
        return StatusParser.block(JsonCursor.root(result));
    }

    public static AbciQueryResult abciQuery(byte[] json) throws ParseException {
        return StatusParser.abciQuery(result(json));
    }

    public static AbciQueryResult abciQuery(JsonNode result) throws ParseException {
        return StatusParser.abciQuery(JsonCursor.root(result));
    }
}
