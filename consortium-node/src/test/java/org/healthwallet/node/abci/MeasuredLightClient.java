package org.healthwallet.node.abci;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.HttpProvider;
import org.healthwallet.ledger.client.LightClient;
import org.healthwallet.ledger.client.Provider;
import org.healthwallet.ledger.client.ProviderException;
import org.healthwallet.ledger.client.SyncResult;
import org.healthwallet.ledger.client.TrustedStore;
import org.healthwallet.ledger.client.TrustedStoreException;
import org.healthwallet.ledger.verify.Options;

/**
 * The wallet's {@link LightClient} against real nodes, as the wallet builds it (HTTP primary, HTTP
 * witness, a SQLite store, a checkpoint), with the primary counted: each sync reports how long it
 * took and which light blocks it fetched from the primary.
 */
final class MeasuredLightClient implements AutoCloseable {

    /** One sync: its result, its wall time, and the light blocks the primary gave during it. */
    record Sync(SyncResult result, Duration took, List<LightBlock> fetched) {
    }

    private final LightClient client;
    private final CountingProvider primary;
    private final TrustedStore store;

    private MeasuredLightClient(LightClient client, CountingProvider primary, TrustedStore store) {
        this.client = client;
        this.primary = primary;
        this.store = store;
    }

    static MeasuredLightClient open(Checkpoint checkpoint, URI primary, URI witness, LightClient.Mode mode, Path storeFile)
            throws TrustedStoreException {
        CountingProvider counted = new CountingProvider(HttpProvider.create(primary));
        TrustedStore store = TrustedStore.open(storeFile);
        LightClient client = new LightClient(checkpoint, counted, List.of(HttpProvider.create(witness)), store,
                Options.DEFAULT, mode, Clock.systemUTC(), LightClient.DEFAULT_KEEP);
        return new MeasuredLightClient(client, counted, store);
    }

    Sync syncToLatest() {
        return measured(client::syncToLatest);
    }

    Sync syncTo(long height) {
        return measured(() -> client.syncTo(height));
    }

    LightClient client() {
        return client;
    }

    private Sync measured(Supplier<SyncResult> sync) {
        List<LightBlock> before = primary.fetched();
        long start = System.nanoTime();
        SyncResult result = sync.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<LightBlock> all = primary.fetched();
        return new Sync(result, took, all.subList(before.size(), all.size()));
    }

    @Override
    public void close() throws TrustedStoreException {
        store.close();
    }

    /** Passes requests on and keeps every light block the source gave. */
    private static final class CountingProvider implements Provider {
        private final Provider source;
        private final List<LightBlock> fetched = new ArrayList<>();

        CountingProvider(Provider source) {
            this.source = source;
        }

        synchronized List<LightBlock> fetched() {
            return List.copyOf(fetched);
        }

        @Override
        public String id() {
            return source.id();
        }

        @Override
        public LightBlock lightBlock(long height) throws ProviderException {
            return kept(source.lightBlock(height));
        }

        @Override
        public LightBlock latest() throws ProviderException {
            return kept(source.latest());
        }

        private synchronized LightBlock kept(LightBlock block) {
            fetched.add(block);
            return block;
        }
    }
}
