package org.healthwallet.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.ValidatorKey;
import org.healthwallet.ledger.testing.CountingProvider;
import org.healthwallet.ledger.testing.GeneratedChain;
import org.healthwallet.ledger.verify.Options;
import org.healthwallet.ledger.verify.Reason;
import org.healthwallet.ledger.verify.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The light client against generated chains of 10,000 heights, in memory, with a real SQLite store. */
class LightClientTest {
    private static final Instant GENESIS = Instant.parse("2025-03-01T00:00:00Z");
    private static final long HEIGHTS = 10_000;
    private static final Clock CLOCK = Clock.fixed(GENESIS.plusSeconds(HEIGHTS + 60), ZoneOffset.UTC);
    private static final List<ValidatorKey> FIFTEEN = GeneratedChain.keys(15, "consortium");
    private static final List<ValidatorKey> FOUR = FIFTEEN.subList(0, 4);
    /** Shared by the tests that only read it (signatures are made once, on demand). */
    private static final GeneratedChain HONEST = chain(h -> Set.of(), h -> "honest");
    private static final GeneratedChain SMALL = new GeneratedChain("health-1", GENESIS, Duration.ofSeconds(1),
            List.of(new GeneratedChain.Era(1, FOUR, List.of(10L, 10L, 10L, 10L))), 1000, h -> Set.of(), h -> "honest");

    @TempDir
    Path dir;

    private static GeneratedChain chain(LongFunction<Set<Bytes>> offline, LongFunction<String> app) {
        return new GeneratedChain("health-1", GENESIS, Duration.ofSeconds(1),
                List.of(new GeneratedChain.Era(1, FIFTEEN, FIFTEEN.stream().map(k -> 10L).toList())),
                HEIGHTS, offline, app);
    }

    private static InMemoryProvider provider(String id, GeneratedChain c) {
        return new InMemoryProvider(id, c::latestHeight, c::lightBlock);
    }

    private static Checkpoint checkpoint(GeneratedChain c, long height) {
        return new Checkpoint(c.chainId(), height, c.lightBlock(height).hash());
    }

    private LightClient client(GeneratedChain c, Provider primary, List<Provider> witnesses, LightClient.Mode mode)
            throws Exception {
        return new LightClient(checkpoint(c, 1), primary, witnesses, TrustedStore.open(dir.resolve("profile.db")),
                Options.DEFAULT, mode, CLOCK, 100);
    }

    private static Set<Bytes> addresses(int from, int to) {
        Set<Bytes> out = new HashSet<>();
        for (int i = from; i < to; i++) {
            out.add(FIFTEEN.get(i).address());
        }
        return out;
    }

    @Test
    void skipsTenThousandHeightsOfAStableSetInOneStep() throws Exception {
        GeneratedChain c = HONEST;
        CountingProvider primary = new CountingProvider(provider("primary", c));
        LightClient client = client(c, primary, List.of(provider("witness", c)), LightClient.Mode.SKIPPING);

        SyncResult result = client.syncToLatest();

        assertThat(result).isInstanceOf(SyncResult.Synced.class);
        assertThat(((SyncResult.Synced) result).block().height()).isEqualTo(HEIGHTS);
        assertThat(primary.requests()).isEqualTo(2); // the checkpoint block and the newest
        assertThat(client.latestTrusted().orElseThrow().hash()).isEqualTo(c.lightBlock(HEIGHTS).hash());
    }

    @Test
    void bisectsAcrossChangingValidators() throws Exception {
        // every 1,000 heights eight of fifteen validators are replaced: too little overlap to skip far
        List<GeneratedChain.Era> eras = new ArrayList<>();
        List<ValidatorKey> current = new ArrayList<>(FIFTEEN);
        for (int era = 0; era < 10; era++) {
            if (era > 0) {
                List<ValidatorKey> fresh = GeneratedChain.keys(8, "era" + era);
                for (int i = 0; i < 8; i++) {
                    current.set((i * 2 + era) % 15, fresh.get(i));
                }
            }
            eras.add(new GeneratedChain.Era(era * 1000L + 1, List.copyOf(current), current.stream().map(k -> 10L).toList()));
        }
        GeneratedChain c = new GeneratedChain("health-1", GENESIS, Duration.ofSeconds(1), eras, HEIGHTS,
                h -> Set.of(), h -> "honest");
        CountingProvider primary = new CountingProvider(provider("primary", c));
        LightClient client = client(c, primary, List.of(provider("witness", c)), LightClient.Mode.SKIPPING);

        SyncResult result = client.syncToLatest();

        assertThat(result).as(result.describe()).isInstanceOf(SyncResult.Synced.class);
        assertThat(((SyncResult.Synced) result).block().height()).isEqualTo(HEIGHTS);
        assertThat(primary.requests()).isBetween(3, 200); // bisection needed blocks in between
    }

