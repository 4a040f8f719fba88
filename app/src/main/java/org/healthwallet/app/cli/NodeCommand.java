package org.healthwallet.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.healthwallet.node.abci.AbciNode;
import org.healthwallet.node.abci.AbciNodeOptions;
import org.healthwallet.node.devnet.DevnetCommand;
import org.healthwallet.node.devnet.DevnetCommandOptions;
import org.healthwallet.node.relay.RelayCommand;
import org.healthwallet.node.relay.RelayCommandOptions;
import org.healthwallet.node.relay.TlsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code healthwallet node …}: the consortium's side, run from the same launcher as the wallet. */
@Command(name = "node", description = "Run a consortium node: a development network or the ledger's ABCI server.",
        subcommands = {NodeCommand.Devnet.class, NodeCommand.Abci.class, NodeCommand.Relay.class})
final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Cli.EXIT_USAGE;
    }

    @Command(name = "devnet", description = {
            "Run a development consortium in the foreground (Ctrl-C stops it): validators in one process,",
            "CometBFT's RPC on loopback, and a consortium file in the data folder for wallets to use."})
    static final class Devnet implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rpc-port", paramLabel = "PORT", defaultValue = "26657",
                description = "The primary's RPC port; witnesses use the next ports; 0 picks free ports (default: ${DEFAULT-VALUE}).")
        int rpcPort;

        @Option(names = "--data", paramLabel = "DIR", description = "The network's folder (default: the wallet data folder's devnet).")
        Path data;

        @Option(names = "--validators", paramLabel = "N", defaultValue = "0",
                description = "How many validators for a new network (default 4; 15 is the full consortium).")
        int validators;

        @Override
        public Integer call() {
            Path dir = data != null ? data : rootConfigDataDir(spec).resolve("devnet");
            DevnetCommandOptions options;
            try {
                options = new DevnetCommandOptions(rpcPort, dir, validators);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(e.getMessage());
            }
            DevnetCommand command = new DevnetCommand(options, streamOf(spec.commandLine().getOut()),
                    streamOf(spec.commandLine().getErr()));
            return command.run(); // it stops the network cleanly on Ctrl-C
        }
    }

    @Command(name = "abci", description = "Run the HealthWallet ledger application for a CometBFT node (ABCI socket, loopback).")
    static final class Abci implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "26658",
                description = "The ABCI port CometBFT's proxy_app connects to (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--data", paramLabel = "DIR", required = true, description = "Where the ledger state is kept.")
        Path data;

        @Override
        public Integer call() throws InterruptedException {
            AbciNodeOptions options;
            try {
                options = new AbciNodeOptions(port, data);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(e.getMessage());
            }
            try (AbciNode node = AbciNode.start(options)) {
                Runtime.getRuntime().addShutdownHook(new Thread(node::close, "abci-stop"));
                PrintWriter out = spec.commandLine().getOut();
                out.println("ABCI server listening on " + options.host() + ":" + node.port() + ", ledger at height "
                        + node.info().lastHeight() + ". Ctrl-C stops it.");
                out.flush();
                node.awaitClose();
            }
            return Cli.EXIT_OK;
        }
    }

    @Command(name = "relay", description = {
            "Run a share relay for a consortium in the foreground: it stores encrypted shares, serves them",
            "by the SMART Health Links protocol, and records every access on the ledger before it serves."})
    static final class Relay implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--consortium", paramLabel = "FILE", required = true, description = "The consortium file.")
        Path consortium;

        @Option(names = "--data", paramLabel = "DIR", required = true, description = "The relay's folder (its key, shares, verified headers).")
        Path data;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "8443", description = "Where to listen (default: ${DEFAULT-VALUE}; 0 picks a free port).")
        int port;

        @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "The address to listen on; other than loopback needs TLS.")
        String host;

        @Option(names = "--public-url", paramLabel = "URL", description = "The https base URL that links name, when it differs from the listening address.")
        URI publicUrl;

        @Option(names = "--tls-keystore", paramLabel = "FILE", description = "A PKCS#12 certificate and key for TLS.")
        Path tlsKeystore;

        @Option(names = "--tls-password-file", paramLabel = "FILE", description = "The file holding the keystore's password.")
        Path tlsPasswordFile;

        @Option(names = "--approvals", paramLabel = "FILE", description = "Operators' approvals that register this relay on the ledger.")
        Path approvals;

        @Option(names = "--trusted-proxy", paramLabel = "ADDRESS", description = {
                "A reverse proxy in front of the relay (IP address; repeat for more): its X-Forwarded-For",
                "names the client for the rate limits. From other peers the header is ignored."})
        List<String> trustedProxies = new ArrayList<>();

        @Override
        public Integer call() {
            if ((tlsKeystore == null) != (tlsPasswordFile == null)) {
                throw new CliFailure("--tls-keystore and --tls-password-file go together.");
            }
            RelayCommandOptions options;
            try {
                options = new RelayCommandOptions(consortium, data, port, host, Optional.ofNullable(publicUrl),
                        tlsKeystore == null ? Optional.empty() : Optional.of(new TlsSettings(tlsKeystore, tlsPasswordFile)),
                        Optional.ofNullable(approvals), trustedProxies);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(e.getMessage());
            }
            return new RelayCommand(options, streamOf(spec.commandLine().getOut()), streamOf(spec.commandLine().getErr())).run();
        }
    }

    private static Path rootConfigDataDir(CommandSpec spec) {
        return ((HealthWalletCommand) spec.root().userObject()).config().dataDir();
    }

    /** The node's commands print to streams; pass their lines on to picocli's writers whole. */
    private static PrintStream streamOf(PrintWriter writer) {
        OutputStream lines = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                line.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public synchronized void flush() {
                writer.print(line.toString(StandardCharsets.UTF_8));
                writer.flush();
                line.reset();
            }
        };
        return new PrintStream(lines, true, StandardCharsets.UTF_8);
    }
}
