package org.healthwallet.ledger.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.healthwallet.ledger.client.Provider;
import org.healthwallet.ledger.client.ProviderException;
import org.healthwallet.ledger.cometbft.LightBlock;

/** Counts the requests made to a provider. */
public final class CountingProvider implements Provider {
    private final Provider inner;
    private final AtomicInteger requests = new AtomicInteger();

    public CountingProvider(Provider inner) {
        this.inner = inner;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public LightBlock lightBlock(long height) throws ProviderException {
        requests.incrementAndGet();
        return inner.lightBlock(height);
    }

    @Override
    public LightBlock latest() throws ProviderException {
        requests.incrementAndGet();
        return inner.latest();
    }
}
