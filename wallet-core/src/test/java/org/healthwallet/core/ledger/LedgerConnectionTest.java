package org.healthwallet.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.client.Provider;
import org.healthwallet.ledger.client.ProviderException;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.verify.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallet's ledger connection over in-memory nodes, keeping what it verified in a real (locked)
 * wallet file (the HTTP path is covered by the app's command-line tests and the end-to-end test
 * against the dev network).
 */
class LedgerConnectionTest {
    private static final URI PRIMARY = URI.create("http://127.0.0.1:26657/");
    private static final URI WITNESS = URI.create("http://127.0.0.1:26667/");

    @TempDir
    Path dir;

    private static ConsortiumConfig config(TestChain chain, long checkpointHeight) {
        LightBlock root = chain.block(checkpointHeight);
        return new ConsortiumConfig(new Checkpoint(TestChain.CHAIN_ID, checkpointHeight, root.hash()), PRIMARY,
                List.of(WITNESS), Optional.empty());
    }

    /** A real wallet file (locked) for the ledger store, made once per name. */
    private Path wallet(String name) throws Exception {
        Path file = dir.resolve(name + ".hwvault");
        return Files.exists(file) ? file : WalletFiles.create(file);
    }

    private static Clock at(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    /** Nodes by address; each request counted. */
    private static Function<URI, Provider> nodes(Map<URI, Provider> byUri, AtomicInteger requests) {
        return uri -> {
            Provider p = byUri.get(uri);
            return new Provider() {
                @Override public String id() {
                    return p.id();
                }

                @Override public LightBlock lightBlock(long height) throws ProviderException {
                    requests.incrementAndGet();
                    return p.lightBlock(height);
                }

                @Override public LightBlock latest() throws ProviderException {
                    requests.incrementAndGet();
                    return p.latest();
                }
            };
        };
    }

    private LedgerConnection connect(LedgerFile file, ConsortiumConfig config, Instant now, TestChain primary,
                                     TestChain witness, AtomicInteger primaryRequests) throws LedgerException {
        AtomicInteger witnessRequests = new AtomicInteger();
        Function<URI, Provider> primaryNode = nodes(Map.of(PRIMARY, primary.provider(PRIMARY.toString())), primaryRequests);
        Function<URI, Provider> witnessNode = nodes(Map.of(WITNESS, witness.provider(WITNESS.toString())), witnessRequests);
        return new LedgerConnection(config, file, Options.DEFAULT, at(now),
                uri -> uri.equals(PRIMARY) ? primaryNode.apply(uri) : witnessNode.apply(uri));
    }

    @Test
    void syncsFromTheCheckpointToTheNewestHeaderAndRemembersItInTheProfilesWalletFile() throws Exception {
        TestChain chain = TestChain.honest(60);
        Instant now = TestChain.time(60).plusSeconds(5);
        Path path = wallet("profile");
        try (LedgerFile file = LedgerFile.open(path, WalletFiles.seal(path))) {
            LedgerConnection ledger = connect(file, config(chain, 1), now, chain, chain, new AtomicInteger());
            LedgerStatus before = ledger.status();
            assertThat(before.lastOutcome()).isEqualTo(SyncOutcome.NEVER);
            assertThat(before.latest()).isEmpty();

            LedgerStatus after = ledger.sync();
            assertThat(after.lastOutcome()).as(after.lastMessage()).isEqualTo(SyncOutcome.SYNCED);
            assertThat(after.latest().orElseThrow().height()).isEqualTo(60);
            assertThat(after.latest().orElseThrow().time()).isEqualTo(TestChain.time(60));
            assertThat(after.latest().orElseThrow().headerHash()).isEqualTo(chain.block(60).hash());
            assertThat(after.validators()).hasSize(4).allSatisfy(v -> assertThat(v.votingPower()).isEqualTo(10));
            assertThat(after.totalVotingPower()).isEqualTo(40);
            assertThat(after.primary()).isEqualTo(PRIMARY.toString());
            assertThat(after.witnesses()).containsExactly(WITNESS.toString());
            assertThat(after.lastSuccess()).contains(now);
            assertThat(after.trustExpiresAt()).contains(TestChain.time(60).plus(Options.DEFAULT.trustingPeriod()));
            assertThat(after.warnings()).isEmpty();
        }
        // Another run (the command line after the app): what was verified is read back without any node.
        AtomicInteger requests = new AtomicInteger();
        try (LedgerFile file = LedgerFile.open(path, WalletFiles.seal(path))) {
            TestChain chain2 = TestChain.honest(60);
            LedgerStatus status = connect(file, config(chain2, 1), TestChain.time(61), chain2, chain2, requests).status();
            assertThat(status.latest().orElseThrow().height()).isEqualTo(60);
            assertThat(status.lastOutcome()).isEqualTo(SyncOutcome.SYNCED);
            assertThat(requests).hasValue(0);
        }
    }

    @Test
    void warnsBeforeTrustExpiresAndAsksForANewCheckpointAfter() throws Exception {
        TestChain chain = TestChain.honest(20);
        try (LedgerFile file = LedgerFile.open(wallet("p"), WalletFiles.seal(wallet("p")))) {
            ConsortiumConfig config = config(chain, 1);
            connect(file, config, TestChain.time(20).plusSeconds(1), chain, chain, new AtomicInteger()).sync();

            Instant expires = TestChain.time(20).plus(Options.DEFAULT.trustingPeriod());
            LedgerStatus soon = connect(file, config, expires.minus(Duration.ofHours(30)), chain, chain, new AtomicInteger()).status();
            assertThat(soon.warnings()).containsExactly(new LedgerWarning.TrustExpiring(expires));
            assertThat(soon.needsCheckpoint()).isFalse();

            LedgerConnection late = connect(file, config, expires.plusSeconds(1), chain, chain, new AtomicInteger());
            assertThat(late.status().warnings()).containsExactly(new LedgerWarning.TrustExpired(20, expires));
            LedgerStatus synced = late.sync();
            assertThat(synced.lastOutcome()).isEqualTo(SyncOutcome.TRUST_EXPIRED);
            assertThat(synced.needsCheckpoint()).isTrue();
            assertThat(synced.lastMessage()).contains("new checkpoint");
            assertThat(synced.latest().orElseThrow().height()).as("nothing was dropped or added").isEqualTo(20);
        }
    }

    @Test
    void aNewCheckpointStartsTheTrustOverFromThatBlock() throws Exception {
        // A one-minute trusting period, so a chain of one block a second shows the whole story.
        Options minute = Options.DEFAULT.withTrustingPeriod(Duration.ofSeconds(60));
        TestChain chain = TestChain.honest(90);
        Function<URI, Provider> nodes = uri -> chain.provider(uri.toString());
        try (LedgerFile file = LedgerFile.open(wallet("p"), WalletFiles.seal(wallet("p")))) {
            new LedgerConnection(config(chain, 1), file, minute, at(TestChain.time(20)), nodes).sync(SyncRequest.to(20),
                    SyncProgress.NONE);
            LedgerConnection ledger = new LedgerConnection(config(chain, 1), file, minute, at(TestChain.time(85)), nodes);
            LedgerStatus expired = ledger.status();
            assertThat(expired.warnings()).containsExactly(new LedgerWarning.TrustExpired(20, TestChain.time(80)));
            assertThat(expired.needsCheckpoint()).isTrue();

            Checkpoint entered = ledger.checkpointOf(" 80 ", chain.block(80).hash().hex().toLowerCase());
            LedgerStatus fresh = ledger.useCheckpoint(entered);
            assertThat(fresh.latest()).as("the old headers lead back to the old root").isEmpty();
            assertThat(fresh.warnings()).isEmpty();
            assertThat(fresh.needsCheckpoint()).isFalse();

            LedgerStatus synced = ledger.sync();
            assertThat(synced.lastOutcome()).as(synced.lastMessage()).isEqualTo(SyncOutcome.SYNCED);
            assertThat(synced.latest().orElseThrow().height()).isEqualTo(90);
        }
    }

    @Test
    void checkpointsThatCannotBeAreRefusedWithAReason() throws Exception {
        TestChain chain = TestChain.honest(5);
        try (LedgerFile file = LedgerFile.open(wallet("p"), WalletFiles.seal(wallet("p")))) {
            LedgerConnection ledger = connect(file, config(chain, 1), TestChain.time(5), chain, chain, new AtomicInteger());
            assertThatThrownBy(() -> ledger.checkpointOf("ten", chain.block(1).hash().hex()))
                    .isInstanceOf(LedgerException.class).hasMessageContaining("whole number");
            assertThatThrownBy(() -> ledger.checkpointOf("0", chain.block(1).hash().hex()))
                    .isInstanceOf(LedgerException.class).hasMessageContaining("1 or more");
            assertThatThrownBy(() -> ledger.checkpointOf("3", "ABCD"))
                    .isInstanceOf(LedgerException.class).hasMessageContaining("64 hexadecimal digits");
            assertThatThrownBy(() -> ledger.useCheckpoint(new Checkpoint("another-chain", 3, chain.block(3).hash())))
                    .isInstanceOf(LedgerException.class).hasMessageContaining("another-chain").hasMessageContaining(TestChain.CHAIN_ID);
        }
    }

    @Test
    void aWitnessWithAnotherVerifiedHistoryIsAnAttackAndThePrimaryIsNotAskedAgain() throws Exception {
        TestChain honest = TestChain.honest(50);
        // The primary serves a conflicting chain from height 30, signed by every validator (a lunatic attack).
        TestChain forged = new TestChain(50, h -> h >= 30 ? "forged" : "honest", h -> Set.of(0, 1, 2, 3));
        Instant now = TestChain.time(50).plusSeconds(3);
        Path path = wallet("p");
        try (LedgerFile file = LedgerFile.open(path, WalletFiles.seal(path))) {
            LedgerStatus status = connect(file, config(honest, 1), now, forged, honest, new AtomicInteger()).sync();
            assertThat(status.lastOutcome()).isEqualTo(SyncOutcome.ATTACK);
            assertThat(status.latest().orElseThrow().height()).as("nothing of the fork is trusted").isLessThan(30);
            assertThat(status.warnings()).hasSize(2);
            LedgerWarning.AttackReported attack = (LedgerWarning.AttackReported) status.warnings().get(0);
            assertThat(attack.report().primary()).isEqualTo(PRIMARY.toString());
            assertThat(attack.report().witness()).isEqualTo(WITNESS.toString());
            assertThat(attack.report().byzantineValidators()).isEqualTo(4);
            assertThat(attack.report().detectedAt()).isEqualTo(now);
            assertThat(status.warnings().get(1)).isEqualTo(new LedgerWarning.PrimaryDropped(PRIMARY.toString()));
            assertThat(status.needsCheckpoint()).isTrue();
        }
        AtomicInteger primaryRequests = new AtomicInteger();
        try (LedgerFile file = LedgerFile.open(path, WalletFiles.seal(path))) {
            LedgerConnection again = connect(file, config(honest, 1), now.plusSeconds(60), forged, honest, primaryRequests);
            LedgerStatus status = again.sync();
            assertThat(status.lastOutcome()).isEqualTo(SyncOutcome.ATTACK);
            assertThat(primaryRequests).as("the caught primary is not asked again").hasValue(0);
            assertThat(status.warnings().get(0).describe()).contains("Attack reported").contains("height");

            // The consortium gives a new checkpoint: the record of the attack is history, the sync runs again.
            again.useCheckpoint(new Checkpoint(TestChain.CHAIN_ID, 10, honest.block(10).hash()));
            LedgerStatus resumed = again.sync();
            assertThat(primaryRequests.get()).isPositive();
            assertThat(resumed.lastOutcome()).isEqualTo(SyncOutcome.ATTACK);
        }
    }

    @Test
    void oneValidatorOfFourOfflineStillVerifiesTwoDoNotAndTheReasonIsSaid() throws Exception {
        TestChain threeSign = new TestChain(30, h -> "honest", h -> h > 1 ? Set.of(0, 1, 3) : Set.of(0, 1, 2, 3));
        Instant now = TestChain.time(30).plusSeconds(1);
        try (LedgerFile file = LedgerFile.open(wallet("a"), WalletFiles.seal(wallet("a")))) {
            LedgerStatus status = connect(file, config(threeSign, 1), now, threeSign, threeSign, new AtomicInteger()).sync();
            assertThat(status.lastOutcome()).as(status.lastMessage()).isEqualTo(SyncOutcome.SYNCED);
            assertThat(status.latest().orElseThrow().height()).isEqualTo(30);
        }
        TestChain twoSign = new TestChain(30, h -> "honest", h -> h > 1 ? Set.of(0, 1) : Set.of(0, 1, 2, 3));
        try (LedgerFile file = LedgerFile.open(wallet("b"), WalletFiles.seal(wallet("b")))) {
            LedgerStatus status = connect(file, config(twoSign, 1), now, twoSign, twoSign, new AtomicInteger()).sync();
            assertThat(status.lastOutcome()).isEqualTo(SyncOutcome.FAILED);
            assertThat(status.lastMessage()).contains("INSUFFICIENT_POWER").contains("Nothing new was trusted");
            assertThat(status.latest().orElseThrow().height()).as("only the checkpoint").isEqualTo(1);
            assertThat(status.lastSuccess()).isEmpty();
        }
    }

    @Test
    void aCancelledSyncStopsAtTheNextRequestAndTrustsNothingNew() throws Exception {
        TestChain chain = TestChain.honest(40);
        try (LedgerFile file = LedgerFile.open(wallet("p"), WalletFiles.seal(wallet("p")))) {
            LedgerConnection ledger = connect(file, config(chain, 1), TestChain.time(40), chain, chain, new AtomicInteger());
            AtomicBoolean cancel = new AtomicBoolean();
            AtomicInteger fetched = new AtomicInteger();
            LedgerStatus status = ledger.sync(SyncRequest.LATEST.sequential(), new SyncProgress() {
                @Override public void fetched(String source, long height) {
                    if (fetched.incrementAndGet() == 5) {
                        cancel.set(true);
                    }
                }

                @Override public boolean isCancelled() {
                    return cancel.get();
                }
            });
            assertThat(status.lastOutcome()).isEqualTo(SyncOutcome.CANCELLED);
            assertThat(fetched).hasValue(5);
            assertThat(status.latest().orElseThrow().height()).isEqualTo(1);
        }
    }

    @Test
    void aConsortiumWithoutWitnessIsRefused() throws Exception {
        TestChain chain = TestChain.honest(3);
        ConsortiumConfig alone = new ConsortiumConfig(config(chain, 1).checkpoint(), PRIMARY, List.of(), Optional.empty());
        try (LedgerFile file = LedgerFile.open(wallet("p"), WalletFiles.seal(wallet("p")))) {
            assertThatThrownBy(() -> LedgerConnection.overHttp(alone, file))
                    .isInstanceOf(LedgerException.class).hasMessageContaining("no witness");
        }
    }
}
