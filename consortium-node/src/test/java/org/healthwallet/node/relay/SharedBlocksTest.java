package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.node.relay.RelayTestNetwork.PATIENT;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.node.devnet.DevBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent doctors' requests are each logged before they are served, and their records share blocks. */
class SharedBlocksTest {
    @TempDir
    Path dir;

    @Test
    void concurrentAccessesAreAllLoggedInFewBlocks() throws Exception {
        int requests = 60;
        RelayTuning tuning = RelayTestNetwork.testTuning().withRateLimit(requests, 100);
        ExecutorService doctors = Executors.newFixedThreadPool(30);
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, tuning)) {
            RelayTestNetwork.Share share = t.share(PATIENT, 3600, "L", null, ShareLifecycleTest.BUNDLE);
            long before = t.net.height();
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String who = "Dr. " + i;
                answers.add(doctors.submit(() -> t.manifest(share.manifestUrl(), who, null, null).status()));
            }
            for (Future<Integer> a : answers) {
                assertThat(a.get()).isEqualTo(200);
            }
            long after = t.net.height();
            int blocksWithRecords = 0;
            int records = 0;
            for (long h = before + 1; h <= after; h++) {
                DevBlock block = t.net.block(h).orElseThrow();
                if (!block.txs().isEmpty()) {
                    blocksWithRecords++;
                    records += block.txs().size();
                }
            }
            assertThat(records).isEqualTo(requests);
            // The dev network makes a block 10 ms after one that changed the state, so how many
            // records land together depends on the machine's load; that concurrent records are sent
            // together (one broadcast batch) shows as blocks holding several.
            assertThat(blocksWithRecords).as("records share blocks").isLessThan(requests);

            AccessLogHead head = AccessLogHead.decode(t.provenValue(StateKey.accessLogHead(PATIENT.publicKey())).orElseThrow());
            assertThat(head.length()).isEqualTo(requests);
            AccessLogHead chained = AccessLogHead.EMPTY;
            List<String> recipients = new ArrayList<>();
            for (long i = 0; i < requests; i++) {
                AccessEntry e = AccessEntry.decode(t.value(StateKey.accessLogEntry(PATIENT.publicKey(), i)).orElseThrow());
                chained = chained.append(e);
                recipients.add(t.details(PATIENT.publicKey(), e).recipient());
            }
            assertThat(chained).as("the entries chain to the proven head").isEqualTo(head);
            assertThat(recipients).doesNotHaveDuplicates().hasSize(requests);
        } finally {
            doctors.shutdownNow();
        }
    }
}
