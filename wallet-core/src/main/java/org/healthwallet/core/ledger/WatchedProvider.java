package org.healthwallet.core.ledger;

import org.healthwallet.ledger.client.Provider;
import org.healthwallet.ledger.client.ProviderException;
import org.healthwallet.ledger.cometbft.LightBlock;

/**
 * A provider that reports each block it fetched and refuses to fetch once the sync is cancelled,
 * so a cancel takes effect at the next request (the light client then trusts nothing new). The
 * providers of one sync share a lock, so {@link SyncProgress} is told of one block at a time even
 * while witnesses are asked concurrently.
 */
final class WatchedProvider implements Provider {
    private final Provider source;
    private final SyncProgress progress;
    private final Object progressLock;

    WatchedProvider(Provider source, SyncProgress progress, Object progressLock) {
        this.source = source;
        this.progress = progress;
        this.progressLock = progressLock;
    }

    @Override
    public String id() {
        return source.id();
    }

    @Override
    public LightBlock lightBlock(long height) throws ProviderException {
        checkCancelled();
        return reported(source.lightBlock(height));
    }

    @Override
    public LightBlock latest() throws ProviderException {
        checkCancelled();
        return reported(source.latest());
    }

    private LightBlock reported(LightBlock block) {
        synchronized (progressLock) {
            progress.fetched(source.id(), block.height());
        }
        return block;
    }

    private void checkCancelled() throws ProviderException {
        boolean cancelled;
        synchronized (progressLock) {
            cancelled = progress.isCancelled();
        }
        if (cancelled) {
            throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "the sync was cancelled");
        }
    }
}