    @Test
    void validatorsOfflineWithMoreThanTwoThirdsSigningStillVerify() throws Exception {
        GeneratedChain c = chain(h -> addresses(0, 4), h -> "honest"); // 11 of 15 sign
        LightClient client = client(c, provider("primary", c), List.of(provider("witness", c)), LightClient.Mode.SKIPPING);
        assertThat(client.syncToLatest()).isInstanceOf(SyncResult.Synced.class);
    }

    @Test
    void twoThirdsOrLessSigningFailsWithTheReason() throws Exception {
        // from height 5,000 on only ten of fifteen sign: exactly 2/3, not more
        GeneratedChain c = chain(h -> h >= 5000 ? addresses(10, 15) : Set.of(), h -> "honest");
        LightClient client = client(c, provider("primary", c), List.of(provider("witness", c)), LightClient.Mode.SKIPPING);

        SyncResult result = client.syncToLatest();

        assertThat(result).isInstanceOf(SyncResult.Failed.class);
        SyncResult.Failed failed = (SyncResult.Failed) result;
        assertThat(failed.height()).isEqualTo(HEIGHTS);
        assertThat(((Verdict.Invalid) failed.verdict()).reason()).isEqualTo(Reason.INSUFFICIENT_POWER);
        assertThat(result.describe()).contains("100 of 150").contains("Nothing new was trusted");
        assertThat(client.latestTrusted().orElseThrow().height()).isEqualTo(1);
        // heights before the outage still verify
        assertThat(client.syncTo(4999)).isInstanceOf(SyncResult.Synced.class);
    }

    @Test
    void sequentialModeVerifiesEveryHeight() throws Exception {
        GeneratedChain c = SMALL;
        CountingProvider primary = new CountingProvider(provider("primary", c));
        LightClient client = client(c, primary, List.of(provider("witness", c)), LightClient.Mode.SEQUENTIAL);

        SyncResult result = client.syncTo(60);

        assertThat(result).isInstanceOf(SyncResult.Synced.class);
        assertThat(primary.requests()).isEqualTo(60); // checkpoint, target, and the 58 between
    }

    @Test
    void olderHeightsAreVerifiedBackwardsByHashChain() throws Exception {
        GeneratedChain c = SMALL;
        LightClient client = new LightClient(checkpoint(c, 500), provider("primary", c),
                List.of(provider("witness", c)), TrustedStore.open(dir.resolve("p.db")), Options.DEFAULT,
                LightClient.Mode.SKIPPING, CLOCK, 100);
        assertThat(client.syncTo(900)).isInstanceOf(SyncResult.Synced.class);

        SyncResult older = client.syncTo(490);

        assertThat(older).isInstanceOf(SyncResult.Synced.class);
        assertThat(((SyncResult.Synced) older).block().hash()).isEqualTo(c.lightBlock(490).hash());
        assertThat(client.syncTo(490)).isEqualTo(older); // now stored
    }

    @Test
    void aForgedOlderHeaderBreaksTheHashChain() throws Exception {
        GeneratedChain honest = SMALL;
        GeneratedChain forged = new GeneratedChain("health-1", GENESIS, Duration.ofSeconds(1),
                List.of(new GeneratedChain.Era(1, FOUR, List.of(10L, 10L, 10L, 10L))), 1000, h -> Set.of(),
                h -> h < 495 ? "rewritten" : "honest");
        // the forger serves the honest blocks from 495 on, its own (signed by the same keys) below
        Provider primary = new InMemoryProvider("forger", honest::latestHeight,
                h -> h >= 495 ? honest.lightBlock(h) : forged.lightBlock(h));
        LightClient client = new LightClient(checkpoint(honest, 500), primary, List.of(provider("witness", honest)),
                TrustedStore.open(dir.resolve("p.db")), Options.DEFAULT, LightClient.Mode.SKIPPING, CLOCK, 100);
        assertThat(client.syncTo(600)).isInstanceOf(SyncResult.Synced.class);

        SyncResult result = client.syncTo(490);

        assertThat(result).isInstanceOf(SyncResult.Failed.class);
        assertThat(((Verdict.Invalid) ((SyncResult.Failed) result).verdict()).reason()).isEqualTo(Reason.HASH_CHAIN_BROKEN);
    }

