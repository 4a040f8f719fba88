package org.healthwallet.node.abci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.ParseException;
import org.healthwallet.ledger.state.OperatorSet;
import org.healthwallet.node.ledger.GenesisState;

/**
 * A running network of real CometBFT v0.38 validators on loopback, each with our ABCI application,
 * for integration tests here and in other modules (through this module's test-jar). Start it once
 * per test class: it takes a few seconds and a process per validator. The binary is found or built
 * by {@link CometBftBinary}; each run's files and node logs are in {@code runs/run-<millis>/}, and
 * earlier runs there are deleted (the logs of a failed run stay until the next one).
 */
public final class CometBftTestnet implements AutoCloseable {
    private final LocalTestnet net;

    private CometBftTestnet(LocalTestnet net) {
        this.net = net;
    }

    /**
     * Starts {@code validators} validators whose genesis names {@code operators} as the consortium's
     * operator keys (they admit relays; no relay is in genesis) and waits until every node has
     * committed block 2.
     */
    public static CometBftTestnet start(Path runs, int validators, List<Ed25519PublicKey> operators) throws IOException, InterruptedException {
        Path binary = CometBftBinary.locateOrBuild();
        String appState = new GenesisState(new OperatorSet(operators), List.of()).toJson();
        Path absolute = runs.toAbsolutePath();
        deleteEarlierRuns(absolute);
        LocalTestnet net = LocalTestnet.create(binary, absolute.resolve("run-" + System.currentTimeMillis()), validators, appState);
        CometBftTestnet testnet = new CometBftTestnet(net);
        try {
            for (int i = 0; i < net.size(); i++) net.start(i);
            for (int i = 0; i < net.size(); i++) testnet.awaitHeight(i, 2, Duration.ofSeconds(60));
            return testnet;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            net.close();
            throw e;
        }
    }

    private static void deleteEarlierRuns(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) return;
        try (Stream<Path> paths = Files.walk(runs)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(runs)) Files.delete(p);
            }
        }
    }

    /** The nodes themselves, to stop, restart or wipe them and to call their RPC (this package's tests). */
    LocalTestnet network() {
        return net;
    }

    public String chainId() {
        return net.chainId();
    }

    public int size() {
        return net.size();
    }

    /** Node i's CometBFT RPC address, as a consortium file names it. */
    public URI rpcAddress(int i) {
        return net.rpcAddress(i);
    }

    /** This run's folder (node homes and logs). */
    public Path dir() {
        return net.dir();
    }

    public long latestHeight(int node) throws IOException, InterruptedException {
        return net.rpc(node).latestHeight();
    }

    /** A trust root for a wallet or relay: block {@code height} by the hash node 0's {@code /commit} names. */
    public Checkpoint checkpoint(long height) throws IOException, InterruptedException {
        awaitHeight(0, height, Duration.ofSeconds(30));
        try {
            return new Checkpoint(net.chainId(), height,
                    CometJsonParser.commit(net.rpc(0).commit(height)).signedHeader().commit().blockId().hash());
        } catch (ParseException e) {
            throw new IOException("node 0's /commit at height " + height + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** The transactions of block {@code height} as node i's {@code /block} serves them, in order. */
    public List<byte[]> transactions(int node, long height) throws IOException, InterruptedException {
        JsonNode txs = net.rpc(node).result("/block?height=" + height, Duration.ofSeconds(10)).path("block").path("data").path("txs");
        List<byte[]> out = new ArrayList<>();
        for (JsonNode tx : txs) out.add(Base64.getDecoder().decode(tx.asText()));
        return out;
    }

    /** Waits until node i has committed {@code height}; fails with every node's log tail. */
    public void awaitHeight(int node, long height, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = net.rpc(node).latestHeightOrMinusOne();
            if (seen >= height) return;
            Thread.sleep(200);
        }
        throw new AssertionError("node" + node + " did not reach height " + height + " within " + timeout.toSeconds()
                + " s (last seen " + seen + ")" + net.logTails(25));
    }

    /** The last lines of every node's log, for a failure message. */
    public String logTails(int lines) {
        return net.logTails(lines);
    }

    /** Stops every node: cometbft processes and ABCI servers. */
    @Override
    public void close() {
        net.close();
    }
}
