package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.node.relay.RelayTestNetwork.PATIENT;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;
import org.healthwallet.ledger.state.StateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a clear refusal and changes nothing: unsigned, forged, replayed or stale creates,
 * bodies that break the rules, oversized bodies, clients polling too fast, and path tricks that
 * are refused before any share is looked up.
 */
class BadRequestTest {
    static final String BUNDLE = ShareLifecycleTest.BUNDLE;

    @TempDir
    Path dir;

    @Test
    void signedRequestsAreCheckedBeforeAnythingIsStored() throws Exception {
        RelayTuning tuning = RelayTestNetwork.testTuning().withMaxShareBytes(64 * 1024);
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, tuning)) {
            String shares = t.relay.url() + "/shares";
            long exp = t.clock.instant().getEpochSecond() + 3600;
            byte[] body = RelayTestNetwork.body(t.jwes(TestJwe.key(t.random), BUNDLE), exp, "", null)
                    .getBytes(StandardCharsets.UTF_8);

            RelayTestNetwork.Response unsigned = t.send(HttpRequest.newBuilder(URI.create(shares))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            assertThat(unsigned.status()).isEqualTo(401);
            assertThat(unsigned.json().path("error").asText()).contains("signed");

            long now = t.clock.instant().getEpochSecond();
            RelayTestNetwork.Response stale = t.signedWith("POST", shares, Action.CREATE, "-", body, PATIENT, now - 301,
                    "AAECAwQFBgcICQoLDA0ODw");
            assertThat(stale.status()).isEqualTo(401);
            assertThat(stale.json().path("error").asText()).contains("clock");

            byte[] tampered = body.clone();
            RelayTestNetwork.Response first = t.signedWith("POST", shares, Action.CREATE, "-", body, PATIENT, now,
                    "EBESExQVFhcYGRobHB0eHw");
            assertThat(first.status()).isEqualTo(201);
            RelayTestNetwork.Response replay = t.signedWith("POST", shares, Action.CREATE, "-", body, PATIENT, now,
                    "EBESExQVFhcYGRobHB0eHw");
            assertThat(replay.status()).isEqualTo(409);
            tampered[tampered.length - 2] = (byte) '9';
            RelayTestNetwork.Response forged = t.send(HttpRequest.newBuilder(URI.create(shares))
                    .header("HW-Key", first.raw().request().headers().firstValue("HW-Key").orElseThrow())
                    .header("HW-Time", Long.toString(now))
                    .header("HW-Nonce", "ICEiIyQlJicoKSorLC0uLw")
                    .header("HW-Signature", first.raw().request().headers().firstValue("HW-Signature").orElseThrow())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(tampered)));
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.json().path("error").asText()).contains("signature does not verify");

            for (String bad : List.of(
                    RelayTestNetwork.body(List.of("not.a.jwe"), exp, "", null),
                    RelayTestNetwork.body(List.of(TestJwe.encrypt(TestJwe.key(t.random), BUNDLE, t.random)), exp, "PL", "2468"),
                    RelayTestNetwork.body(List.of(TestJwe.encrypt(TestJwe.key(t.random), BUNDLE, t.random)), exp, "P", null),
                    RelayTestNetwork.body(t.jwes(TestJwe.key(t.random), BUNDLE, BUNDLE), exp, "U", null),
                    RelayTestNetwork.body(t.jwes(TestJwe.key(t.random), BUNDLE), now - 1, "", null),
                    RelayTestNetwork.body(t.jwes(TestJwe.key(t.random), BUNDLE), now + 366 * 86400L, "", null),
                    RelayTestNetwork.body(t.jwes(TestJwe.key(t.random), BUNDLE), exp, "P", "123"),
                    "{\"v\":2,\"files\":[],\"expiresAt\":1}",
                    "{\"v\":1,\"v\":1}",
                    "[1,2]",
                    "{")) {
                RelayTestNetwork.Response r = t.signed("POST", shares, Action.CREATE, "-",
                        bad.getBytes(StandardCharsets.UTF_8), PATIENT, t.clock.instant());
                assertThat(r.status()).as(bad).isEqualTo(400);
                assertThat(r.json().path("error").asText()).as(bad).isNotBlank().doesNotContain("Exception");
            }

            byte[] huge = RelayTestNetwork.body(t.jwes(TestJwe.key(t.random), "x".repeat(70_000)), exp, "", null)
                    .getBytes(StandardCharsets.UTF_8);
            RelayTestNetwork.Response tooBig = t.signed("POST", shares, Action.CREATE, "-", huge, PATIENT, t.clock.instant());
            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(t.provenValue(StateKey.accessLogHead(PATIENT.publicKey()))).isEmpty();
        }
    }

    @Test
    void manifestRequestsOutsideTheRulesAreRefused() throws Exception {
        RelayTuning tuning = RelayTestNetwork.testTuning().withRateLimit(3, 0.5);
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, tuning)) {
            RelayTestNetwork.Share share = t.share(PATIENT, 3600, "P", "2468", BUNDLE);
            URI url = share.manifestUrl();
            assertThat(t.post(url, "{\"passcode\":\"2468\"}").status()).as("no recipient").isEqualTo(400);
            assertThat(t.post(url, "{\"recipient\":\"Dr.\\u0000Ng\"}").status()).as("control character").isEqualTo(400);
            assertThat(t.manifest(share.manifestUrl(), "x".repeat(201), "2468", null).status()).as("201 bytes").isEqualTo(400);

            RelayTestNetwork.Response polling = t.manifest(url, "Dr. Ng", "2468", null);
            assertThat(polling.status()).as("the burst of 3 is used up").isEqualTo(429);
            assertThat(Long.parseLong(polling.raw().headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
            RelayTestNetwork.Share other = t.share(PATIENT, 3600, "", null, BUNDLE);
            assertThat(t.manifest(other.manifestUrl(), "Dr. Ng", null, null).status()).as("another link is not limited")
                    .isEqualTo(200);
            Thread.sleep(Duration.ofSeconds(2).toMillis() + 100);

            String big = "{\"recipient\":\"Dr. Ng\",\"padding\":\"" + "x".repeat(17 * 1024) + "\"}";
            assertThat(t.post(url, big).status()).isEqualTo(413);
            assertThat(t.manifest(url, "Dr. Ng", null, null).json().path("remainingAttempts").asInt())
                    .as("nothing counted so far").isEqualTo(3);
        }
    }

    @Test
    void pathTricksNeverReachAShare() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            RelayTestNetwork.Share share = t.share(PATIENT, 3600, "P", "2468", BUNDLE);
            String manifestId = share.manifestUrl().getPath().substring("/shl/".length());
            String base = t.relay.url().toString();
            List<String> tricks = List.of(
                    "/shl/" + manifestId + "/../" + manifestId,
                    "/shl/../shl/" + manifestId,
                    "/shl/%2e%2e/shl/" + manifestId,
                    "/shl%2F" + manifestId,
                    "/shl/" + manifestId.substring(0, 42) + "%" + "41",
                    "/shl//" + manifestId,
                    "/shl/" + manifestId + "/",
                    "/shl/" + manifestId + "x",
                    "/shl/" + manifestId.repeat(6),
                    "/shl/" + manifestId + ";a=b",
                    "/shares/" + share.id() + "/..",
                    "/files/../shl/" + manifestId);
            for (String trick : tricks) {
                RelayTestNetwork.Response r = t.post(URI.create(base + trick), "{\"recipient\":\"Mallory\",\"passcode\":\"0000\"}");
                assertThat(r.status()).as(trick).isIn(400, 404, 405);
                assertThat(r.text()).as(trick).doesNotContain("remainingAttempts");
            }
            RelayTestNetwork.Response deleteTrick = t.signed("DELETE", base + "/shares/" + share.id() + "%2F..",
                    Action.REVOKE, share.id(), new byte[0], PATIENT, t.clock.instant());
            assertThat(deleteTrick.status()).isEqualTo(400);
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", null, null).json().path("remainingAttempts").asInt())
                    .as("no trick reached the passcode check").isEqualTo(3);
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", "2468", null).status()).isEqualTo(200);
        }
    }
}
