package org.healthwallet.node.abci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CometBFT v0.38 network of N validators on one host, each node a real {@code cometbft}
 * process talking to one of our ABCI servers running in this JVM. Made by {@code cometbft
 * testnet}, then each node's ports are rewritten for loopback (p2p, RPC, proxy_app,
 * persistent_peers) and the timeouts shortened so blocks come every few hundred milliseconds.
 */
final class LocalTestnet implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Node(int index, Path home, int p2pPort, int rpcPort, int abciPort, String nodeId) {
    }

    private final Path binary;
    private final Path dir;
    private final List<Node> nodes;
    private final String chainId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process[] processes;
    private final AbciNode[] apps;

    private LocalTestnet(Path binary, Path dir, List<Node> nodes, String chainId) {
        this.binary = binary;
        this.dir = dir;
        this.nodes = nodes;
        this.chainId = chainId;
        this.processes = new Process[nodes.size()];
        this.apps = new AbciNode[nodes.size()];
    }

    /** Generates the network's files in {@code dir}, with {@code appStateJson} as every node's genesis app_state. */
    static LocalTestnet create(Path binary, Path dir, int validators, String appStateJson) throws IOException {
        Files.createDirectories(dir);
        CometBftBinary.Run init = CometBftBinary.run(List.of(binary.toString(), "testnet", "--v", Integer.toString(validators),
                "--o", dir.toString(), "--starting-ip-address", "127.0.0.1", "--populate-persistent-peers"), 2);
        if (init.exit() != 0) throw new IOException("cometbft testnet failed:\n" + init.tail());

        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < validators; i++) {
            Path home = dir.resolve("node" + i);
            nodes.add(new Node(i, home, freePort(), freePort(), freePort(), nodeId(home, i, validators)));
        }
        Path genesisFile = nodes.get(0).home().resolve("config/genesis.json");
        ObjectNode genesis = (ObjectNode) JSON.readTree(genesisFile.toFile());
        genesis.set("app_state", JSON.readTree(appStateJson));
        byte[] genesisBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(genesis);
        for (Node node : nodes) {
            Files.write(node.home().resolve("config/genesis.json"), genesisBytes);
            rewriteConfig(node, nodes);
        }
        return new LocalTestnet(binary, dir, nodes, genesis.get("chain_id").asText());
    }

    /** The node's id, read from the persistent_peers line cometbft testnet wrote (entry i is node i). */
    private static String nodeId(Path home, int index, int count) throws IOException {
        String config = Files.readString(home.resolve("config/config.toml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^persistent_peers = \"([^\"]*)\"").matcher(config);
        if (!m.find()) throw new IOException("no persistent_peers in " + home);
        String[] peers = m.group(1).split(",");
        if (peers.length != count) throw new IOException("expected " + count + " peers in " + home + ": " + m.group(1));
        return peers[index].substring(0, peers[index].indexOf('@'));
    }

    private static void rewriteConfig(Node node, List<Node> all) throws IOException {
        List<String> peers = new ArrayList<>();
        for (Node other : all) {
            if (other.index() != node.index()) peers.add(other.nodeId() + "@127.0.0.1:" + other.p2pPort());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(".proxy_app", "\"tcp://127.0.0.1:" + node.abciPort() + "\"");
        settings.put(".moniker", "\"node" + node.index() + "\"");
        settings.put(".log_level", "\"info\"");
        settings.put("rpc.laddr", "\"tcp://127.0.0.1:" + node.rpcPort() + "\"");
        settings.put("p2p.laddr", "\"tcp://127.0.0.1:" + node.p2pPort() + "\"");
        settings.put("p2p.persistent_peers", "\"" + String.join(",", peers) + "\"");
        settings.put("p2p.pex", "false");
        settings.put("p2p.addr_book_strict", "false");
        settings.put("p2p.allow_duplicate_ip", "true");
        settings.put("p2p.flush_throttle_timeout", "\"10ms\"");
        settings.put("consensus.timeout_propose", "\"1s\"");
        settings.put("consensus.timeout_propose_delta", "\"200ms\"");
        settings.put("consensus.timeout_prevote", "\"300ms\"");
        settings.put("consensus.timeout_prevote_delta", "\"100ms\"");
        settings.put("consensus.timeout_precommit", "\"300ms\"");
        settings.put("consensus.timeout_precommit_delta", "\"100ms\"");
        settings.put("consensus.timeout_commit", "\"300ms\"");
        settings.put("consensus.create_empty_blocks", "true");
        settings.put("consensus.create_empty_blocks_interval", "\"0s\"");
        settings.put("consensus.peer_gossip_sleep_duration", "\"20ms\"");

        Path file = node.home().resolve("config/config.toml");
        List<String> out = new ArrayList<>();
        String section = "";
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                section = trimmed.substring(1, trimmed.length() - 1);
            } else {
                int eq = line.indexOf(" = ");
                if (eq > 0 && !trimmed.startsWith("#")) {
                    String key = section + "." + line.substring(0, eq).strip();
                    String value = settings.remove(key);
                    if (value != null) line = line.substring(0, eq) + " = " + value;
                }
            }
            out.add(line);
        }
        if (!settings.isEmpty()) throw new IOException("config.toml of node " + node.index() + " lacks " + settings.keySet());
        Files.write(file, out, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String chainId() {
        return chainId;
    }

    int size() {
        return nodes.size();
    }

    TestnetRpc rpc(int i) {
        return new TestnetRpc(http, nodes.get(i).rpcPort());
    }

    /** Node i's RPC address, as a wallet's consortium file would name it. */
    URI rpcAddress(int i) {
        return URI.create("http://127.0.0.1:" + nodes.get(i).rpcPort() + "/");
    }

    /** The folder of this network's files and logs. */
    Path dir() {
        return dir;
    }

    /** Starts node i: its ABCI server (ledger in node i's folder) and then its cometbft process. */
    void start(int i) throws IOException {
        Node node = nodes.get(i);
        apps[i] = AbciNode.start(new AbciNodeOptions(node.abciPort(), node.home().resolve("app")));
        processes[i] = new ProcessBuilder(binary.toString(), "start", "--home", node.home().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(i).toFile()))
                .start();
    }

    /** Stops node i: its cometbft process ({@code crash}: SIGKILL, else SIGTERM) and its ABCI server. */
    void stop(int i, boolean crash) {
        Process p = processes[i];
        if (p != null) {
            if (crash) p.destroyForcibly();
            else p.destroy();
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            processes[i] = null;
        }
        if (apps[i] != null) {
            apps[i].close();
            apps[i] = null;
        }
    }

    /** Deletes node i's ledger (stopped nodes only), so on restart CometBFT replays every block into a fresh one. */
    void wipeLedger(int i) throws IOException {
        if (apps[i] != null || processes[i] != null) throw new IllegalStateException("node " + i + " is running");
        Path app = nodes.get(i).home().resolve("app");
        if (!Files.exists(app)) return;
        try (var paths = Files.walk(app)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    boolean running(int i) {
        return processes[i] != null && processes[i].isAlive();
    }

    Path log(int i) {
        return dir.resolve("node" + i + ".log");
    }

    /** The last lines of every node's log, for a failure message. */
    String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            out.append("\n--- node").append(i).append(running(i) ? " (running)" : " (stopped)").append(": ").append(log(i)).append('\n');
            try {
                List<String> all = Files.exists(log(i)) ? Files.readAllLines(log(i), StandardCharsets.UTF_8) : List.of();
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                out.append("(cannot read: ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (int i = 0; i < nodes.size(); i++) stop(i, false);
    }
}
