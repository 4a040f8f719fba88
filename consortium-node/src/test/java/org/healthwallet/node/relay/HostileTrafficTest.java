package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.node.relay.RelayTestNetwork.OTHER_PATIENT;
import static org.healthwallet.node.relay.RelayTestNetwork.PATIENT;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;
import org.healthwallet.ledger.tx.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay refuses hostile traffic early and cheaply (issue 12): limits and rate checks before the
 * body, slow heads and bodies cut off, a quota per patient key, uploads deleted when their grant
 * never appears, and rate limits keyed by the client behind a trusted reverse proxy. Raw sockets
 * play the slow or lying client; the relay is the real one on a real dev network.
 */
class HostileTrafficTest {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    private static RelayTuning tuning(TrafficLimits traffic) {
        return RelayTestNetwork.testTuning().withTraffic(traffic);
    }

    @Test
    void theRateLimitAnswersBeforeTheBodyArrives() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            for (int i = 0; i < 20; i++) {
                t.post(URI.create(t.relay.url() + "/shares"), "{}");
            }
            // A create that announces a body and never sends it: the 429 must not wait for the body.
            String answer = statusLine(t.relay.port(), "POST /shares HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000\r\n\r\n", new byte[0]);
            assertThat(answer).as("the answer to the 21st create, its body not sent").startsWith("HTTP/1.1 429");
        }
    }

    @Test
    void aBodyDeclaredTooLargeIsRefusedAtOnceAndTheConnectionClosed() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning());
             Socket socket = connect(t.relay.port())) {
            send(socket, "POST /shares HTTP/1.1\r\nHost: relay\r\nContent-Length: " + (64L << 20) + "\r\n\r\n", new byte[0]);
            String answer = readAll(socket);
            assertThat(answer).as("the answer to a 64 MiB body, none of it sent").startsWith("HTTP/1.1 413")
                    .contains("larger than the " + RelayTuning.DEFAULT.maxShareBytes() + " bytes");
        }
    }

    @Test
    void aClientSendingItsHeadersSlowlyIsCutOff() throws Exception {
        TrafficLimits limits = TrafficLimits.DEFAULT.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, tuning(limits));
             Socket socket = connect(t.relay.port())) {
            send(socket, "GET /view HTTP/1.1\r\nHost: relay\r\n", new byte[0]);
            assertThat(readAll(socket)).as("what a half-sent head gets before the relay closes").isEmpty();
            assertThat(t.get(URI.create(t.relay.url() + "/view")).status()).isEqualTo(200);
        }
    }

    @Test
    void aClientSendingItsBodySlowlyIsCutOff() throws Exception {
        TrafficLimits limits = TrafficLimits.DEFAULT.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, tuning(limits));
             Socket socket = connect(t.relay.port())) {
            String link = "/shl/" + "A".repeat(43);
            send(socket, "POST " + link + " HTTP/1.1\r\nHost: relay\r\nContent-Length: 200\r\n\r\n",
                    "{\"recipient\":".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(socket)).as("what a body sent a tenth at a time gets before the relay closes").isEmpty();
        }
    }

    @Test
    void aRefusedRequestWhoseBodyComesSlowlyIsAnsweredAndClosedWithoutWaitingForIt() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning().withRateLimit(2, 0.1));
             Socket socket = connect(t.relay.port())) {
            URI link = URI.create(t.relay.url() + "/shl/" + "B".repeat(43));
            t.post(link, "{\"recipient\":\"Dr. Ng\"}");
            t.post(link, "{\"recipient\":\"Dr. Ng\"}");
            send(socket, "POST " + link.getRawPath() + " HTTP/1.1\r\nHost: relay\r\nContent-Length: 8192\r\n\r\n",
                    "{\"recipient\":".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            assertThat(readAll(socket)).as("the answer, then the close").startsWith("HTTP/1.1 429").contains("Retry-After");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_WITHIN);
        }
    }

    @Test
    void aPatientKeyKeepsAtMostItsQuotaAndHearsWhy() throws Exception {
        TrafficLimits limits = TrafficLimits.DEFAULT.withQuota(6_000, TrafficLimits.DEFAULT.maxWaitingBytes());
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, tuning(limits))) {
            String records = "x".repeat(2_000);
            RelayTestNetwork.Share first = t.share(PATIENT, 3600, "", null, records);
            t.share(PATIENT, 3600, "", null, records);
            RelayTestNetwork.Response third = create(t, PATIENT, records);
            assertThat(third.status()).as(third.text()).isEqualTo(413);
            assertThat(third.json().path("error").asText()).contains("This key already keeps").contains("may keep 5.9 KiB")
                    .contains("revoke shares it no longer needs");
            assertThat(create(t, OTHER_PATIENT, records).status()).as("another key has its own quota").isEqualTo(201);
            assertThat(t.revoke(PATIENT, first).status()).isEqualTo(204);
            assertThat(create(t, PATIENT, records).status()).as("after a revoke, room again").isEqualTo(201);
        }
    }

    @Test
    void anUploadWhoseGrantNeverAppearsIsDeletedAndAGrantedOneStays() throws Exception {
        TrafficLimits limits = TrafficLimits.DEFAULT.withGrantWait(Duration.ofSeconds(1));
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, tuning(limits))) {
            RelayTestNetwork.Share granted = t.share(PATIENT, 3600, "", null, ShareLifecycleTest.BUNDLE);
            RelayTestNetwork.Share never = t.upload(PATIENT, 3600, "", null, ShareLifecycleTest.BUNDLE);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!"UNCLAIMED".equals(status(t, never.id())) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(status(t, never.id())).as("the upload without a grant, 20 s after").isEqualTo("UNCLAIMED");
            assertThat(status(t, granted.id())).isEqualTo("ACTIVE");
            // A grant that comes too late finds nothing to serve.
            assertThat(t.grant(PATIENT, never, never.expiresAt())).isZero();
            assertThat(t.manifest(never.manifestUrl(), "Dr. Ng", null, null).status()).isEqualTo(404);
            assertThat(t.manifest(granted.manifestUrl(), "Dr. Ng", null, null).status()).isEqualTo(200);
        }
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnRateLimit() throws Exception {
        TrafficLimits limits = TrafficLimits.DEFAULT.withTrustedProxies(List.of("127.0.0.1"));
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, tuning(limits))) {
            for (int i = 0; i < 20; i++) {
                assertThat(createFrom(t, "198.51.100.7").status()).isEqualTo(401);
            }
            assertThat(createFrom(t, "198.51.100.7").status()).as("the flooding client").isEqualTo(429);
            assertThat(createFrom(t, "203.0.113.9").status()).as("another client behind the same proxy").isEqualTo(401);
            assertThat(createFrom(t, "203.0.113.9, 198.51.100.7").status())
                    .as("the proxy's own hop is the one it saw; what the client wrote before it does not count").isEqualTo(429);
        }
    }

    @Test
    void fromAnUntrustedPeerForwardedForIsIgnored() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            for (int i = 0; i < 20; i++) {
                createFrom(t, "198.51.100." + i);
            }
            assertThat(createFrom(t, "203.0.113.9").status()).as("a made-up address does not buy a new bucket").isEqualTo(429);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static RelayTestNetwork.Response create(RelayTestNetwork t, SigningKey patient, String records) throws Exception {
        byte[] key = TestJwe.key(t.random);
        String body = RelayTestNetwork.body(t.jwes(key, records), t.clock.instant().getEpochSecond() + 3600, "", null);
        return t.signed("POST", t.relay.url() + "/shares", Action.CREATE, "-", body.getBytes(StandardCharsets.UTF_8), patient,
                t.clock.instant());
    }

    private static RelayTestNetwork.Response createFrom(RelayTestNetwork t, String forwardedFor) throws Exception {
        return t.send(HttpRequest.newBuilder(URI.create(t.relay.url() + "/shares")).header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private static String status(RelayTestNetwork t, String shareId) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + t.relayDir().resolve(ShareStore.FILE));
             PreparedStatement s = db.prepareStatement("SELECT status FROM shares WHERE id = ?")) {
            s.setString(1, shareId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) ANSWER_WITHIN.toMillis());
        return socket;
    }

    private static void send(Socket socket, String head, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** The first line of the answer to {@code head} (and the start of a body that never ends). */
    private static String statusLine(int port, String head, byte[] body) throws IOException {
        try (Socket socket = connect(port)) {
            send(socket, head, body);
            String answer = readAll(socket);
            int end = answer.indexOf("\r\n");
            return end < 0 ? answer : answer.substring(0, end);
        }
    }

    /**
     * What the relay sends until it closes the connection; fails when the relay neither answers
     * nor closes within {@link #ANSWER_WITHIN} (a worker is then held by a client that sends nothing).
     */
    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (text.indexOf("\r\n\r\n") >= 0 && !text.toString().contains("Connection: close")
                        && !text.toString().toLowerCase(java.util.Locale.ROOT).contains("connection: close")) {
                    return text.toString();
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the relay neither answered nor closed the connection within " + ANSWER_WITHIN
                    + "; it sent: " + text, e);
        } catch (IOException e) {
            // A reset is a close too.
        }
        return text.toString();
    }
}
