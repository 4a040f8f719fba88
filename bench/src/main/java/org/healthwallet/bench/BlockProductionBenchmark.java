package org.healthwallet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.node.devnet.DevBlock;
import org.healthwallet.node.devnet.DevNetwork;
import org.healthwallet.node.devnet.DevNetworkOptions;
import org.healthwallet.node.devnet.NetworkHaltedException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time for the dev network to produce one block: build the CometBFT header (hashes of the previous
 * commit, results, data), sign a precommit with every validator's Ed25519 key in validator-set
 * order, execute the block in the ledger and store both in SQLite, as {@code DevNetwork.produceBlock}
 * does for every block. Target (issue 3): under 20 ms with 15 validators.
 * <pre>java -jar bench/target/benchmarks.jar BlockProductionBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class BlockProductionBenchmark {
    @Param({"15", "4"})
    public int validators;

    private Path dir;
    private DevNetwork network;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("block-production-bench");
        Bytes seed = Bytes.fromHex("0B".repeat(32));
        network = DevNetwork.open(DevNetworkOptions.onDemand(dir, validators).withSeed(seed));
    }

    @Benchmark
    public DevBlock produceAndSignBlock() throws NetworkHaltedException {
        return network.produceBlock();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        network.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
