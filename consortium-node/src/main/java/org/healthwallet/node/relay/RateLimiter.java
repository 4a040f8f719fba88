package org.healthwallet.node.relay;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per (link, client address): a client may poll a link in a burst of {@code burst}
 * requests and then {@code perSecond} a second. A refused request learns how long to wait (the
 * HTTP {@code Retry-After}). Buckets live in memory; idle full buckets are dropped when there are
 * many, so the map cannot grow without bound.
 */
final class RateLimiter {
    private static final int SWEEP_ABOVE = 50_000;

    private record Key(String link, String client) {
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    private final double burst;
    private final double perSecond;
    private final LongSupplier nanoTime;
    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int burst, double perSecond, LongSupplier nanoTime) {
        if (burst < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive rate");
        }
        this.burst = burst;
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** Takes one token; empty when allowed, else how long until the next token. */
    Optional<Duration> take(String link, String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        Bucket bucket = buckets.computeIfAbsent(new Key(link, client), k -> new Bucket(burst, now));
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            double seconds = (1 - bucket.tokens) / perSecond;
            return Optional.of(Duration.ofNanos((long) Math.ceil(seconds * 1e9)));
        }
    }

    private void refill(Bucket bucket, long now) {
        double elapsed = (now - bucket.refilledAt) / 1e9;
        if (elapsed > 0) {
            bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
            bucket.refilledAt = now;
        }
    }

    private void sweep(long now) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                refill(e.getValue(), now);
                return e.getValue().tokens >= burst;
            }
        });
    }
}
