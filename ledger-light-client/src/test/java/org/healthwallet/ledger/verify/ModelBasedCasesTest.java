package org.healthwallet.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.RfcTime;
import org.healthwallet.ledger.testing.SharedTestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 41 single-step model-based cases from tendermint-rs: the initial trusted state is the signed
 * header with its next validator set; each input is verified against the last trusted block, and a
 * SUCCESS makes it the trusted block. Trust level 1/3, clock drift 0.
 */
class ModelBasedCasesTest {
    static Stream<Path> cases() throws Exception {
        return Files.list(SharedTestData.path("cometbft/model-based"))
                .filter(p -> p.toString().endsWith(".json"))
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyStepGivesTheExpectedVerdict(Path file) throws Exception {
        JsonNode root = CometJsonParser.tree(Files.readAllBytes(file));
        JsonNode initial = root.get("initial");
        LightBlock trusted = CometJsonParser.lightBlock(initial);
        assertThat(trusted.validatorSet()).isNull();
        Duration period = Duration.ofNanos(Long.parseLong(initial.get("trusting_period").asText()));
        Options options = new Options(Fraction.ONE_THIRD, period, Duration.ZERO);

        int step = 0;
        for (JsonNode input : root.get("input")) {
            LightBlock untrusted = CometJsonParser.lightBlock(input.get("block"));
            Instant now = RfcTime.parse(input.get("now").asText());
            Verdict verdict = Verifier.verify(trusted, untrusted, options, now);
            String expected = input.get("verdict").asText();
            assertThat(label(verdict))
                    .as("%s step %d (height %d after trusted %d): %s", file.getFileName(), step,
                            untrusted.height(), trusted.height(), verdict.describe())
                    .isEqualTo(expected);
            if (verdict.isSuccess()) {
                trusted = untrusted;
            }
            step++;
        }
        assertThat(step).isPositive();
    }

    private static String label(Verdict v) {
        if (v instanceof Verdict.NotEnoughTrust) {
            return "NOT_ENOUGH_TRUST";
        }
        return v instanceof Verdict.Invalid ? "INVALID" : "SUCCESS";
    }
}
