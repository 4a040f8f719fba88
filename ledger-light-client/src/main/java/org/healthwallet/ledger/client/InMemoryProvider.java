package org.healthwallet.ledger.client;

import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.healthwallet.ledger.cometbft.LightBlock;

/**
 * A provider over blocks held in this process: a chain generated on demand (tests, benchmarks) or a
 * fixed collection. Heights above {@code latestHeight} are "too high"; a null block is "not found".
 */
public final class InMemoryProvider implements Provider {
    private final String id;
    private final LongSupplier latestHeight;
    private final LongFunction<LightBlock> blocks;

    public InMemoryProvider(String id, LongSupplier latestHeight, LongFunction<LightBlock> blocks) {
        this.id = Objects.requireNonNull(id, "id");
        this.latestHeight = Objects.requireNonNull(latestHeight, "latestHeight");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
    }

    public static InMemoryProvider of(String id, Collection<LightBlock> blocks) {
        NavigableMap<Long, LightBlock> byHeight = new TreeMap<>();
        for (LightBlock b : blocks) {
            byHeight.put(b.height(), b);
        }
        Map<Long, LightBlock> fixed = Map.copyOf(byHeight);
        long latest = byHeight.isEmpty() ? 0 : byHeight.lastKey();
        return new InMemoryProvider(id, () -> latest, fixed::get);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LightBlock lightBlock(long height) throws ProviderException {
        long latest = latestHeight.getAsLong();
        if (height > latest) {
            throw new ProviderException(ProviderException.Kind.HEIGHT_TOO_HIGH,
                    id + " has no height " + height + " yet (its newest is " + latest + ")");
        }
        LightBlock block = height < 1 ? null : blocks.apply(height);
        if (block == null) {
            throw new ProviderException(ProviderException.Kind.NOT_FOUND, id + " has no block at height " + height);
        }
        return block;
    }

    @Override
    public LightBlock latest() throws ProviderException {
        return lightBlock(latestHeight.getAsLong());
    }
}
