package org.healthwallet.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.ValidatorKey;
import org.healthwallet.ledger.testing.GeneratedChain;
import org.healthwallet.ledger.verify.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The witnesses are asked at the same time, and their answers are still judged in their order. A
 * witness here holds back its answer until another has been asked (or has answered): asked one
 * after the other, it would wait for nothing (its wait ends after a minute with "not asked", which
 * fails the test; nothing here depends on how fast anything runs).
 */
class ConcurrentWitnessesTest {
    private static final Instant GENESIS = Instant.parse("2025-03-01T00:00:00Z");
    private static final long HEIGHTS = 1000;
    private static final Clock CLOCK = Clock.fixed(GENESIS.plusSeconds(HEIGHTS + 60), ZoneOffset.UTC);
    private static final List<ValidatorKey> FOUR = GeneratedChain.keys(4, "consortium");
    private static final GeneratedChain HONEST = chain(FOUR, h -> "honest");

    @TempDir
    Path dir;

    private static GeneratedChain chain(List<ValidatorKey> later, LongFunction<String> app) {
        return new GeneratedChain("health-1", GENESIS, Duration.ofSeconds(1), List.of(
                new GeneratedChain.Era(1, FOUR, List.of(10L, 10L, 10L, 10L)),
                new GeneratedChain.Era(2, later, List.of(10L, 10L, 10L, 10L))), HEIGHTS, h -> Set.of(), app);
    }

    private static InMemoryProvider provider(String id, GeneratedChain c) {
        return new InMemoryProvider(id, c::latestHeight, c::lightBlock);
    }

    /** A witness that, asked for the newest height, answers only once {@code other} has passed its gate. */
    private static final class Gated implements Provider {
        private final Provider source;
        private final CountDownLatch own = new CountDownLatch(1);
        private final boolean afterAnswering;
        private Gated waitsFor;

        /** @param afterAnswering opens this witness's gate after it answered, not when it is asked */
        Gated(Provider source, boolean afterAnswering) {
            this.source = source;
            this.afterAnswering = afterAnswering;
        }

        @Override public String id() {
            return source.id();
        }

        @Override public LightBlock lightBlock(long height) throws ProviderException {
            if (height != HEIGHTS) {
                return source.lightBlock(height);
            }
            if (!afterAnswering) {
                own.countDown();
            }
            try {
                if (waitsFor != null && !waitsFor.own.await(1, TimeUnit.MINUTES)) {
                    throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "witness " + waitsFor.id()
                            + " was not asked while " + id() + " waited");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "interrupted");
            }
            try {
                return source.lightBlock(height);
            } finally {
                own.countDown();
            }
        }

        @Override public LightBlock latest() throws ProviderException {
            return source.latest();
        }
    }

    private LightClient client(Provider primary, List<Provider> witnesses) throws Exception {
        return new LightClient(new Checkpoint(HONEST.chainId(), 1, HONEST.lightBlock(1).hash()), primary, witnesses,
                TrustedStore.open(dir.resolve("profile.db")), Options.DEFAULT, LightClient.Mode.SKIPPING, CLOCK, 100);
    }

    @Test
    void eachWitnessIsAskedWhileAnotherIsStillBeingAsked() throws Exception {
        Gated first = new Gated(provider("first", HONEST), false);
        Gated second = new Gated(provider("second", HONEST), false);
        first.waitsFor = second;
        second.waitsFor = first;

        SyncResult result = client(provider("primary", HONEST), List.of(first, second)).syncToLatest();

        assertThat(result).as(result.describe()).isInstanceOf(SyncResult.Synced.class);
        assertThat(((SyncResult.Synced) result).warnings()).as("both witnesses answered").isEmpty();
        assertThat(((SyncResult.Synced) result).block().height()).isEqualTo(HEIGHTS);
    }

    @Test
    void faultyWitnessesAreReportedInTheirOrderWhateverOrderTheyAnswerIn() throws Exception {
        // two witnesses with forks signed by strangers (their headers do not verify); the first in
        // the list answers only after the second has answered
        GeneratedChain fakeA = chain(GeneratedChain.keys(4, "strangers a"), h -> "fake a");
        GeneratedChain fakeB = chain(GeneratedChain.keys(4, "strangers b"), h -> "fake b");
        Gated liarA = new Gated(new InMemoryProvider("liar-a", fakeA::latestHeight,
                h -> h == 1 ? HONEST.lightBlock(1) : fakeA.lightBlock(h)), true);
        Gated liarB = new Gated(new InMemoryProvider("liar-b", fakeB::latestHeight,
                h -> h == 1 ? HONEST.lightBlock(1) : fakeB.lightBlock(h)), true);
        liarA.waitsFor = liarB;
        LightClient client = client(provider("primary", HONEST), List.of(liarA, liarB, provider("witness", HONEST)));

        SyncResult result = client.syncToLatest();

        assertThat(result).as(result.describe()).isInstanceOf(SyncResult.Synced.class);
        List<String> warnings = ((SyncResult.Synced) result).warnings();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("witness liar-a was dropped");
        assertThat(warnings.get(1)).startsWith("witness liar-b was dropped");
        assertThat(client.witnessIds()).containsExactly("witness");
    }

    @Test
    void theFirstWitnessInTheListNamesTheAttackEvenWhenAnotherAnswersFirst() throws Exception {
        // every validator signed a fork from height 600 on; the primary serves the fork
        GeneratedChain fork = chain(FOUR, h -> h >= 600 ? "fork" : "honest");
        Gated slow = new Gated(provider("slow-witness", HONEST), true);
        Gated quick = new Gated(provider("quick-witness", HONEST), true);
        slow.waitsFor = quick;
        LightClient client = client(provider("evil-primary", fork), List.of(slow, quick));

        SyncResult result = client.syncToLatest();

        assertThat(result).as(result.describe()).isInstanceOf(SyncResult.Divergence.class);
        SyncResult.Divergence d = (SyncResult.Divergence) result;
        assertThat(d.primary()).isEqualTo("evil-primary");
        assertThat(d.witness()).isEqualTo("slow-witness");
        assertThat(client.latestTrusted().orElseThrow().height()).isEqualTo(1);
    }
}
