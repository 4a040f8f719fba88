package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.cometbft.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code node relay} when the ledger cannot be asked whether the relay is registered, or its answer
 * cannot be read: the operator is told that, on one line naming the node, with exit code 1 (not the
 * "not registered" advice and exit code 2, which would send them to collect signatures for nothing),
 * and the relay's folder is left as it was.
 */
class RelayCommandLedgerFailureTest {
    @TempDir
    Path dir;

    private HttpServer node;

    @AfterEach
    void stop() {
        if (node != null) node.stop(0);
    }

    @Test
    void aNodeAnsweringSomethingThatIsNotJsonIsNamedAndNothingIsWritten() throws Exception {
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", exchange -> {
            byte[] body = "<html><body>It works!</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        node.start();
        URI url = URI.create("http://127.0.0.1:" + node.getAddress().getPort());

        Failure failure = runAgainst(url);

        assertThat(failure.exit()).isEqualTo(1);
        assertThat(failure.err()).startsWith("The relay could not start: ").contains(url.toString())
                .contains("not JSON").doesNotContain("not registered");
    }

    @Test
    void aNodeThatIsNotListeningIsNamedAndNothingIsWritten() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + freePort());

        Failure failure = runAgainst(url);

        assertThat(failure.exit()).isEqualTo(1);
        assertThat(failure.err()).startsWith("The relay could not start: ").contains(url.toString())
                .contains("cannot be reached").doesNotContain("not registered");
    }

    record Failure(int exit, String err) {
    }

    /**
     * Starts {@code node relay} on a data folder the relay has used before, against a consortium whose
     * primary is {@code primary}; checks that the folder is unchanged, nothing went to out, and err is
     * one line.
     */
    private Failure runAgainst(URI primary) throws Exception {
        ConsortiumConfig consortium = new ConsortiumConfig(new Checkpoint("healthwallet-devnet", 1, Bytes.of(new byte[32])),
                primary, List.of(URI.create("http://127.0.0.1:" + freePort())), Optional.empty());
        Path config = dir.resolve("consortium.json");
        consortium.write(config);
        Path relayDir = dir.resolve("relay");
        // A relay that ran before: its key, share store and light-client store already exist.
        RelayServer.start(new RelayOptions(relayDir, RelayOptions.LOOPBACK, 0, Optional.empty(), Optional.empty(),
                RelayTuning.DEFAULT), consortium).close();
        Map<String, String> before = contents(relayDir);
        assertThat(before).isNotEmpty();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new RelayCommand(new RelayCommandOptions(config, relayDir, 0, RelayOptions.LOOPBACK, Optional.empty(),
                Optional.empty(), Optional.empty()), print(out), print(err)).run();

        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said.strip()).doesNotContain("\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(contents(relayDir)).isEqualTo(before);
        return new Failure(exit, said.strip());
    }

    /** Every file under {@code root} with the SHA-256 of its bytes. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