    @Test
    void aWitnessWithAnotherVerifiedHistoryIsReportedAsAnAttack() throws Exception {
        GeneratedChain honest = HONEST;
        // every validator also signed a fork from height 6,000 on (a lunatic attack by all of them)
        GeneratedChain fork = chain(h -> Set.of(), h -> h >= 6000 ? "fork" : "honest");
        LightClient client = client(honest, provider("evil-primary", fork), List.of(provider("honest-witness", honest)),
                LightClient.Mode.SKIPPING);

        SyncResult result = client.syncToLatest();

        assertThat(result).isInstanceOf(SyncResult.Divergence.class);
        SyncResult.Divergence d = (SyncResult.Divergence) result;
        assertThat(d.primary()).isEqualTo("evil-primary");
        assertThat(d.witness()).isEqualTo("honest-witness");
        assertThat(d.againstPrimary().kind()).isEqualTo(AttackEvidence.Kind.LUNATIC);
        assertThat(d.againstPrimary().conflictingBlock().hash()).isEqualTo(fork.lightBlock(HEIGHTS).hash());
        assertThat(d.againstPrimary().commonHeight()).isEqualTo(1);
        assertThat(d.againstPrimary().byzantineValidators()).hasSize(15);
        assertThat(d.againstPrimary().totalVotingPower()).isEqualTo(150);
        assertThat(d.againstWitness()).isNotNull();
        assertThat(d.againstWitness().conflictingBlock().hash()).isEqualTo(honest.lightBlock(HEIGHTS).hash());
        assertThat(result.describe()).contains("attack").contains("evil-primary is no longer used");
        // nothing from either side was trusted, and the primary stays dropped
        assertThat(client.latestTrusted().orElseThrow().height()).isEqualTo(1);
        assertThat(client.syncTo(20)).isSameAs(result);
        assertThat(client.divergence()).contains(d);
    }

    @Test
    void aWitnessWhoseOtherHeaderDoesNotVerifyIsDroppedNotBelieved() throws Exception {
        GeneratedChain honest = HONEST;
        // a fork signed by validators who are not the chain's
        List<ValidatorKey> strangers = GeneratedChain.keys(15, "strangers");
        GeneratedChain fake = new GeneratedChain("health-1", GENESIS, Duration.ofSeconds(1), List.of(
                new GeneratedChain.Era(1, FIFTEEN, FIFTEEN.stream().map(k -> 10L).toList()),
                new GeneratedChain.Era(2, strangers, strangers.stream().map(k -> 10L).toList())),
                HEIGHTS, h -> Set.of(), h -> "fake");
        Provider liar = new InMemoryProvider("liar", fake::latestHeight, h -> h == 1 ? honest.lightBlock(1) : fake.lightBlock(h));
        LightClient client = client(honest, provider("primary", honest), List.of(liar, provider("witness", honest)),
                LightClient.Mode.SKIPPING);

        SyncResult result = client.syncToLatest();

        assertThat(result).isInstanceOf(SyncResult.Synced.class);
        assertThat(result.describe()).contains("liar was dropped");
        assertThat(client.witnessIds()).containsExactly("witness");
    }

    @Test
    void withoutAnyWitnessAnsweringNothingIsTrusted() throws Exception {
        GeneratedChain c = HONEST;
        CountingProvider stuck = new CountingProvider(new InMemoryProvider("stuck", () -> 1, h -> c.lightBlock(1)));
        LightClient client = new LightClient(checkpoint(c, 1), provider("primary", c), List.of(stuck),
                TrustedStore.open(dir.resolve("p.db")), Options.DEFAULT, LightClient.Mode.SKIPPING, CLOCK, 100,
                Duration.ofMillis(300));
        SyncResult result = client.syncToLatest();
        assertThat(result).isInstanceOf(SyncResult.Failed.class);
        assertThat(result.describe()).contains("No witness confirmed").contains("stuck is behind (height 1");
        assertThat(client.latestTrusted().orElseThrow().height()).isEqualTo(1);
        assertThat(stuck.requests()).as("asked again while waiting").isGreaterThan(4);
    }

    @Test
    void aWitnessAMomentBehindThePrimaryIsWaitedFor() throws Exception {
        // as on a live network: the witness commits the newest block shortly after the primary
        GeneratedChain c = SMALL;
        AtomicInteger asked = new AtomicInteger();
        Provider lagging = new InMemoryProvider("lagging", () -> asked.incrementAndGet() < 12 ? 999 : 1000, c::lightBlock);
        LightClient client = new LightClient(checkpoint(c, 1), provider("primary", c), List.of(lagging),
                TrustedStore.open(dir.resolve("p.db")), Options.DEFAULT, LightClient.Mode.SKIPPING, CLOCK, 100,
                Duration.ofSeconds(20));

        SyncResult result = client.syncToLatest();

        assertThat(result).as(result.describe()).isInstanceOf(SyncResult.Synced.class);
        assertThat(((SyncResult.Synced) result).warnings()).isEmpty();
        assertThat(((SyncResult.Synced) result).block().height()).isEqualTo(1000);
    }

