package org.healthwallet.node.devnet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Bytes;

/**
 * How to run a dev network.
 *
 * @param dataDir            where genesis, validator seed, blocks and ledger are kept
 * @param validators         how many validators; 0 means what the data folder holds, or
 *                           {@value #DEFAULT_VALIDATORS} for a new one
 * @param chainId            the chain id of a new network; null means what the data folder holds,
 *                           or {@value #DEFAULT_CHAIN_ID}
 * @param emptyBlockInterval how long to wait without transactions before an empty block;
 *                           {@link Duration#ZERO} makes no empty blocks. Either way, a block that
 *                           changed the state is followed promptly (10 ms) by the block whose header
 *                           commits to it (CometBFT's proof block), when production is automatic
 * @param production         automatic (a background thread) or on demand (tests)
 * @param seed               the 32-byte seed the validator keys of a new network derive from;
 *                           empty means a random one (it is stored in the data folder either way)
 */
public record DevNetworkOptions(Path dataDir, int validators, String chainId, Duration emptyBlockInterval,
                                BlockProduction production, Optional<Bytes> seed) {
    public static final int DEFAULT_VALIDATORS = 4;
    /** More would only slow the dev network down; CometBFT consortia of this design have 4 to 15. */
    public static final int MAX_VALIDATORS = 150;
    public static final String DEFAULT_CHAIN_ID = "healthwallet-devnet";
    public static final Duration DEFAULT_EMPTY_BLOCK_INTERVAL = Duration.ofSeconds(1);

    public DevNetworkOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(emptyBlockInterval, "emptyBlockInterval");
        Objects.requireNonNull(production, "production");
        Objects.requireNonNull(seed, "seed");
        if (validators < 0 || validators > MAX_VALIDATORS) {
            throw new IllegalArgumentException("A dev network has 1 to " + MAX_VALIDATORS + " validators, not " + validators + ".");
        }
        if (chainId != null && !chainId.isEmpty()) {
            int length = chainId.getBytes(StandardCharsets.UTF_8).length;
            if (length > 50 || !chainId.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("A chain id has 1 to 50 letters, digits, dots, dashes or underscores: \""
                        + chainId + "\" does not.");
            }
        }
        if (emptyBlockInterval.isNegative()) {
            throw new IllegalArgumentException("The empty-block interval cannot be negative.");
        }
        if (seed.isPresent() && seed.get().length() != 32) {
            throw new IllegalArgumentException("A validator seed has 32 bytes, not " + seed.get().length() + ".");
        }
    }

    /** Blocks as transactions arrive and every second otherwise, validators as the folder holds (or 4). */
    public static DevNetworkOptions defaults(Path dataDir) {
        return new DevNetworkOptions(dataDir, 0, null, DEFAULT_EMPTY_BLOCK_INTERVAL, BlockProduction.AUTOMATIC,
                Optional.empty());
    }

    /** For tests: blocks only when asked for. */
    public static DevNetworkOptions onDemand(Path dataDir, int validators) {
        return new DevNetworkOptions(dataDir, validators, null, Duration.ZERO, BlockProduction.ON_DEMAND, Optional.empty());
    }

    public DevNetworkOptions withValidators(int count) {
        return new DevNetworkOptions(dataDir, count, chainId, emptyBlockInterval, production, seed);
    }

    public DevNetworkOptions withChainId(String id) {
        return new DevNetworkOptions(dataDir, validators, id, emptyBlockInterval, production, seed);
    }

    public DevNetworkOptions withEmptyBlockInterval(Duration interval) {
        return new DevNetworkOptions(dataDir, validators, chainId, interval, production, seed);
    }

    public DevNetworkOptions withProduction(BlockProduction mode) {
        return new DevNetworkOptions(dataDir, validators, chainId, emptyBlockInterval, mode, seed);
    }

    public DevNetworkOptions withSeed(Bytes seedBytes) {
        return new DevNetworkOptions(dataDir, validators, chainId, emptyBlockInterval, production, Optional.of(seedBytes));
    }
}
