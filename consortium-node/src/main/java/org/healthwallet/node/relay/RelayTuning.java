package org.healthwallet.node.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * The relay's limits and timings; {@link #DEFAULT} is what {@code healthwallet node relay} runs with.
 *
 * @param maxShareBytes          largest create body (all encrypted files of a share), else 413
 * @param maxManifestBytes       largest manifest request body, else 413
 * @param passcodeAttempts       wrong passcodes a link allows over its lifetime before it is disabled
 * @param passcodeIterations     PBKDF2-HMAC-SHA256 iterations for new passcodes (at least 100,000)
 * @param burst                  requests a client may make to one link at once...
 * @param perSecond              ...and then per second (429 with Retry-After beyond)
 * @param grantCacheTtl          how long a verified grant is reused for a share
 * @param absentGrantTtl         how long "no grant on the ledger" is reused
 * @param locationTtl            lifetime of a single-use file address (at most 1 hour)
 * @param defaultEmbeddedMax     files up to this length are embedded when the request names no embeddedLengthMax
 * @param commitTimeout          how long a request waits for its access record to be committed
 * @param ledgerBatch            access records per JSON-RPC batch (CometBFT's default limit is 10)
 * @param ledgerPoll             how often the relay reads its committed nonce while records wait
 * @param headerWait             how long a verified read waits for the next header
 * @param httpThreads            connections handled at once, each a thread while it is read, worked on and answered
 *                               (a request waits for a block); more are closed at once
 * @param traffic                timeouts, quotas and trusted proxies against hostile traffic
 */
public record RelayTuning(int maxShareBytes, int maxManifestBytes, int passcodeAttempts, int passcodeIterations,
                          int burst, double perSecond, Duration grantCacheTtl, Duration absentGrantTtl,
                          Duration locationTtl, int defaultEmbeddedMax, Duration commitTimeout, int ledgerBatch,
                          Duration ledgerPoll, Duration headerWait, int httpThreads, TrafficLimits traffic) {
    public static final Duration MAX_LOCATION_TTL = Duration.ofHours(1);

    public static final RelayTuning DEFAULT = new RelayTuning(32 * 1024 * 1024, 16 * 1024, 10,
            PasscodeHash.DEFAULT_ITERATIONS, 10, 2.0, Duration.ofSeconds(30), Duration.ofSeconds(1),
            Duration.ofMinutes(10), 256 * 1024, Duration.ofSeconds(10), 10, Duration.ofMillis(5),
            Duration.ofSeconds(5), 512, TrafficLimits.DEFAULT);

    public RelayTuning {
        Objects.requireNonNull(grantCacheTtl, "grantCacheTtl");
        Objects.requireNonNull(absentGrantTtl, "absentGrantTtl");
        Objects.requireNonNull(locationTtl, "locationTtl");
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        Objects.requireNonNull(ledgerPoll, "ledgerPoll");
        Objects.requireNonNull(headerWait, "headerWait");
        Objects.requireNonNull(traffic, "traffic");
        if (maxShareBytes < 1024 || maxManifestBytes < 256) {
            throw new IllegalArgumentException("body limits below 1 KiB (shares) or 256 bytes (manifest requests) refuse every request");
        }
        if (passcodeAttempts < 1 || passcodeIterations < PasscodeHash.MIN_ITERATIONS) {
            throw new IllegalArgumentException("a passcode needs at least 1 attempt and " + PasscodeHash.MIN_ITERATIONS + " PBKDF2 iterations");
        }
        if (burst < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("the rate limit needs a burst of at least 1 and a positive rate");
        }
        if (locationTtl.isNegative() || locationTtl.isZero() || locationTtl.compareTo(MAX_LOCATION_TTL) > 0) {
            throw new IllegalArgumentException("a file address lives more than 0 and at most 1 hour (SMART Health Links)");
        }
        if (ledgerBatch < 1 || ledgerBatch > 100 || httpThreads < 1 || defaultEmbeddedMax < 0) {
            throw new IllegalArgumentException("the ledger batch is 1 to 100, the HTTP threads at least 1");
        }
    }

    public RelayTuning withRateLimit(int newBurst, double newPerSecond) {
        return new RelayTuning(maxShareBytes, maxManifestBytes, passcodeAttempts, passcodeIterations, newBurst,
                newPerSecond, grantCacheTtl, absentGrantTtl, locationTtl, defaultEmbeddedMax, commitTimeout,
                ledgerBatch, ledgerPoll, headerWait, httpThreads, traffic);
    }

    public RelayTuning withLedger(int batch, Duration poll, Duration timeout) {
        return new RelayTuning(maxShareBytes, maxManifestBytes, passcodeAttempts, passcodeIterations, burst,
                perSecond, grantCacheTtl, absentGrantTtl, locationTtl, defaultEmbeddedMax, timeout, batch, poll,
                headerWait, httpThreads, traffic);
    }

    public RelayTuning withGrantCache(Duration ttl, Duration absentTtl) {
        return new RelayTuning(maxShareBytes, maxManifestBytes, passcodeAttempts, passcodeIterations, burst,
                perSecond, ttl, absentTtl, locationTtl, defaultEmbeddedMax, commitTimeout, ledgerBatch, ledgerPoll,
                headerWait, httpThreads, traffic);
    }

    public RelayTuning withHttpThreads(int threads) {
        return new RelayTuning(maxShareBytes, maxManifestBytes, passcodeAttempts, passcodeIterations, burst,
                perSecond, grantCacheTtl, absentGrantTtl, locationTtl, defaultEmbeddedMax, commitTimeout, ledgerBatch,
                ledgerPoll, headerWait, threads, traffic);
    }

    public RelayTuning withPasscodeAttempts(int attempts) {
        return new RelayTuning(maxShareBytes, maxManifestBytes, attempts, passcodeIterations, burst, perSecond,
                grantCacheTtl, absentGrantTtl, locationTtl, defaultEmbeddedMax, commitTimeout, ledgerBatch, ledgerPoll,
                headerWait, httpThreads, traffic);
    }

    public RelayTuning withTraffic(TrafficLimits limits) {
        return new RelayTuning(maxShareBytes, maxManifestBytes, passcodeAttempts, passcodeIterations, burst, perSecond,
                grantCacheTtl, absentGrantTtl, locationTtl, defaultEmbeddedMax, commitTimeout, ledgerBatch, ledgerPoll,
                headerWait, httpThreads, limits);
    }

    public RelayTuning withMaxShareBytes(int bytes) {
        return new RelayTuning(bytes, maxManifestBytes, passcodeAttempts, passcodeIterations, burst, perSecond,
                grantCacheTtl, absentGrantTtl, locationTtl, defaultEmbeddedMax, commitTimeout, ledgerBatch, ledgerPoll,
                headerWait, httpThreads, traffic);
    }
}
