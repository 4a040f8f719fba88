package org.healthwallet.app.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.app.AppConfig;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.client.ConsortiumConfigException;
import org.healthwallet.node.devnet.DevNetworkException;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;

/**
 * Where the wallet finds its consortium: a configuration file the consortium gave, or, when none is
 * configured, the embedded dev network, started in this process on loopback the first time it is
 * needed and stopped by {@link #close()}. Either way the wallet then reaches the nodes over HTTP
 * only, as it would a real consortium (consortium-node is used here for starting it, nothing else).
 */
public final class ConsortiumSource implements AutoCloseable {
    private final Path file;
    private final EmbeddedConsortiumOptions embeddedOptions;
    private EmbeddedConsortium running;
    private boolean closed;

    private ConsortiumSource(Path file, EmbeddedConsortiumOptions embeddedOptions) {
        this.file = file;
        this.embeddedOptions = embeddedOptions;
    }

    /** The consortium this run is configured for: the file, or the embedded dev network of the data folder. */
    public static ConsortiumSource of(AppConfig config) {
        return config.consortiumFile().map(ConsortiumSource::file)
                .orElseGet(() -> embedded(EmbeddedConsortiumOptions.embedded(config.devnetDir())));
    }

    public static ConsortiumSource file(Path configFile) {
        return new ConsortiumSource(Objects.requireNonNull(configFile, "configFile"), null);
    }

    public static ConsortiumSource embedded(EmbeddedConsortiumOptions options) {
        return new ConsortiumSource(null, Objects.requireNonNull(options, "options"));
    }

    /** The configuration file, when this is not the embedded dev network. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Where the embedded dev network keeps its chain, when this is the embedded dev network. */
    public Optional<Path> devnetDir() {
        return Optional.ofNullable(embeddedOptions).map(EmbeddedConsortiumOptions::dataDir);
    }

    /** The embedded dev network, once started (tests and the e2e suite drive it to simulate faults). */
    public synchronized Optional<EmbeddedConsortium> embeddedNetwork() {
        return Optional.ofNullable(running);
    }

    /**
     * The consortium's configuration. For the embedded dev network this starts it (slow: never on
     * the FX thread); later calls return the running network's.
     *
     * @throws LedgerException when the file cannot be read or the dev network cannot start
     */
    public synchronized ConsortiumConfig config() throws LedgerException {
        if (closed) {
            throw new LedgerException("The connection to the consortium was closed.");
        }
        if (file != null) {
            try {
                return ConsortiumConfig.read(file);
            } catch (ConsortiumConfigException e) {
                throw new LedgerException(e.getMessage(), e);
            }
        }
        if (running == null) {
            Optional<ConsortiumConfig> alreadyRunning = runningElsewhere();
            if (alreadyRunning.isPresent()) {
                return alreadyRunning.get();
            }
            try {
                running = EmbeddedConsortium.start(embeddedOptions);
            } catch (DevNetworkException | UncheckedIOException | IllegalArgumentException e) {
                throw new LedgerException("The embedded dev network in " + embeddedOptions.dataDir()
                        + " could not start: " + e.getMessage(), e);
            }
        }
        return running.config();
    }

    /**
     * The configuration of a dev network another process already runs on this folder
     * ({@code healthwallet node devnet}, or the app while the command line runs): its consortium
     * file names a primary that answers. Two processes must not run one network's folder.
     */
    private Optional<ConsortiumConfig> runningElsewhere() {
        Path written = embeddedOptions.dataDir().resolve(EmbeddedConsortium.CONFIG_FILE);
        if (!Files.isRegularFile(written)) {
            return Optional.empty();
        }
        try {
            ConsortiumConfig config = ConsortiumConfig.read(written);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
            String primary = config.primary().toString();
            HttpRequest status = HttpRequest.newBuilder(java.net.URI.create(primary + (primary.endsWith("/") ? "" : "/") + "status"))
                    .timeout(Duration.ofSeconds(1)).GET().build();
            int code = http.send(status, HttpResponse.BodyHandlers.discarding()).statusCode();
            return code == 200 ? Optional.of(config) : Optional.empty();
        } catch (ConsortiumConfigException | IOException | IllegalArgumentException e) {
            return Optional.empty(); // nobody answers there: this process starts the network
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Stops the embedded dev network if it runs. */
    @Override
    public synchronized void close() {
        closed = true;
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
