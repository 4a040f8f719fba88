package org.healthwallet.ledger.cometbft.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.healthwallet.ledger.cometbft.BlockIdFlag;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.ValidatorKey;
import org.healthwallet.ledger.testing.GeneratedChain;
import org.healthwallet.ledger.testing.SharedTestData;
import org.junit.jupiter.api.Test;

/** CometBFT's JSON conventions, both ways, on real answers and on what a server could send instead. */
class CometJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static byte[] fixture(String name) {
        return SharedTestData.read("cometbft/rpc-v0.38/" + name).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode commitFixture() throws Exception {
        return (ObjectNode) MAPPER.readTree(fixture("commit_at_height_10.json"));
    }

    private static JsonNode at(ObjectNode root, String pointer) {
        return root.at(pointer);
    }

    /** Found with the fuzz tests' number dictionary: Jackson refuses this decimal with a bare NumberFormatException. */
    @Test
    void aNumberBeyondAnyDecimalIsAParseError() {
        byte[] answer = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"signed_header\":1e99999999225600}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CometJsonParser.commit(answer)).isInstanceOf(ParseException.class)
                .hasMessageContaining("number");
        assertThatThrownBy(() -> CometJsonParser.reply(answer)).isInstanceOf(ParseException.class);
    }

    @Test
    void writerReproducesTheRealCommitAndBlockAnswers() throws Exception {
        JsonNode commit = MAPPER.readTree(fixture("commit_at_height_10.json")).get("result");
        assertThat(written(CometJsonWriter.commitResult(CometJsonParser.commit(commit)))).isEqualTo(commit);
        JsonNode block = MAPPER.readTree(fixture("block_at_height_10.json")).get("result");
        assertThat(written(CometJsonWriter.blockResult(CometJsonParser.block(block)))).isEqualTo(block);
        JsonNode query = MAPPER.readTree(fixture("abci_query_with_existing_key.json")).get("result");
        assertThat(written(CometJsonWriter.abciQueryResult(CometJsonParser.abciQuery(query)))).isEqualTo(query);
    }

    /** What a client reading the written text sees. */
    private static JsonNode written(JsonNode node) throws Exception {
        return MAPPER.readTree(CometJsonWriter.toJson(node));
    }

    @Test
    void statusAndQueryAnswersAreRead() throws Exception {
        StatusResult status = CometJsonParser.status(fixture("status.json"));
        assertThat(status.network()).isEqualTo("dockerchain");
        assertThat(status.latestBlockHeight()).isEqualTo(232);
        assertThat(status.latestBlockTime()).isEqualTo(Instant.parse("2023-05-17T14:14:48.530153458Z"));
        assertThat(status.validator().orElseThrow().votingPower()).isEqualTo(10);
        AbciQueryResult q = CometJsonParser.abciQuery(fixture("abci_query_with_existing_key.json"));
        assertThat(new String(q.key().toArray(), StandardCharsets.UTF_8)).isEqualTo("tx0");
        assertThat(new String(q.value().toArray(), StandardCharsets.UTF_8)).isEqualTo("value");
        assertThat(q.height()).isEqualTo(254);
        StatusResult again = CometJsonParser.status(CometJsonWriter.status(status));
        assertThat(again).isEqualTo(status);
    }

    @Test
    void validatorPagesAndLightBlocksRoundTrip() throws Exception {
        List<ValidatorKey> keys = GeneratedChain.keys(3, "json");
        ValidatorsResult page = new ValidatorsResult(7, keys.stream().map(k -> k.validator(5)).toList(), 3, 5);
        String json = CometJsonWriter.toJson(CometJsonWriter.rpcResult(null, CometJsonWriter.validatorsResult(page)));
        assertThat(json).contains("\"count\":\"3\"").contains("\"total\":\"5\"").contains("\"voting_power\":\"5\"");
        assertThat(CometJsonParser.validators(utf8(json))).isEqualTo(page);

        GeneratedChain chain = GeneratedChain.stable("json-chain", keys, 3, Instant.parse("2024-02-29T23:59:59.123456789Z"));
        LightBlock block = chain.lightBlock(2);
        LightBlock back = CometJsonParser.lightBlock(utf8(CometJsonWriter.toJson(CometJsonWriter.lightBlock(block))));
        assertThat(back).isEqualTo(block);
    }

