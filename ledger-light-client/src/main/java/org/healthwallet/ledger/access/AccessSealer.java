package org.healthwallet.ledger.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.healthwallet.ledger.tx.SealedDetails;
import org.healthwallet.ledger.tx.X25519PublicKey;

/**
 * The relay's side of sealed access details: one HPKE sender context per patient seal key, so a
 * seal costs a few µs of AES, and one X25519 and one key export only when a context is new. A
 * context is renewed (a new {@code enc}) after {@code renewEvery} entries and when older than
 * {@code maxAge}, and is never written anywhere, so a restart renews them all. Counters only go up
 * within a context, so no nonce is ever used twice under one key. Safe to use from several threads.
 */
public final class AccessSealer {
    public static final int DEFAULT_RENEW_EVERY = 1000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);
    /** Contexts kept at most; the least recently used is dropped (its patient gets a new one). */
    static final int MAX_CONTEXTS = 10_000;

    private final HPKE hpke = DetailsCipher.hpke();
    private final ThreadLocal<DetailsCipher> ciphers = ThreadLocal.withInitial(DetailsCipher::new);
    private final int renewEvery;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<X25519PublicKey, SenderContext> contexts = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<X25519PublicKey, SenderContext> eldest) {
            return size() > MAX_CONTEXTS;
        }
    };

    private static final class SenderContext {
        final byte[] enc;
        final SecretKeySpec key;
        final Instant created;
        long next;

        SenderContext(HPKEContextWithEncapsulation hpke, Instant created) {
            this.enc = hpke.getEncapsulation();
            this.key = DetailsCipher.contextKey(hpke);
            this.created = created;
        }
    }

    public AccessSealer(Clock clock) {
        this(DEFAULT_RENEW_EVERY, DEFAULT_MAX_AGE, clock);
    }

    public AccessSealer(int renewEvery, Duration maxAge, Clock clock) {
        if (renewEvery < 1) throw new IllegalArgumentException("renewEvery must be at least 1");
        this.renewEvery = renewEvery;
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Seals {@code details} to {@code to} for the entry {@code binding} describes.
     *
     * @throws IllegalArgumentException {@code to} is not a usable X25519 key (the ledger refuses all zeros)
     */
    public SealedDetails seal(X25519PublicKey to, DetailsBinding binding, AccessDetails details) {
        if (to.isAllZero()) throw new IllegalArgumentException("the seal key is all zeros");
        byte[] enc;
        long counter;
        SecretKeySpec key;
        synchronized (this) {
            SenderContext context = contexts.get(to);
            Instant now = clock.instant();
            if (context == null || context.next >= renewEvery || !now.isBefore(context.created.plus(maxAge))) {
                context = new SenderContext(hpke.setupBaseS(hpke.deserializePublicKey(to.bytes()), DetailsCipher.INFO), now);
                contexts.put(to, context);
            }
            counter = context.next++;
            enc = context.enc;
            key = context.key;
        }
        return new SealedDetails(enc, counter,
                ciphers.get().encrypt(key, counter, binding.associatedData(), details.encode()));
    }
}
