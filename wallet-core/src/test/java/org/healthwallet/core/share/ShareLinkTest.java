package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.healthwallet.core.share.ShareLink.Flag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShareLinkTest {
    private static final String KEY = "rxTgYlOaKJPFtcEd0qcceN8wEU4p94SqAwIWQe6uX7Q";
    private static final URI MANIFEST = URI.create("https://relay.example.org/shl/I91rhba3VsuGXGchcnr6VHlQFKxfE28kuZ0ssbEuxno");

    @Test
    void theSpecificationsExampleLinkParses() throws Exception {
        ShareLink link = ShareLink.parse(ShareTestData.exampleLink());

        assertThat(link.url()).hasToString("https://raw.githubusercontent.com/seanno/shc-demo-data/main/ips/IPS_IG-bundle-01-enc.txt");
        assertThat(link.key().toBase64Url()).isEqualTo(KEY);
        assertThat(link.flags()).containsExactlyInAnyOrder(Flag.L, Flag.U);
        assertThat(link.label()).contains("Demo SHL for IPS_IG-bundle-01");
        assertThat(link.expiresAt()).isEmpty();
        assertThat(link.version()).isEqualTo(1);
    }

    @Test
    void theSpecificationsGenerationExampleParsesBareAndBehindAViewer() throws Exception {
        String bare = "shlink:/eyJ1cmwiOiJodHRwczovL2Voci5leGFtcGxlLm9yZy9xci9ZOXh3a1VkdG1OOXd3b0pvTjNmZkpJaFgyVUd2Q0wxSm5sUFZOTDNrRFdNL20iLCJmbGFnIjoiTFAiLCJrZXkiOiJyeFRnWWxPYUtKUEZ0Y0VkMHFjY2VOOHdFVTRwOTRTcUF3SVdRZTZ1WDdRIiwibGFiZWwiOiJCYWNrLXRvLXNjaG9vbCBpbW11bml6YXRpb25zIGZvciBPbGl2ZXIgQnJvd24ifQ";
        ShareLink link = ShareLink.parse(bare);
        assertThat(link.flags()).containsExactlyInAnyOrder(Flag.L, Flag.P);
        assertThat(link.label()).contains("Back-to-school immunizations for Oliver Brown");
        assertThat(ShareLink.parse("  https://viewer.example.org#" + bare + "\n")).isEqualTo(link);
    }

    @Test
    void ourLinkRoundTripsInBothForms() throws Exception {
        ShareLink link = ShareLink.of(MANIFEST, ShareKey.generate(new SecureRandom()),
                Optional.of(Instant.parse("2026-12-01T10:15:30Z")), EnumSet.of(Flag.P), Optional.of("Allergies for Dr. Ng"));

        String uri = link.toShlinkUri();
        String viewer = link.toViewerUrl(URI.create("https://relay.example.org"));

        assertThat(uri).startsWith("shlink:/").doesNotContain("=");
        assertThat(viewer).isEqualTo("https://relay.example.org/view#" + uri);
        assertThat(link.toViewerUrl(URI.create("http://127.0.0.1:8080/"))).isEqualTo("http://127.0.0.1:8080/view#" + uri);
        assertThat(ShareLink.parse(uri)).isEqualTo(link);
        assertThat(ShareLink.parse(viewer)).isEqualTo(link);
        String json = new String(Base64.getUrlDecoder().decode(uri.substring(8)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"url\":\"" + MANIFEST + "\",\"key\":\"" + link.key().toBase64Url()
                + "\",\"exp\":1796120130,\"flag\":\"P\",\"label\":\"Allergies for Dr. Ng\",\"v\":1}");
    }

    @Test
    void theKeyNeverAppearsInToString() throws Exception {
        ShareLink link = ShareLink.parse(ShareTestData.exampleLink());
        assertThat(link.toString()).doesNotContain(KEY).contains("key hidden");
        assertThat(link.key().toString()).doesNotContain(KEY);
    }

    @Test
    void expiryIsAHintTheLinkAnswers() {
        ShareLink link = ShareLink.of(MANIFEST, ShareKey.generate(new SecureRandom()),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")), Set.of(), Optional.empty());
        assertThat(link.isExpiredAt(Instant.parse("2025-12-31T23:59:59Z"))).isFalse();
        assertThat(link.isExpiredAt(Instant.parse("2026-01-01T00:00:00Z"))).isTrue();
    }

    @Test
    void flagLettersTheSpecificationMayAddLaterAreIgnored() throws Exception {
        ShareLink link = ShareLink.parse(link("{\"url\":\"https://a.example/m\",\"key\":\"" + KEY + "\",\"flag\":\"LQ\",\"future\":[1]}"));
        assertThat(link.flags()).containsExactly(Flag.L);
    }

    @Test
    void theIgsMillisecondExpiryExampleStillParsesAsAFarFutureDate() throws Exception {
        ShareLink link = ShareLink.parse(link("{\"url\":\"https://a.example/m\",\"key\":\"" + KEY + "\",\"exp\":1767225600000}"));
        assertThat(link.expiresAt()).isPresent();
        assertThat(link.isExpiredAt(Instant.parse("2100-01-01T00:00:00Z"))).isFalse();
    }

    /**
     * Found by reading ShareLinkFuzzTest's paths: rounding an expiry of 1e99999999 seconds to a
     * whole second computed a hundred-million-digit number (the parse hung), and so did 1e-99999999.
     */
    @Test
    void anExpiryWithAHugeExponentIsRefusedAtOnce() throws Exception {
        // {"url":"https://relay.example.org/m","key":"AAAA…","exp":1e99999999}
        String huge = "shlink:/eyJ1cmwiOiJodHRwczovL3JlbGF5LmV4YW1wbGUub3JnL20iLCJrZXkiOiJBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB"
                + "QUFBQUFBQUFBQUFBIiwiZXhwIjoxZTk5OTk5OTk5fQ";
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> ShareLink.parse(huge))
                .isInstanceOf(MalformedLinkException.class).hasMessageContaining("too far in the future"));
        ShareLink tiny = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> ShareLink.parse(
                link("{\"url\":\"https://a.example/m\",\"key\":\"" + KEY + "\",\"exp\":1e-99999999}")));
        assertThat(tiny.expiresAt()).contains(Instant.EPOCH);
    }

    /** ShareLinkFuzzTest finding: a number past BigDecimal's exponent range escaped Jackson as a NumberFormatException. */
    @Test
    void aNumberBeyondAnyDecimalIsMalformed() {
        // {"url":"https://a.example/m","key":"AAAA…","exp":17671e99999999225600}
        String link = "shlink:/eyJ1cmwiOiJodHRwczovL2EuZXhhbXBsZS9tIiwia2V5IjoiQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB"
                + "QUFBQSIsImV4cCI6MTc2NzFlOTk5OTk5OTkyMjU2MDB9";
        assertThatThrownBy(() -> ShareLink.parse(link)).isInstanceOf(MalformedLinkException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void linksWeWouldBuildWrongAreRefusedAtConstruction() {
        ShareKey key = ShareKey.generate(new SecureRandom());
        assertThatThrownBy(() -> ShareLink.of(MANIFEST, key, Optional.empty(), EnumSet.of(Flag.P, Flag.U), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U and P");
        assertThatThrownBy(() -> ShareLink.of(URI.create("http://relay.example.org/m"), key, Optional.empty(), Set.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http://");
        assertThatThrownBy(() -> ShareLink.of(MANIFEST, key, Optional.empty(), Set.of(), Optional.of("x".repeat(81))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("81 characters");
    }

    static Stream<Arguments> malformed() {
        String ok = "\"url\":\"https://a.example/m\",\"key\":\"" + KEY + "\"";
        return Stream.of(
                Arguments.of("empty", "   ", "The link is empty."),
                Arguments.of("no scheme", "https://a.example/view", "does not contain \"shlink:/\""),
                Arguments.of("nothing after the scheme", "shlink:/", "the rest of it is missing"),
                Arguments.of("bad base64", "shlink:/eyJ1cmwi*", "character 9 (\"*\") is not a base64url character"),
                Arguments.of("padding", "shlink:/eyJ9", null),
                Arguments.of("padding =", "shlink:/e30=", "padding"),
                Arguments.of("impossible length", "shlink:/eyJ1c", "not a whole number of bytes"),
                Arguments.of("line break inside", "shlink:/eyJ1\ncmwi", "U+000A"),
                Arguments.of("viewer prefix not a URL", "open me#shlink:/e30", "not a web address"),
                Arguments.of("not JSON", link("url=https://a"), "not valid JSON"),
                Arguments.of("JSON array", link("[1,2]"), "not a JSON object"),
                Arguments.of("duplicate key", link("{" + ok + ",\"key\":\"" + KEY + "\"}"), "appears twice"),
                Arguments.of("no url", link("{\"key\":\"" + KEY + "\"}"), "has no \"url\""),
                Arguments.of("url a number", link("{\"url\":5,\"key\":\"" + KEY + "\"}"), "\"url\" must be text"),
                Arguments.of("url not https", link("{\"url\":\"http://relay.example.org/m\",\"key\":\"" + KEY + "\"}"), "plain http://"),
                Arguments.of("url ftp", link("{\"url\":\"ftp://a.example/m\",\"key\":\"" + KEY + "\"}"), "must be an https://"),
                Arguments.of("url relative", link("{\"url\":\"/m\",\"key\":\"" + KEY + "\"}"), "must be an https://"),
                Arguments.of("url too long", link("{\"url\":\"https://a.example/" + "m".repeat(120) + "\",\"key\":\"" + KEY + "\"}"), "at most 128"),
                Arguments.of("url with user", link("{\"url\":\"https://me@a.example/m\",\"key\":\"" + KEY + "\"}"), "user name"),
                Arguments.of("no key", link("{\"url\":\"https://a.example/m\"}"), "has no \"key\""),
                Arguments.of("key too short", link("{\"url\":\"https://a.example/m\",\"key\":\"" + KEY.substring(1) + "\"}"), "43 base64url characters (32 bytes), not 42"),
                Arguments.of("key too long", link("{\"url\":\"https://a.example/m\",\"key\":\"" + KEY + "AA\"}"), "not 45"),
                Arguments.of("key not base64url", link("{\"url\":\"https://a.example/m\",\"key\":\"" + KEY.substring(0, 42) + "+\"}"), "is not a base64url character"),
                Arguments.of("key non-canonical", link("{\"url\":\"https://a.example/m\",\"key\":\"" + KEY.substring(0, 42) + "R\"}"), "last character"),
                Arguments.of("exp text", link("{" + ok + ",\"exp\":\"tomorrow\"}"), "must be a number of seconds"),
                Arguments.of("exp negative", link("{" + ok + ",\"exp\":-5}"), "before 1970"),
                Arguments.of("exp huge", link("{" + ok + ",\"exp\":1e300}"), "too far in the future"),
                Arguments.of("flag lower case", link("{" + ok + ",\"flag\":\"lp\"}"), "contain \"l\""),
                Arguments.of("flag digit", link("{" + ok + ",\"flag\":\"P1\"}"), "contain \"1\""),
                Arguments.of("flag twice", link("{" + ok + ",\"flag\":\"PP\"}"), "name P twice"),
                Arguments.of("flag not text", link("{" + ok + ",\"flag\":7}"), "flags must be text"),
                Arguments.of("U with P", link("{" + ok + ",\"flag\":\"PU\"}"), "U and P together"),
                Arguments.of("label too long", link("{" + ok + ",\"label\":\"" + "é".repeat(81) + "\"}"), "81 characters long; at most 80"),
                Arguments.of("label not text", link("{" + ok + ",\"label\":{}}"), "label must be text"),
                Arguments.of("label with line break", link("{" + ok + ",\"label\":\"a\\nb\"}"), "control characters"),
                Arguments.of("version 2", link("{" + ok + ",\"v\":2}"), "version 2 of SMART Health Links"),
                Arguments.of("version zero", link("{" + ok + ",\"v\":0}"), "positive whole number"),
                Arguments.of("version text", link("{" + ok + ",\"v\":\"1\"}"), "positive whole number"),
                Arguments.of("huge text", "shlink:/" + "A".repeat(9000), "characters long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedLinksGetAMessageSayingWhatIsWrong(String name, String text, String message) {
        var thrown = assertThatThrownBy(() -> ShareLink.parse(text)).isInstanceOf(MalformedLinkException.class);
        if (message != null) {
            thrown.hasMessageContaining(message);
        }
        thrown.satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    private static String link(String json) {
        return "shlink:/" + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
