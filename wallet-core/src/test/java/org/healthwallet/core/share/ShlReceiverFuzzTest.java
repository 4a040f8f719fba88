package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any manifest a relay answers: {@link ShlReceiver#open} returns the share or throws
 * {@link ShareException} with a message, nothing else. The input is the manifest body a real
 * HTTP server on 127.0.0.1 answers; every request, also to a file's {@code location} on another
 * host, goes through that server as the client's proxy, so nothing leaves this computer (https
 * locations fail at the proxy, as an unreachable server), and Jazzer's SSRF detector reports a
 * connection to any other address. A {@code location} on the server answers
 * with a valid encrypted file. Seeds: manifests with embedded and located files (docs/fuzzing.md).
 */
class ShlReceiverFuzzTest {
    static final ShareKey KEY = ShareKey.of(new byte[ShareKey.BYTES]);
    private static HttpServer server;
    private static volatile byte[] manifest = new byte[0];
    private static String file;
    private static ShlReceiver receiver;
    private static ShareLink link;

    @BeforeAll
    static void start() throws IOException {
        // Headers and body go out in two writes; without TCP_NODELAY each answer waits ~40 ms for a
        // delayed ACK, which leaves the fuzzer 20 runs a second. This JVM runs only this test.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        file = new Jwe(new SecureRandom()).encrypt("{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8), KEY,
                Jwe.Options.of("application/fhir+json", false));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ShlReceiverFuzzTest::answer);
        server.start();
        InetSocketAddress address = server.getAddress();
        receiver = new ShlReceiver(HttpClient.newBuilder().proxy(ProxySelector.of(address))
                .followRedirects(HttpClient.Redirect.NEVER).build(), Clock.systemUTC(),
                new ShlReceiver.Options(Duration.ofSeconds(10), 4096, 1 << 20, 1 << 20));
        link = ShareLink.of(URI.create("http://127.0.0.1:" + address.getPort() + "/manifest"), KEY, Optional.empty(),
                Set.of(), Optional.empty());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "POST".equals(exchange.getRequestMethod()) ? manifest : file.getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void open(byte[] input) {
        manifest = input;
        // Jazzer's SSRF detector stays on for every other address: a connection anywhere else is a finding.
        int port = server.getAddress().getPort();
        try (SilentCloseable onlyThisServer = BugDetectors.allowNetworkConnections(
                (host, to) -> to == port && (host.equals("localhost") || host.equals("127.0.0.1")))) {
            ReceivedShare share = receiver.open(link, "Dr. Fuzz", Optional.empty());
            assertThat(share.files()).isNotEmpty();
        } catch (ShareException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
