package org.healthwallet.node.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.healthwallet.node.relay.RelayOptions;
import org.healthwallet.node.relay.RelayRegistration;
import org.healthwallet.node.relay.RelayServer;
import org.healthwallet.node.relay.RelayStartException;
import org.healthwallet.node.relay.RelayTuning;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;

/**
 * A dev network running in-process with one RPC endpoint per serving validator on loopback: what
 * the app starts when no consortium file is given, and what {@code healthwallet node devnet} runs.
 * The wallet reaches it over HTTP only, as it would a real consortium. With
 * {@link EmbeddedConsortiumOptions#relay()} it also runs the share relay (see {@link #relay()}).
 * <pre>
 *   try (EmbeddedConsortium c = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(dir))) {
 *       ConsortiumConfig config = c.config();     // also written to dir/consortium.json
 *   }
 * </pre>
 */
public final class EmbeddedConsortium implements AutoCloseable {
    /** The consortium configuration file written into the data folder. */
    public static final String CONFIG_FILE = "consortium.json";
    /** The relay's folder inside the data folder, and the file that remembers its port across restarts. */
    public static final String RELAY_DIR = "relay";
    static final String RELAY_PORT_FILE = "relay-port";

    private final DevNetwork network;
    private final List<RpcServer> servers;
    private final Path configFile;
    private volatile ConsortiumConfig config;
    private volatile RelayServer relay;

    private EmbeddedConsortium(DevNetwork network, List<RpcServer> servers, Path configFile, ConsortiumConfig config) {
        this.network = network;
        this.servers = List.copyOf(servers);
        this.configFile = configFile;
        this.config = config;
    }

    /**
     * Opens (or creates) the network, starts its endpoints and writes the consortium file whose
     * checkpoint is the newest block, verified here before it is written.
     *
     * @throws DevNetworkException  if the data folder cannot be used
     * @throws UncheckedIOException if a port cannot be bound or the file cannot be written (the message says which)
     * @throws RelayStartException  if the options ask for a relay and it cannot start or be admitted
     */
    public static EmbeddedConsortium start(EmbeddedConsortiumOptions options) {
        // Before the first HTTP server of the process: answers on kept-alive connections without a 40 ms stall.
        RelayServer.preferNoDelay();
        DevNetworkOptions devOptions = DevNetworkOptions.defaults(options.dataDir())
                .withValidators(options.validators())
                .withEmptyBlockInterval(options.emptyBlockInterval());
        DevNetwork network = DevNetwork.open(devOptions);
        List<RpcServer> servers = new ArrayList<>();
        try {
            int endpoints = Math.min(options.endpoints(), network.validatorSet().size());
            for (int i = 0; i < endpoints; i++) {
                int port = options.rpcPort() == 0 ? 0 : options.rpcPort() + i;
                servers.add(RpcServer.start(network.node(i), RpcServerOptions.loopback(port)));
            }
            ConsortiumConfig config = new ConsortiumConfig(checkpoint(network), servers.get(0).url(),
                    servers.subList(1, servers.size()).stream().map(RpcServer::url).toList(), Optional.empty());
            Path file = options.dataDir().resolve(CONFIG_FILE);
            EmbeddedConsortium consortium = new EmbeddedConsortium(network, servers, file, config);
            // The file is written once, complete: a wallet that reads it never sees a consortium
            // without the relay it is about to name.
            if (options.relay()) {
                consortium.startRelay(options);
            } else {
                config.write(file);
            }
            return consortium;
        } catch (IOException e) {
            servers.forEach(RpcServer::close);
            network.close();
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            servers.forEach(RpcServer::close);
            network.close();
            throw e;
        }
    }

    /** The newest block as a trust root, after checking that more than 2/3 of its validators signed it. */
    private static Checkpoint checkpoint(DevNetwork network) {
        long height = network.height();
        LightBlock block = network.lightBlock(height).orElseThrow();
        Verdict verdict = Verifier.verifyCommitted(block);
        if (!verdict.isSuccess()) {
            throw new DevNetworkException("Block " + height + " of the dev network does not verify, so it cannot be a "
                    + "checkpoint: " + verdict.describe());
        }
        return new Checkpoint(network.chainId(), height, block.hash());
    }

    public ConsortiumConfig config() {
        return config;
    }

    public Path configFile() {
        return configFile;
    }

    public DevNetwork network() {
        return network;
    }

    /** The RPC addresses: the primary first, then the witnesses. */
    public List<URI> rpcUrls() {
        return servers.stream().map(RpcServer::url).toList();
    }

    /**
     * Starts the share relay on loopback (port: the one after the witnesses' when ports are fixed,
     * else the one it had last time if free), admits it on the ledger with the operator keys unless
     * it is already registered at that address, and names it in the consortium file.
     */
    private void startRelay(EmbeddedConsortiumOptions options) throws IOException {
        Path dir = options.dataDir().resolve(RELAY_DIR);
        Path portFile = dir.resolve(RELAY_PORT_FILE);
        int port = options.rpcPort() != 0 ? options.rpcPort() + servers.size() : rememberedPort(portFile);
        RelayTuning tuning = RelayTuning.DEFAULT.withLedger(100, RelayTuning.DEFAULT.ledgerPoll(), RelayTuning.DEFAULT.commitTimeout());
        RelayServer started;
        try {
            started = RelayServer.start(RelayOptions.loopback(dir, port).withTuning(tuning), config);
        } catch (RelayStartException e) {
            if (port == 0 || options.rpcPort() != 0) {
                throw e;
            }
            // The remembered port is taken; links made before this restart will not reach the relay.
            started = RelayServer.start(RelayOptions.loopback(dir, 0).withTuning(tuning), config);
        }
        relay = started;
        try {
            Files.writeString(portFile, Integer.toString(started.port()));
            RelayRegistration.admitWithOperatorKeys(started, network.chainId(), network.operatorKeys());
            setRelay(started.url());
        } catch (IOException | RuntimeException e) {
            started.close();
            relay = null;
            throw e;
        }
    }

    private static int rememberedPort(Path portFile) {
        try {
            String text = Files.readString(portFile).strip();
            int port = Integer.parseInt(text);
            return port > 0 && port <= 65535 ? port : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The share relay, when the options asked for one. */
    public Optional<RelayServer> relay() {
        return Optional.ofNullable(relay);
    }

    /** Records the share relay's address in the configuration and its file. */
    public ConsortiumConfig setRelay(URI relay) throws IOException {
        ConsortiumConfig updated = config.withRelay(relay);
        updated.write(configFile);
        config = updated;
        return updated;
    }

    @Override
    public void close() {
        RelayServer running = relay;
        if (running != null) {
            running.close();
        }
        servers.forEach(RpcServer::close);
        network.close();
    }
}
