package org.healthwallet.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.json.RfcTime;
import org.healthwallet.ledger.testing.GeneratedChain;
import org.healthwallet.ledger.testing.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `ledger verify` entry point over files shaped like the model-based cases' blocks. */
class LightBlockFileTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String name, JsonNode node) throws Exception {
        Path p = dir.resolve(name);
        MAPPER.writeValue(p.toFile(), node);
        return p;
    }

    @Test
    void modelBasedBlocksGiveTheirVerdictText() throws Exception {
        JsonNode root = MAPPER.readTree(SharedTestData.read("cometbft/model-based/MC4_4_faulty_TestSuccess.json"));
        Path trusted = write("trusted.json", root.get("initial"));
        Options options = new Options(Fraction.ONE_THIRD,
                Duration.ofNanos(root.get("initial").get("trusting_period").asLong()), Duration.ZERO);
        JsonNode first = root.get("input").get(0);
        Path untrusted = write("untrusted.json", first.get("block"));
        Instant now = RfcTime.parse(first.get("now").asText());

        assertThat(LightBlockFile.verdictText(LightBlockFile.verify(trusted, untrusted, now, options)))
                .isEqualTo(first.get("verdict").asText()).isEqualTo("NOT_ENOUGH_TRUST");

        JsonNode second = root.get("input").get(1);
        Path next = write("next.json", second.get("block"));
        assertThat(LightBlockFile.verdictText(LightBlockFile.verify(trusted, next,
                RfcTime.parse(second.get("now").asText()), options))).isEqualTo("SUCCESS");
    }

    @Test
    void anInvalidVerdictNamesItsReason() throws Exception {
        GeneratedChain chain = GeneratedChain.stable("file-chain", GeneratedChain.keys(4, "file"), 10,
                Instant.parse("2025-01-01T00:00:00Z"));
        Path trusted = dir.resolve("t.json");
        Path untrusted = dir.resolve("u.json");
        LightBlockFile.write(chain.lightBlock(5), trusted);
        LightBlockFile.write(chain.lightBlock(3), untrusted);
        assertThat(LightBlockFile.read(trusted)).isEqualTo(chain.lightBlock(5));
        String text = LightBlockFile.verdictText(LightBlockFile.verify(trusted, untrusted,
                Instant.parse("2025-01-01T00:01:00Z"), Options.DEFAULT));
        assertThat(text).startsWith("INVALID: NON_INCREASING_HEIGHT: height 3 is not above the trusted height 5");
    }

    @Test
    void unreadableFilesSayWhichFileAndWhere() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"signed_header\":{\"header\":{}}}");
        assertThatThrownBy(() -> LightBlockFile.read(broken)).isInstanceOf(LightBlockFileException.class)
                .hasMessageContaining("broken.json is not a light block")
                .hasMessageContaining("$.signed_header.header.version: missing");
        assertThatThrownBy(() -> LightBlockFile.read(dir.resolve("nope.json")))
                .hasMessageContaining("There is no file");
    }

    @Test
    void commandLineValuesAreRead() {
        assertThat(Fraction.parse("2/3")).isEqualTo(Fraction.TWO_THIRDS);
        assertThat(Options.parseDuration("168h")).isEqualTo(Duration.ofHours(168));
        assertThat(Options.parseDuration("1h30m10.5s")).isEqualTo(Duration.ofSeconds(5410, 500_000_000));
        assertThat(Options.parseDuration("14d")).isEqualTo(Duration.ofDays(14));
        assertThat(Options.parseDuration("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Options.parseDuration("1400000000000ns")).isEqualTo(Duration.ofNanos(1400000000000L));
        assertThatThrownBy(() -> Options.parseDuration("ten minutes")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Options.DEFAULT.withTrustLevel(Fraction.parse("1/4")))
                .hasMessageContaining("from 1/3 to 1");
        assertThatThrownBy(() -> Options.DEFAULT.withTrustLevel(Fraction.parse("4/3")))
                .hasMessageContaining("from 1/3 to 1");
        assertThatThrownBy(() -> Fraction.parse("1/0")).hasMessageContaining("positive denominator");
    }

    @Test
    void fractionsCompareExactlyWithoutOverflow() {
        Fraction third = Fraction.ONE_THIRD;
        assertThat(third.isExceededBy(2, 6)).isFalse();
        assertThat(third.isExceededBy(3, 6)).isTrue();
        long max = Long.MAX_VALUE / 8;
        assertThat(Fraction.TWO_THIRDS.isExceededBy(max / 3 * 2, max)).isFalse();
        assertThat(Fraction.TWO_THIRDS.isExceededBy(max / 3 * 2 + 2, max)).isTrue();
        assertThat(new Fraction(Long.MAX_VALUE - 1, Long.MAX_VALUE).isExceededBy(Long.MAX_VALUE, Long.MAX_VALUE)).isTrue();
    }

    @Test
    void aTrustRootWithoutItsOwnValidatorSetIsReadAsSuch() throws Exception {
        JsonNode root = MAPPER.readTree(SharedTestData.read("cometbft/model-based/MC4_4_faulty_TestSuccess.json"));
        LightBlock initial = LightBlockFile.read(write("root.json", root.get("initial")));
        assertThat(initial.validatorSet()).isNull();
        assertThat(initial.nextValidatorSet()).isNotNull();
    }
}
