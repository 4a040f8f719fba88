package org.healthwallet.ledger.cometbft.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * Any bytes a CometBFT node (or a light block file) hands the wallet: every reader of
 * {@link CometJsonParser} returns a value or throws {@link ParseException} with a message, nothing
 * else; and what it accepts, {@link CometJsonWriter} writes back to JSON the parser reads to an
 * equal value. Seeds: answers the project's writer made for a generated chain (docs/fuzzing.md).
 */
class CometJsonFuzzTest {
    /** Parses a document one way; writes the value back as JSON (null when there is no writer). */
    private interface Reader {
        Object read(byte[] json) throws ParseException;
    }

    private interface Writer {
        JsonNode write(Object value);
    }

    @DictionaryEntries({"\"result\":", "\"error\":", "\"signed_header\":", "1e99999999", "9223372036854775808", "1970-01-01T00:00:00Z"})
    @FuzzTest(maxDuration = "5s")
    void parse(byte[] input) throws ParseException {
        parses(input, CometJsonParser::reply, null);
        parses(input, CometJsonParser::tree, null);
        parses(input, CometJsonParser::header, v -> CometJsonWriter.header((org.healthwallet.ledger.cometbft.Header) v));
        parses(input, CometJsonParser::genesisValidators, null);
        parses(input, CometJsonParser::commit, v -> CometJsonWriter.commitResult((CommitResult) v));
        parses(input, CometJsonParser::validators, v -> CometJsonWriter.validatorsResult((ValidatorsResult) v));
        parses(input, CometJsonParser::lightBlock,
                v -> CometJsonWriter.lightBlock((org.healthwallet.ledger.cometbft.LightBlock) v));
        parses(input, CometJsonParser::status, v -> CometJsonWriter.status((StatusResult) v));
        parses(input, CometJsonParser::block, v -> CometJsonWriter.blockResult((BlockResult) v));
        parses(input, CometJsonParser::abciQuery, v -> CometJsonWriter.abciQueryResult((AbciQueryResult) v));
    }

    private static void parses(byte[] input, Reader reader, Writer writer) throws ParseException {
        Object value;
        try {
            value = reader.read(input);
        } catch (ParseException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        if (writer != null) {
            byte[] again = CometJsonWriter.toJson(writer.write(value)).getBytes(StandardCharsets.UTF_8);
            assertThat(reader.read(again)).isEqualTo(value);
        }
    }
}
