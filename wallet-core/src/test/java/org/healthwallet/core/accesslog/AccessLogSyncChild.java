package org.healthwallet.core.accesslog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.LedgerStatus;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.SealedDetails;

/**
 * The process {@link AccessLogSyncKilledTest} kills: {@code FILE SEED} unlocks the wallet at FILE
 * (passphrase in HW_PASSPHRASE) and syncs its access log from a ledger whose log keeps growing, a
 * few entries more before each sync, forever. Prints {@code syncing N} before a sync that should
 * leave N entries kept and {@code committed N} once it returned. Entry i is always {@link #entry(long)}.
 */
public final class AccessLogSyncChild {
    static final Ed25519PublicKey PATIENT = new Ed25519PublicKey(filled(7));
    static final Ed25519PublicKey RELAY = new Ed25519PublicKey(filled(9));

    private AccessLogSyncChild() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Random random = new Random(Long.parseLong(args[1]));
        try (Vault vault = Vault.unlock(Path.of(args[0]), System.getenv("HW_PASSPHRASE").toCharArray())) {
            GrowingLog ledger = new GrowingLog();
            AccessLog log = new AccessLog(vault, new LedgerAccessLog(ledger), "healthwallet-test");
            ledger.length = log.kept().size();
            while (true) {
                ledger.length += 1 + random.nextInt(40);
                out.println("syncing " + ledger.length);
                out.flush();
                AccessLog.SyncResult result = log.sync(PATIENT);
                if (!(result instanceof AccessLog.SyncResult.Verified) || result.log().size() != ledger.length) {
                    throw new IllegalStateException("sync to " + ledger.length + " gave " + result);
                }
                out.println("committed " + ledger.length);
                out.flush();
            }
        }
    }

    /** The ledger's entry {@code i}: the same in every process. */
    static AccessEntry entry(long i) {
        // A box of the right shape that opens for no one: this test is about what a kill leaves kept.
        return new AccessEntry(i, new Digest(filled((int) (i % 100) + 1)), RELAY,
                new SealedDetails(filled((int) (i % 50) + 101), i, new byte[48]), 1_790_000_000L + i * 60, 100 + i, new Digest(filled(90)));
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** A ledger whose patient's log is entries 0 to length-1, every read proven at a height that grows with it. */
    private static final class GrowingLog implements StateSource {
        long length;

        @Override
        public LedgerState.Read read(StateKey key) {
            long height = 1000 + length;
            Optional<byte[]> value = Optional.empty();
            if (key.equals(StateKey.accessLogHead(PATIENT))) {
                AccessLogHead head = AccessLogHead.EMPTY;
                for (long i = 0; i < length; i++) {
                    head = head.append(entry(i));
                }
                value = Optional.of(head.encode());
            } else {
                for (long i = 0; i < length; i++) {
                    if (key.equals(StateKey.accessLogEntry(PATIENT, i))) {
                        value = Optional.of(entry(i).encode());
                        break;
                    }
                }
            }
            return new LedgerState.Read(value, height, new LedgerStatus.VerifiedHeight(height + 1, Instant.EPOCH,
                    Bytes.of(new byte[32]), Bytes.of(new byte[32])));
        }
    }
}
