package org.healthwallet.node.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;
import org.healthwallet.node.rpc.RpcServer;
import org.healthwallet.node.rpc.RpcServerOptions;

/**
 * A dev network running in-process with one RPC endpoint per serving validator on loopback: what
 * the app starts when no consortium file is given, and what {@code healthwallet node devnet} runs.
 * The wallet reaches it over HTTP only, as it would a real consortium.
 * <pre>
 *   try (EmbeddedConsortium c = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(dir))) {
 *       ConsortiumConfig config = c.config();     // also written to dir/consortium.json
 *   }
 * </pre>
 */
public final class EmbeddedConsortium implements AutoCloseable {
    /** The consortium configuration file written into the data folder. */
    public static final String CONFIG_FILE = "consortium.json";

    private final DevNetwork network;
    private final List<RpcServer> servers;
    private final Path configFile;
    private volatile ConsortiumConfig config;

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
     */
    public static EmbeddedConsortium start(EmbeddedConsortiumOptions options) {
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
            config.write(file);
            return new EmbeddedConsortium(network, servers, file, config);
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

    /** Records the share relay's address in the configuration and its file. */
    public ConsortiumConfig setRelay(URI relay) throws IOException {
        ConsortiumConfig updated = config.withRelay(relay);
        updated.write(configFile);
        config = updated;
        return updated;
    }

    @Override
    public void close() {
        servers.forEach(RpcServer::close);
        network.close();
    }
}