    @Test
    void timesKeepNanosecondsAndFollowGo() {
        assertThat(RfcTime.format(Instant.parse("2023-05-17T14:12:53.605374524Z"))).isEqualTo("2023-05-17T14:12:53.605374524Z");
        assertThat(RfcTime.format(Instant.parse("2023-05-17T14:12:53.600Z"))).isEqualTo("2023-05-17T14:12:53.6Z");
        assertThat(RfcTime.format(Instant.parse("1970-01-01T00:00:01Z"))).isEqualTo("1970-01-01T00:00:01Z");
        assertThat(RfcTime.format(CommitSig.GO_ZERO_TIME)).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(RfcTime.parse("2023-05-17T16:12:53.5+02:00")).isEqualTo(Instant.parse("2023-05-17T14:12:53.5Z"));
        assertThatThrownBy(() -> RfcTime.parse("2023-05-17T14:12:53.1234567891Z")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RfcTime.parse("2023-02-30T00:00:00Z")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RfcTime.parse("2023-05-17 14:12:53Z")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partsAndPartSetHeaderAreBothAccepted() throws Exception {
        ObjectNode root = commitFixture();
        ObjectNode blockId = (ObjectNode) at(root, "/result/signed_header/commit/block_id");
        blockId.set("part_set_header", blockId.remove("parts"));
        Commit commit = CometJsonParser.commit(utf8(root.toString())).signedHeader().commit();
        assertThat(commit.blockId().partSetHeader().total()).isEqualTo(1);

        blockId.set("parts", blockId.get("part_set_header"));
        assertThatThrownBy(() -> CometJsonParser.commit(utf8(root.toString())))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("$.result.signed_header.commit.block_id").hasMessageContaining("both");
    }

    @Test
    void absentSignaturesAreReadHoweverTheyAreWritten() throws Exception {
        for (String absent : List.of(
                "{\"block_id_flag\":1,\"validator_address\":\"\",\"timestamp\":\"0001-01-01T00:00:00Z\",\"signature\":null}",
                "{\"block_id_flag\":1,\"validator_address\":\"\",\"timestamp\":\"1970-01-01T00:00:00Z\",\"signature\":\"\"}",
                "{\"block_id_flag\":1,\"validator_address\":null,\"timestamp\":null,\"signature\":null}",
                "{\"block_id_flag\":1}")) {
            ObjectNode root = commitFixture();
            ((ArrayNode) at(root, "/result/signed_header/commit/signatures")).add(MAPPER.readTree(absent));
            CommitSig sig = CometJsonParser.commit(utf8(root.toString())).signedHeader().commit().signatures().get(1);
            assertThat(sig.flag()).isEqualTo(BlockIdFlag.ABSENT);
            assertThat(sig.timestamp()).isEqualTo(CommitSig.GO_ZERO_TIME);
        }
    }

    private static void assertRejected(String pointer, String field, String value, String expectedPath, String words)
            throws Exception {
        ObjectNode root = commitFixture();
        ObjectNode parent = (ObjectNode) at(root, pointer);
        if (value == null) {
            parent.remove(field);
        } else {
            parent.set(field, MAPPER.readTree(value));
        }
        assertThatThrownBy(() -> CometJsonParser.commit(utf8(root.toString())))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith(expectedPath)
                .hasMessageContaining(words);
    }

    @Test
    void whatIsHashedOrSignedIsReadStrictly() throws Exception {
        String header = "/result/signed_header/header";
        String sig = "/result/signed_header/commit/signatures/0";
        assertRejected(header, "validators_hash", "\"33415EFF\"", "$.result.signed_header.header.validators_hash", "32 bytes");
        assertRejected(header, "height", "\"ten\"", "$.result.signed_header.header.height", "decimal string");
        assertRejected(header, "height", "\"9223372036854775808\"", "$.result.signed_header.header.height", "64 bits");
        assertRejected(header, "height", "1.5", "$.result.signed_header.header.height", "integer");
        assertRejected(header, "height", "1e999999999", "$.result.signed_header.header.height", "integer");
        assertRejected(header, "time", "\"2023-05-17T14:12:53.0888751240Z\"", "$.result.signed_header.header.time", "RFC 3339");
        assertRejected(header, "chain_id", "{}", "$.result.signed_header.header.chain_id", "expected text, found an object");
        assertRejected(header, "proposer_address", null, "$.result.signed_header.header.proposer_address", "missing");
        assertRejected(header, "app_hash", "\"XYZ\"", "$.result.signed_header.header.app_hash", "hexadecimal");
        assertRejected(sig, "signature", "\"5y0K\"", "$.result.signed_header.commit.signatures[0].signature", "64-byte");
        assertRejected(sig, "signature", "\"not base64!\"", "$.result.signed_header.commit.signatures[0].signature", "base64");
        assertRejected(sig, "block_id_flag", "7", "$.result.signed_header.commit.signatures[0].block_id_flag", "unknown block id flag");
        assertRejected(sig, "timestamp", null, "$.result.signed_header.commit.signatures[0].timestamp", "missing");
        assertRejected(sig, "validator_address", "\"2DD9\"", "$.result.signed_header.commit.signatures[0].validator_address", "20 bytes");
        assertRejected("/result/signed_header/commit", "round", "-1", "$.result.signed_header.commit.round", "from 0");
    }

    @Test
    void aValidatorAddressMustBelongToItsKey() {
        String json = "{\"block_height\":\"1\",\"count\":\"1\",\"total\":\"1\",\"validators\":[{\"address\":"
                + "\"0000000000000000000000000000000000000000\",\"pub_key\":{\"type\":\"tendermint/PubKeyEd25519\","
                + "\"value\":\"bNNlGls5R25wC3Sd8720F/3+7IZBhXcD22MNFtPk/v0=\"},\"voting_power\":\"10\"}]}";
        assertThatThrownBy(() -> CometJsonParser.validators(utf8(json)))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("$.validators[0].address").hasMessageContaining("2DD9F44F");
        String secp = json.replace("tendermint/PubKeyEd25519", "tendermint/PubKeySecp256k1");
        assertThatThrownBy(() -> CometJsonParser.validators(utf8(secp))).hasMessageContaining("only Ed25519");
        String lying = json.replace("0000000000000000000000000000000000000000", "2DD9F44FD9067555C322243C3C913BA7B51D2BE0")
                .replace("\"count\":\"1\"", "\"count\":\"2\"").replace("\"total\":\"1\"", "\"total\":\"2\"");
        assertThatThrownBy(() -> CometJsonParser.validators(utf8(lying))).hasMessageContaining("says 2 validators");
    }

    @Test
    void nodeErrorsAreReportedWithTheirText() throws Exception {
        String error = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"Internal error\","
                + "\"data\":\"height 20 must be less than or equal to the current blockchain height 10\"}}";
        RpcReply reply = CometJsonParser.reply(utf8(error));
        assertThat(reply).isEqualTo(new RpcReply.Error(-32603, "Internal error",
                "height 20 must be less than or equal to the current blockchain height 10"));
        assertThatThrownBy(() -> CometJsonParser.commit(utf8(error)))
                .isInstanceOf(ParseException.class).hasMessageContaining("must be less than or equal");
    }

    @Test
    void hostileDocumentsEndInAParseException() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> CometJsonParser.tree(utf8(deep))).isInstanceOf(ParseException.class)
                .hasMessageContaining("depth");
        StringBuilder huge = new StringBuilder("[");
        for (int i = 0; i < 200_000; i++) {
            huge.append(i == 0 ? "0" : ",0");
        }
        assertThatThrownBy(() -> CometJsonParser.tree(utf8(huge.append(']').toString())))
                .isInstanceOf(ParseException.class).hasMessageContaining("more than 100000 items");
        byte[] tooBig = new byte[(16 << 20) + 1];
        java.util.Arrays.fill(tooBig, (byte) ' ');
        assertThatThrownBy(() -> CometJsonParser.tree(tooBig)).isInstanceOf(ParseException.class)
                .hasMessageContaining("more than the");
        assertThatThrownBy(() -> CometJsonParser.tree(utf8("{\"a\":1,\"a\":2}"))).isInstanceOf(ParseException.class)
                .hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> CometJsonParser.tree(utf8("{} {}"))).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> CometJsonParser.tree(utf8("<html>502</html>"))).isInstanceOf(ParseException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> CometJsonParser.tree(utf8(""))).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> CometJsonParser.commit(utf8("[]"))).isInstanceOf(ParseException.class)
                .hasMessageContaining("expected an object");
    }

    @Test
    void tooManyValidatorsAreRefusedBeforeAnyKeyIsDecoded() {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i <= 10_000; i++) {
            list.append(i == 0 ? "" : ",").append("{}");
        }
        String json = "{\"block_height\":\"1\",\"count\":\"1\",\"total\":\"1\",\"validators\":[" + list + "]}";
        assertThatThrownBy(() -> CometJsonParser.validators(utf8(json))).isInstanceOf(ParseException.class)
                .hasMessageContaining("$.validators").hasMessageContaining("10000");
    }

    @Test
    void randomDamageNeverEscapesAsAnythingButAParseException() throws Exception {
        byte[] original = fixture("commit_at_height_10.json");
        java.util.Random random = new java.util.Random(42);
        int parsed = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] damaged = original.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                damaged[random.nextInt(damaged.length)] = (byte) " \"{}[],:0123456789-.eEAFaf\\nrtu".charAt(random.nextInt(31));
            }
            try {
                CometJsonParser.commit(damaged);
                parsed++;
            } catch (ParseException expected) {
                assertThat(expected.getMessage()).startsWith("$");
            }
        }
        assertThat(parsed).isLessThan(3000);
    }
}
