package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.node.relay.RelayTestNetwork.PATIENT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.node.TestSeal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder thread outlives any failure, an OutOfMemoryError included: the record in hand is
 * refused, and the next one is written to the ledger, instead of every later request waiting for a
 * dead thread and answering 503 until the relay is restarted (issue 12).
 */
class AccessRecorderFailureTest {
    @TempDir
    Path dir;

    @Test
    void afterAnOutOfMemoryErrorTheNextAccessIsStillRecorded() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            RelayTestNetwork.Share share = t.share(PATIENT, 3600, "", null, ShareLifecycleTest.BUNDLE);
            AtomicReference<Throwable> inject = new AtomicReference<>(new OutOfMemoryError("Java heap space (injected)"));
            Runnable failOnce = () -> {
                Throwable failure = inject.getAndSet(null);
                if (failure instanceof Error error) {
                    throw error;
                }
            };
            try (AccessRecorder recorder = new AccessRecorder(LedgerRpc.create(t.config.primary(), Duration.ofSeconds(15)), t.relay.provenState(),
                    t.relay.signingKey(), t.net.chainId(), 10, Duration.ofSeconds(10), Duration.ofMillis(5), reason -> { }, failOnce)) {
                AccessRecorder.Outcome first = recorder.record(access(t, share));
                assertThat(first).as("the record in hand when the error struck").isInstanceOf(AccessRecorder.Outcome.Unavailable.class);
                assertThat(inject.get()).as("the error was thrown").isNull();

                // A record that arrives while the failure is being handled may be refused with it; soon
                // after, records are written again. A dead thread would refuse them all, 12 s each.
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                AccessRecorder.Outcome next;
                do {
                    next = recorder.record(access(t, share));
                } while (!(next instanceof AccessRecorder.Outcome.Recorded) && System.nanoTime() < deadline);
                assertThat(next).as("an access after the OutOfMemoryError").isInstanceOf(AccessRecorder.Outcome.Recorded.class);
                assertThat(recorder.running()).isTrue();
            }
        }
    }

    @Test
    void aRecorderThatFailsWhileRecoveringStopsTheRelayInsteadOfAnswering503Forever() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            RelayTestNetwork.Share share = t.share(PATIENT, 3600, "", null, ShareLifecycleTest.BUNDLE);
            // An error that cannot even be described: logging it while recovering fails again.
            Error unspeakable = new OutOfMemoryError() {
                @Override
                public String toString() {
                    throw new OutOfMemoryError("no memory to describe the failure (injected)");
                }
            };
            java.util.concurrent.CompletableFuture<String> stopped = new java.util.concurrent.CompletableFuture<>();
            try (AccessRecorder recorder = new AccessRecorder(LedgerRpc.create(t.config.primary(), Duration.ofSeconds(15)), t.relay.provenState(),
                    t.relay.signingKey(), t.net.chainId(), 10, Duration.ofSeconds(10), Duration.ofMillis(5), stopped::complete,
                    () -> { throw unspeakable; })) {
                assertThat(recorder.record(access(t, share))).isInstanceOf(AccessRecorder.Outcome.Unavailable.class);
                assertThat(stopped.get(5, java.util.concurrent.TimeUnit.SECONDS)).contains("access recorder failed");
                long started = System.nanoTime();
                assertThat(recorder.record(access(t, share))).isInstanceOf(AccessRecorder.Outcome.Unavailable.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a stopped recorder answers at once")
                        .isLessThan(Duration.ofSeconds(1));
                assertThat(recorder.running()).isFalse();
            }
        }
    }

    private static AccessRecorded access(RelayTestNetwork t, RelayTestNetwork.Share share) {
        return TestSeal.access(t.net.chainId(), t.relay.relayKey(), RelayTestNetwork.PATIENT.publicKey(),
                RelayTestNetwork.grantId(share.id()), "Dr. Ng", t.clock.instant().getEpochSecond());
    }
}