    @Test
    void aWitnessBehindIsNotWaitedForWhenAnotherConfirmed() throws Exception {
        GeneratedChain c = SMALL;
        CountingProvider stuck = new CountingProvider(new InMemoryProvider("stuck", () -> 900, c::lightBlock));
        LightClient client = new LightClient(checkpoint(c, 1), provider("primary", c), List.of(stuck, provider("witness", c)),
                TrustedStore.open(dir.resolve("p.db")), Options.DEFAULT, LightClient.Mode.SKIPPING, CLOCK, 100,
                Duration.ofMinutes(10));

        SyncResult result = client.syncToLatest();

        assertThat(result).as(result.describe()).isInstanceOf(SyncResult.Synced.class);
        assertThat(((SyncResult.Synced) result).warnings()).containsExactly("witness stuck is behind (height 900 when asked for 1000)");
        assertThat(stuck.requests()).as("the checkpoint, the newest once, and its newest height").isEqualTo(3);
    }

    @Test
    void anExpiredTrustSaysSoAndANewCheckpointResumes() throws Exception {
        GeneratedChain c = HONEST;
        Path file = dir.resolve("profile.db");
        try (TrustedStore store = TrustedStore.open(file)) {
            LightClient first = new LightClient(checkpoint(c, 1), provider("p", c), List.of(provider("w", c)), store,
                    Options.DEFAULT, LightClient.Mode.SKIPPING, CLOCK, 100);
            assertThat(first.syncTo(2000)).isInstanceOf(SyncResult.Synced.class);
        }
        Clock muchLater = Clock.fixed(GENESIS.plus(Duration.ofDays(30)), ZoneOffset.UTC);
        try (TrustedStore store = TrustedStore.open(file)) {
            LightClient later = new LightClient(checkpoint(c, 1), provider("p", c), List.of(provider("w", c)), store,
                    Options.DEFAULT, LightClient.Mode.SKIPPING, muchLater, 100);
            SyncResult expired = later.syncToLatest();
            assertThat(expired).isEqualTo(new SyncResult.TrustExpired(2000, c.time(2000).plus(Duration.ofHours(168))));
            assertThat(expired.describe()).contains("new checkpoint");

            Options month = Options.DEFAULT.withTrustingPeriod(Duration.ofDays(60));
            LightClient renewed = new LightClient(checkpoint(c, 9000), provider("p", c), List.of(provider("w", c)),
                    store, month, LightClient.Mode.SKIPPING, muchLater, 100);
            assertThat(renewed.syncToLatest()).isInstanceOf(SyncResult.Synced.class);
        }
    }

    @Test
    void aPrimaryOnAnotherChainThanTheCheckpointIsRefused() throws Exception {
        GeneratedChain c = HONEST;
        GeneratedChain other = chain(h -> Set.of(), h -> "other");
        LightClient client = client(c, provider("other", other), List.of(provider("w", c)), LightClient.Mode.SKIPPING);
        SyncResult result = client.syncToLatest();
        assertThat(result).isInstanceOf(SyncResult.Failed.class);
        assertThat(result.describe()).contains("another block at the checkpoint height");
    }

    @Test
    void aRestartResumesFromTheStoredBlock() throws Exception {
        GeneratedChain c = HONEST;
        Path file = dir.resolve("profile.db");
        try (TrustedStore store = TrustedStore.open(file)) {
            new LightClient(checkpoint(c, 1), provider("p", c), List.of(provider("w", c)), store, Options.DEFAULT,
                    LightClient.Mode.SKIPPING, CLOCK, 100).syncTo(7000);
        }
        try (TrustedStore store = TrustedStore.open(file)) {
            CountingProvider primary = new CountingProvider(provider("p", c));
            LightClient again = new LightClient(checkpoint(c, 1), primary, List.of(provider("w", c)), store,
                    Options.DEFAULT, LightClient.Mode.SKIPPING, CLOCK, 100);
            assertThat(again.latestTrusted().orElseThrow().height()).isEqualTo(7000);
            assertThat(again.syncToLatest()).isInstanceOf(SyncResult.Synced.class);
            assertThat(primary.requests()).isEqualTo(1); // only the newest: no checkpoint fetch
        }
    }
}
