package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.node.devnet.DevnetCommand;
import org.healthwallet.node.devnet.DevnetCommandOptions;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev network starts its relay, admits it on the ledger and names it; `node relay` runs one against a consortium file. */
class EmbeddedRelayTest {
    @TempDir
    Path dir;

    @Test
    void devNetworkStartsARegisteredRelayThatKeepsItsKeyAndPort() throws Exception {
        EmbeddedConsortiumOptions options = new EmbeddedConsortiumOptions(dir, 4, 0, 3, Duration.ofMillis(100), true);
        String url;
        String key;
        try (EmbeddedConsortium c = EmbeddedConsortium.start(options)) {
            RelayServer relay = c.relay().orElseThrow();
            url = relay.url().toString();
            key = relay.relayKey().hex();
            assertThat(url).startsWith("http://127.0.0.1:");
            assertThat(ConsortiumConfig.read(c.configFile()).relay()).contains(relay.url());
            Optional<RelayRecord> record = RelayRegistration.registered(relay);
            assertThat(record).as("admitted with the operator keys, read with a proof").isPresent();
            assertThat(record.get().url()).isEqualTo(url);
            Path relayDir = dir.resolve(EmbeddedConsortium.RELAY_DIR);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(relayDir.resolve(RelayKeyFile.FILE))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(relayDir.resolve(ShareStore.FILE))))
                    .isEqualTo("rw-------");
            assertThat(Files.size(relayDir.resolve(RelayKeyFile.FILE))).isEqualTo(32);
        }
        try (EmbeddedConsortium again = EmbeddedConsortium.start(options)) {
            RelayServer relay = again.relay().orElseThrow();
            assertThat(relay.url().toString()).as("links made before the restart still reach it").isEqualTo(url);
            assertThat(relay.relayKey().hex()).isEqualTo(key);
            assertThat(ConsortiumConfig.read(again.configFile()).relay()).contains(relay.url());
        }
    }

    @Test
    void relayCommandNeedsOperatorApprovalsThenServes() throws Exception {
        try (EmbeddedConsortium c = EmbeddedConsortium.start(new EmbeddedConsortiumOptions(dir.resolve("net"), 4, 0, 3,
                Duration.ofMillis(100)))) {
            Path relayDir = dir.resolve("relay");
            RelayCommandOptions options = new RelayCommandOptions(c.configFile(), relayDir, 0, RelayOptions.LOOPBACK,
                    Optional.empty(), Optional.empty(), Optional.empty());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int unregistered = new RelayCommand(options, print(out), print(err)).run();
            assertThat(unregistered).isEqualTo(2);
            String said = err.toString(StandardCharsets.UTF_8);
            assertThat(said).contains("not registered").contains("admission hash:").contains("--approvals FILE");

            // The operators sign the admission of this relay's key and URL. The URL is the listening
            // address, so the relay gets a fixed port for the second start.
            String relayKey = said.replaceAll("(?s).*relay key: +([0-9a-f]{64}).*", "$1");
            int port = freePort();
            String relayUrl = "http://127.0.0.1:" + port;
            ArrayNode approvals = RelayTestNetwork.JSON.createArrayNode();
            for (SigningKey op : c.network().operatorKeys()) {
                byte[] hash = RelayRegistration.admissionHash(c.network().chainId(),
                        org.healthwallet.ledger.cometbft.Ed25519PublicKey.fromHex(relayKey), relayUrl);
                approvals.addObject().put("operator", op.publicKey().hex()).put("signature", HexFormat.of().formatHex(op.sign(hash)));
            }
            Path file = dir.resolve("approvals.json");
            Files.writeString(file, approvals.toString());
            RelayCommand command = new RelayCommand(new RelayCommandOptions(c.configFile(), relayDir, port, RelayOptions.LOOPBACK,
                    Optional.empty(), Optional.empty(), Optional.of(file)), print(out), print(err));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(command::run);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!out.toString(StandardCharsets.UTF_8).contains("Press Ctrl-C") && !exit.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("share relay at " + relayUrl).contains(relayKey);
            command.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();

            int wrongHost = new RelayCommand(new RelayCommandOptions(c.configFile(), relayDir, 0, "0.0.0.0", Optional.empty(),
                    Optional.empty(), Optional.empty()), print(out), print(err)).run();
            assertThat(wrongHost).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("plain HTTP only on loopback");
        }
    }

    @Test
    void devnetCommandNamesItsRelay() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DevnetCommand command = new DevnetCommand(new DevnetCommandOptions(0, dir, 4), print(out), print(err));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(command::run);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.toString(StandardCharsets.UTF_8).contains("Press Ctrl-C") && !exit.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ConsortiumConfig config = ConsortiumConfig.read(dir.resolve(EmbeddedConsortium.CONFIG_FILE));
        assertThat(config.relay()).isPresent();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("share relay:     " + config.relay().get());
        command.stop();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
