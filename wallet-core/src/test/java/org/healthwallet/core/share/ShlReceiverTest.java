package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.healthwallet.core.share.ShareAccessException.Reason;
import org.healthwallet.core.share.ShareLink.Flag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShlReceiverTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final String BUNDLE_A = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"id\":\"a\",\"entry\":[]}";
    private static final String BUNDLE_B = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"id\":\"b\",\"entry\":[]}";

    private final SecureRandom random = new SecureRandom();
    private final Jwe jwe = new Jwe(random);
    private final ShareKey key = ShareKey.generate(random);
    private final ShlReceiver receiver = new ShlReceiver(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
            Clock.fixed(NOW, ZoneOffset.UTC), ShlReceiver.Options.DEFAULT);
    private LoopbackServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ShareLink link(String path, Set<Flag> flags, Optional<Instant> expiry) {
        return ShareLink.of(server.url(path), key, expiry, flags, Optional.of("Test share"));
    }

    private String encrypt(String json) {
        return jwe.encrypt(json.getBytes(StandardCharsets.UTF_8), key, Jwe.Options.of("application/fhir+json", true));
    }

    @Test
    void embeddedAndLocationFilesAreFetchedAndDecryptedInOrder() throws Exception {
        String fileB = encrypt(BUNDLE_B);
        server.on("/m/abc", req -> LoopbackServer.Reply.json(200, "{\"files\":["
                + "{\"contentType\":\"application/fhir+json\",\"embedded\":\"" + encrypt(BUNDLE_A) + "\"},"
                + "{\"contentType\":\"application/fhir+json\",\"location\":\"" + server.url("/f/1") + "\"}],"
                + "\"list\":{\"resourceType\":\"List\"},\"futureField\":true}"))
              .on("/f/1", req -> LoopbackServer.Reply.jose(fileB));

        ReceivedShare got = receiver.open(link("/m/abc", EnumSet.of(Flag.P), Optional.of(NOW.plusSeconds(3600))).toShlinkUri(),
                "Dr. Ng, City Clinic", Optional.of("2468"));

        assertThat(got.files()).extracting(ReceivedShare.File::text).containsExactly(BUNDLE_A, BUNDLE_B);
        assertThat(got.files()).extracting(ReceivedShare.File::contentType).containsOnly("application/fhir+json");
        LoopbackServer.Seen manifest = server.seen().get(0);
        assertThat(manifest.method()).isEqualTo("POST");
        assertThat(manifest.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = ShareJson.read(manifest.body());
        assertThat(body.path("recipient").asText()).isEqualTo("Dr. Ng, City Clinic");
        assertThat(body.path("passcode").asText()).isEqualTo("2468");
        assertThat(body.path("embeddedLengthMax").asInt()).isEqualTo(ShlReceiver.Options.DEFAULT.embeddedLengthMax());
        assertThat(server.seen().get(1).method()).isEqualTo("GET");
        assertThat(server.seen().get(1).path()).isEqualTo("/f/1");
        assertThat(server.seen()).allSatisfy(s -> assertThat(s.text() + s.query()).doesNotContain(key.toBase64Url()));
    }

    @Test
    void theSpecificationsExampleOpensAsADirectFileByteForByte() throws Exception {
        ShareLink example = ShareLink.parse(ShareTestData.exampleLink());
        server.on("/ips/IPS_IG-bundle-01-enc.txt", req -> LoopbackServer.Reply.jose(ShareTestData.exampleJwe()));
        // The same key, flags and label, served from loopback instead of GitHub.
        ShareLink local = ShareLink.of(server.url("/ips/IPS_IG-bundle-01-enc.txt"), example.key(), example.expiresAt(),
                example.flags(), example.label());

        ReceivedShare got = receiver.open(local, "Dr. Ng", Optional.empty());

        assertThat(got.files()).singleElement().satisfies(f -> {
            assertThat(f.content()).isEqualTo(ShareTestData.exampleBundle());
            assertThat(f.contentType()).isEqualTo("application/fhir+json");
        });
        LoopbackServer.Seen get = server.seen().get(0);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.query()).isEqualTo("recipient=Dr.+Ng");
    }

    @Test
    void aWrongPasscodeSaysHowManyAttemptsAreLeft() {
        server.on("/m/p", req -> ShareJson.read(req.body()).path("passcode").asText().equals("1111")
                ? LoopbackServer.Reply.json(401, "{\"remainingAttempts\":2}")
                : LoopbackServer.Reply.json(401, "{\"remainingAttempts\":0}"));
        ShareLink link = link("/m/p", EnumSet.of(Flag.P), Optional.empty());

        assertThatThrownBy(() -> receiver.open(link, "Dr. Ng", Optional.of("1111")))
                .isInstanceOfSatisfying(ShareAccessException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSCODE);
                    assertThat(e.remainingAttempts()).hasValue(2);
                    assertThat(e.getMessage()).isEqualTo("The passcode is wrong. 2 attempts are left before the link is disabled.");
                });
        assertThatThrownBy(() -> receiver.open(link, "Dr. Ng", Optional.of("2222")))
                .isInstanceOfSatisfying(ShareAccessException.class, e -> {
                    assertThat(e.remainingAttempts()).hasValue(0);
                    assertThat(e.getMessage()).contains("no attempts are left").doesNotContain("2222");
                });
    }

    @Test
    void goneTooManyAndUnavailableAreToldApart() {
        server.on("/gone", req -> LoopbackServer.Reply.json(404, "{}"))
              .on("/busy", req -> new LoopbackServer.Reply(429, Map.of("Retry-After", "30"), new byte[0]))
              .on("/down", req -> new LoopbackServer.Reply(503, Map.of("Retry-After", "120"), new byte[0]))
              .on("/odd", req -> LoopbackServer.Reply.status(500));

        assertAccess("/gone", Reason.NOT_FOUND, "no longer works");
        ShareAccessException busy = assertAccess("/busy", Reason.TOO_MANY_REQUESTS, "wait 30 seconds and try again");
        assertThat(busy.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(assertAccess("/down", Reason.UNAVAILABLE, "try again in 2 minutes").retryAfter()).contains(Duration.ofMinutes(2));
        assertAccess("/odd", Reason.BAD_ANSWER, "HTTP 500");
    }

    private ShareAccessException assertAccess(String path, Reason reason, String message) {
        try {
            receiver.open(link(path, Set.of(), Optional.empty()), "Dr. Ng", Optional.empty());
        } catch (ShareAccessException e) {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
            return e;
        } catch (ShareException e) {
            throw new AssertionError("wrong kind of error: " + e);
        }
        throw new AssertionError("no error for " + path);
    }

    @Test
    void anExpiredLinkOrAMissingPasscodeIsRefusedBeforeAnyRequest() {
        server.on("/m", req -> LoopbackServer.Reply.json(200, "{\"files\":[]}"));

        assertThatThrownBy(() -> receiver.open(link("/m", Set.of(), Optional.of(NOW.minusSeconds(1))), "Dr. Ng", Optional.empty()))
                .isInstanceOfSatisfying(ShareAccessException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
                    assertThat(e.getMessage()).isEqualTo("This link expired on 29 November 2026 at 09:59 UTC. Ask the patient for a new one.");
                });
        assertThatThrownBy(() -> receiver.open(link("/m", EnumSet.of(Flag.P), Optional.empty()), "Dr. Ng", Optional.empty()))
                .isInstanceOfSatisfying(ShareAccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PASSCODE_NEEDED));
        assertThatThrownBy(() -> receiver.open(link("/m", Set.of(), Optional.empty()), " ", Optional.empty()))
                .isInstanceOf(ShareException.class).hasMessageContaining("Enter your name");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void aTamperedEmbeddedFileGivesAnErrorAndNoRecords() {
        String good = encrypt(BUNDLE_A);
        char[] chars = good.toCharArray();
        int at = good.lastIndexOf('.') - 5;
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        server.on("/m", req -> LoopbackServer.Reply.json(200, "{\"files\":[{\"contentType\":\"application/fhir+json\","
                + "\"embedded\":\"" + new String(chars) + "\"}]}"));

        assertThatThrownBy(() -> receiver.open(link("/m", Set.of(), Optional.empty()), "Dr. Ng", Optional.empty()))
                .isInstanceOf(JweException.class).hasMessageContaining("does not open with this link's key");
    }

    @Test
    void answersThatBreakTheProtocolAreRefusedClearly() {
        server.on("/notjson", req -> LoopbackServer.Reply.json(200, "<html>hello</html>"))
              .on("/nofiles", req -> LoopbackServer.Reply.json(200, "{\"files\":[]}"))
              .on("/neither", req -> LoopbackServer.Reply.json(200, "{\"files\":[{\"contentType\":\"application/fhir+json\"}]}"))
              .on("/plainhttp", req -> LoopbackServer.Reply.json(200,
                      "{\"files\":[{\"contentType\":\"application/fhir+json\",\"location\":\"http://files.example.org/1\"}]}"))
              .on("/redirect", req -> new LoopbackServer.Reply(302, Map.of("Location", "https://elsewhere.example.org/"), new byte[0]))
              .on("/huge", req -> LoopbackServer.Reply.json(200, "{\"files\":[],\"pad\":\"" + "x".repeat(5000) + "\"}"));

        assertAccess("/notjson", Reason.BAD_ANSWER, "not valid JSON");
        assertAccess("/nofiles", Reason.BAD_ANSWER, "lists no files");
        assertAccess("/neither", Reason.BAD_ANSWER, "neither \"embedded\" nor \"location\"");
        assertAccess("/plainhttp", Reason.BAD_ANSWER, "not https");
        assertAccess("/redirect", Reason.BAD_ANSWER, "HTTP 302");
        ShlReceiver small = new ShlReceiver(HttpClient.newHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC),
                new ShlReceiver.Options(Duration.ofSeconds(5), 1000, 4096, 1 << 20));
        assertThatThrownBy(() -> small.open(link("/huge", Set.of(), Optional.empty()), "Dr. Ng", Optional.empty()))
                .isInstanceOfSatisfying(ShareAccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ANSWER));
        assertThat(server.seen()).noneMatch(s -> s.path().equals("/1"));
    }

    @Test
    void aServerThatIsNotThereIsUnreachable() throws Exception {
        URI closed;
        try (LoopbackServer gone = new LoopbackServer()) {
            closed = gone.url("/m");
        }
        ShareLink link = ShareLink.of(closed, key, Optional.empty(), Set.of(), Optional.empty());
        assertThatThrownBy(() -> receiver.open(link, "Dr. Ng", Optional.empty()))
                .isInstanceOfSatisfying(ShareAccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE));
    }
    /**
     * ShlReceiverFuzzTest finding: behind a proxy, a file location whose host has a label over 63
     * characters made the JDK's TLS (SNI) throw IllegalArgumentException out of open().
     */
    @Test
    void aHostNameTlsCannotCarryIsAClearErrorBehindAProxy() throws Exception {
        String manifest = "{\"files\":[{\"contentType\":\"application/fhir+json\",\"location\":\"https://"
                + "m".repeat(64) + ".example.org/2\"}]}";
        // A proxy that says yes to everything: the manifest for the POST, 200 to the CONNECT.
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] body = manifest.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        proxy.start();
        try {
            ShlReceiver behindProxy = new ShlReceiver(HttpClient.newBuilder().proxy(ProxySelector.of(proxy.getAddress()))
                    .followRedirects(HttpClient.Redirect.NEVER).build(), Clock.fixed(NOW, ZoneOffset.UTC),
                    new ShlReceiver.Options(Duration.ofSeconds(20), 4096, 1 << 20, 1 << 20));
            ShareLink link = ShareLink.of(URI.create("http://127.0.0.1:" + proxy.getAddress().getPort() + "/m/abc"), key,
                    Optional.empty(), Set.of(), Optional.empty());

            assertThatThrownBy(() -> behindProxy.open(link, "Dr. Ng", Optional.empty()))
                    .isInstanceOfSatisfying(ShareAccessException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                    .hasMessageContaining("m".repeat(64));
        } finally {
            proxy.stop(0);
        }
    }
}
