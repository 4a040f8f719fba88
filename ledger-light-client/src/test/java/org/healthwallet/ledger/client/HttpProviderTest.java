package org.healthwallet.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.ValidatorKey;
import org.healthwallet.ledger.testing.ChainRpcServer;
import org.healthwallet.ledger.testing.GeneratedChain;
import org.healthwallet.ledger.verify.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HttpProvider against a real HTTP server on loopback speaking CometBFT's JSON-RPC. */
class HttpProviderTest {
    private static final Instant GENESIS = Instant.parse("2025-05-01T00:00:00Z");
    private static final List<ValidatorKey> KEYS = GeneratedChain.keys(4, "http");

    @TempDir
    Path dir;

    private static HttpProvider provider(URI uri, int attempts, Duration timeout) {
        return new HttpProvider(uri, HttpClient.newHttpClient(), timeout, attempts, Duration.ofMillis(20));
    }

    @Test
    void readsALightBlockWithPagedValidatorSetsOfTwoHeights() throws Exception {
        // 250 validators (three pages of 100) until height 3, then a set of 4
        List<ValidatorKey> many = GeneratedChain.keys(250, "many");
        GeneratedChain chain = new GeneratedChain("health-http", GENESIS, Duration.ofSeconds(1), List.of(
                new GeneratedChain.Era(1, many, many.stream().map(k -> 1L + k.address().get(0) % 7 + 7).toList()),
                new GeneratedChain.Era(4, KEYS, List.of(5L, 5L, 5L, 5L))), 6, h -> Set.of(), h -> "s");
        try (ChainRpcServer node = new ChainRpcServer(chain)) {
            LightBlock got = provider(node.uri(), 1, Duration.ofSeconds(5)).lightBlock(3);
            assertThat(got).isEqualTo(chain.lightBlock(3));
            assertThat(got.validatorSet().size()).isEqualTo(250);
            assertThat(got.nextValidatorSet().size()).isEqualTo(4);
            assertThat(node.requests()).isEqualTo(1 + 3 + 1);
        }
    }

    @Test
    void aStableSetIsFetchedOnceAndLatestIsTheNewest() throws Exception {
        GeneratedChain chain = GeneratedChain.stable("health-http", KEYS, 20, GENESIS);
        try (ChainRpcServer node = new ChainRpcServer(chain)) {
            LightBlock latest = provider(node.uri(), 1, Duration.ofSeconds(5)).latest();
            assertThat(latest).isEqualTo(chain.lightBlock(20));
            assertThat(node.requests()).isEqualTo(2);
        }
    }

    @Test
    void heightsBeyondTheNodeAreTooHighNotBroken() throws Exception {
        GeneratedChain chain = GeneratedChain.stable("health-http", KEYS, 5, GENESIS);
        try (ChainRpcServer node = new ChainRpcServer(chain)) {
            assertThatThrownBy(() -> provider(node.uri(), 3, Duration.ofSeconds(5)).lightBlock(9))
                    .isInstanceOf(ProviderException.class)
                    .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.HEIGHT_TOO_HIGH))
                    .hasMessageContaining("current blockchain height 5");
            assertThat(node.requests()).isEqualTo(1);
        }
    }

    @Test
    void cometBftsErrorWordsSayWhetherAHeightIsTooHighOrGone() throws Exception {
        GeneratedChain chain = GeneratedChain.stable("health-http", KEYS, 5, GENESIS);
        Map<String, ProviderException.Kind> words = Map.of(
                "height 9 must be less than or equal to the current blockchain height 5", ProviderException.Kind.HEIGHT_TOO_HIGH,
                "height 1 is not available, lowest height is 3", ProviderException.Kind.NOT_FOUND,
                "could not find validator set for height #2", ProviderException.Kind.NOT_FOUND,
                "Could not find validator set for height #2", ProviderException.Kind.NOT_FOUND,
                "page should be within [1, 1] range, given 2", ProviderException.Kind.BAD_RESPONSE);
        try (ChainRpcServer node = new ChainRpcServer(chain)) {
            for (Map.Entry<String, ProviderException.Kind> e : words.entrySet()) {
                node.answerGarbage("{\"jsonrpc\":\"2.0\",\"id\":-1,\"error\":{\"code\":-32603,"
                        + "\"message\":\"Internal error\",\"data\":\"" + e.getKey() + "\"}}");
                assertThatThrownBy(() -> provider(node.uri(), 1, Duration.ofSeconds(5)).lightBlock(2))
                        .isInstanceOfSatisfying(ProviderException.class, x -> assertThat(x.kind()).as(e.getKey()).isEqualTo(e.getValue()))
                        .hasMessageContaining(e.getKey());
            }
        }
    }

    @Test
    void aBusyNodeIsAskedAgainABoundedNumberOfTimes() throws Exception {
        GeneratedChain chain = GeneratedChain.stable("health-http", KEYS, 5, GENESIS);
        try (ChainRpcServer node = new ChainRpcServer(chain)) {
            node.failNext(2);
            assertThat(provider(node.uri(), 3, Duration.ofSeconds(5)).lightBlock(2)).isEqualTo(chain.lightBlock(2));
            node.failNext(10);
            int before = node.requests();
            assertThatThrownBy(() -> provider(node.uri(), 3, Duration.ofSeconds(5)).lightBlock(2))
                    .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE))
                    .hasMessageContaining("HTTP 503");
            assertThat(node.requests() - before).isEqualTo(3);
        }
    }

    @Test
    void aSilentNodeTimesOut() throws Exception {
        GeneratedChain chain = GeneratedChain.stable("health-http", KEYS, 5, GENESIS);
        try (ChainRpcServer node = new ChainRpcServer(chain)) {
            node.delay(3_000);
            long start = System.nanoTime();
            assertThatThrownBy(() -> provider(node.uri(), 2, Duration.ofMillis(200)).lightBlock(2))
                    .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE))
                    .hasMessageContaining("did not answer");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void garbageIsABadResponseAndIsNotRetried() throws Exception {
        GeneratedChain chain = GeneratedChain.stable("health-http", KEYS, 5, GENESIS);
        try (ChainRpcServer node = new ChainRpcServer(chain)) {
            node.answerGarbage("{\"jsonrpc\":\"2.0\",\"result\":{\"signed_header\":[1,2,3]}}");
            assertThatThrownBy(() -> provider(node.uri(), 3, Duration.ofSeconds(5)).lightBlock(2))
                    .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.BAD_RESPONSE))
                    .hasMessageContaining("$.result.signed_header");
            assertThat(node.requests()).isEqualTo(1);
        }
    }

    @Test
    void theLightClientSyncsOverHttpWithAWitness() throws Exception {
        GeneratedChain chain = GeneratedChain.stable("health-http", KEYS, 2000, GENESIS);
        try (ChainRpcServer primary = new ChainRpcServer(chain); ChainRpcServer witness = new ChainRpcServer(chain);
             TrustedStore store = TrustedStore.open(dir.resolve("profile.db"))) {
            LightClient client = new LightClient(new Checkpoint("health-http", 1, chain.lightBlock(1).hash()),
                    HttpProvider.create(primary.uri()), List.of(HttpProvider.create(witness.uri())), store,
                    Options.DEFAULT, LightClient.Mode.SKIPPING, Clock.fixed(GENESIS.plusSeconds(2100), ZoneOffset.UTC), 10);
            SyncResult result = client.syncToLatest();
            assertThat(result).as(result.describe()).isInstanceOf(SyncResult.Synced.class);
            assertThat(store.latest().orElseThrow().height()).isEqualTo(2000);
        }
    }
}
