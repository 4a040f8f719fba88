package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The create body's rules, the passcode hash and the rate limiter, each on its own. */
class ShareUploadTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final String JWE = TestJwe.encrypt(TestJwe.key(RANDOM), "{}", RANDOM);

    static ShareUpload parse(String json) throws BadRequestException {
        return ShareUpload.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static String share(String extra) {
        return "{\"v\":1,\"files\":[{\"contentType\":\"application/fhir+json\",\"jwe\":\"" + JWE + "\"}],\"expiresAt\":1767225600"
                + extra + "}";
    }

    @Test
    void acceptsWhatTheWalletSends() throws Exception {
        ShareUpload upload = parse(share(",\"flags\":\"LP\",\"passcode\":\"correct horse\""));
        assertThat(upload.flags()).isEqualTo("LP");
        assertThat(upload.files()).singleElement().satisfies(f -> assertThat(f.jwe()).isEqualTo(JWE));
        assertThat(upload.toString()).doesNotContain("correct horse").doesNotContain(JWE);
        assertThat(parse(share(",\"flags\":\"\"")).passcode()).isEmpty();
        assertThat(ShareUpload.jweProblem(JWE)).isNull();
    }

    @Test
    void refusesWhatBreaksTheRules() {
        String[] bad = {
            share(",\"flags\":\"PL\",\"passcode\":\"2468\""),
            share(",\"flags\":\"LL\""),
            share(",\"flags\":\"X\""),
            share(",\"flags\":\"P\""),
            share(",\"passcode\":\"2468\""),
            share(",\"flags\":\"P\",\"passcode\":\"24\""),
            share(",\"flags\":\"P\",\"passcode\":\"24\\n68\""),
            share(",\"extra\":1"),
            share(",\"expiresAt\":2"),
            "{\"v\":1,\"files\":[{\"contentType\":\"text/html\",\"jwe\":\"" + JWE + "\"}],\"expiresAt\":1}",
            "{\"v\":1,\"files\":[{\"contentType\":\"application/fhir+json\",\"jwe\":\"a.b.c\"}],\"expiresAt\":1}",
            "{\"v\":1,\"files\":[],\"expiresAt\":1}",
            "{\"v\":1,\"files\":[{\"contentType\":\"application/fhir+json\",\"jwe\":\"" + JWE.replaceFirst("\\.\\.", ".AAAA.")
                    + "\"}],\"expiresAt\":1}",
            "{} {}",
        };
        for (String json : bad) {
            assertThatThrownBy(() -> parse(json)).as(json).isInstanceOfSatisfying(BadRequestException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
        String rsa = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}".getBytes(StandardCharsets.US_ASCII));
        assertThat(ShareUpload.jweProblem(rsa + JWE.substring(JWE.indexOf('.')))).contains("dir");
    }

    @Test
    void passcodeHashMatchesOnlyTheRightPasscodeAndHidesIt() {
        PasscodeHash hash = PasscodeHash.of("2468", PasscodeHash.MIN_ITERATIONS, RANDOM);
        assertThat(hash.matches("2468")).isTrue();
        assertThat(hash.matches("2469")).isFalse();
        assertThat(hash.matches("")).isFalse();
        assertThat(PasscodeHash.of("2468", PasscodeHash.MIN_ITERATIONS, RANDOM).hash()).as("salted").isNotEqualTo(hash.hash());
        assertThat(hash.toString()).doesNotContain("2468");
    }

    @Test
    void rateLimiterAllowsABurstThenTellsHowLongToWait() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(2, 0.5, now::get);
        assertThat(limiter.take("link", "10.0.0.1")).isEmpty();
        assertThat(limiter.take("link", "10.0.0.1")).isEmpty();
        Optional<Duration> wait = limiter.take("link", "10.0.0.1");
        assertThat(wait).contains(Duration.ofSeconds(2));
        assertThat(limiter.take("link", "10.0.0.2")).as("another client").isEmpty();
        assertThat(limiter.take("other", "10.0.0.1")).as("another link").isEmpty();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(limiter.take("link", "10.0.0.1")).isEmpty();
        assertThat(limiter.take("link", "10.0.0.1")).isPresent();
    }
}
