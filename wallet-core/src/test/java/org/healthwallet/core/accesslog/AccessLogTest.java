package org.healthwallet.core.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthwallet.core.crypto.SealKey;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.core.ledger.LedgerStatus;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.access.AccessDetails;
import org.healthwallet.ledger.access.AccessSealer;
import org.healthwallet.ledger.access.DetailsBinding;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.SealedDetails;
import org.healthwallet.ledger.tx.X25519PublicKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AccessLog} against a node double that serves a patient's log and can leave out, reorder or
 * alter an entry while the head stays the honest one (as the proof-checked head would), with a real
 * vault file holding what was verified.
 */
class AccessLogTest {
    private static final char[] PASSPHRASE = "plum orchard lantern 42".toCharArray();
    private static final Ed25519PublicKey PATIENT = new Ed25519PublicKey(filled(7));
    private static final Ed25519PublicKey RELAY = new Ed25519PublicKey(filled(9));
    private static final Ed25519PublicKey OTHER_RELAY = new Ed25519PublicKey(filled(11));
    private static final String CHAIN = "healthwallet-test";

    @TempDir
    Path dir;

    private Vault vault;
    private final FakeNode node = new FakeNode();

    @BeforeEach
    void open() throws Exception {
        vault = Vault.create(dir.resolve("wallet.hwvault"), PASSPHRASE, new KdfParams(64, 1, 1)).vault();
        try (SealKey seal = SealKey.of(vault::sign)) {
            node.sealTo = new X25519PublicKey(seal.publicKey());
        }
    }

    @AfterEach
    void close() {
        vault.close();
    }

    @Test
    void anHonestLogIsVerifiedKeptAndOnlyNewEntriesAreFetched() throws Exception {
        node.append("Dr. Ada Osei", 1);
        node.append("Dr. Ben Ruiz", 1);
        AccessLog log = new AccessLog(vault, new LedgerAccessLog(node), CHAIN);

        AccessLog.SyncResult first = log.sync(PATIENT);

        assertThat(first).isInstanceOf(AccessLog.SyncResult.Verified.class);
        assertThat(first.log()).extracting(AccessLogTest::recipient).containsExactly("Dr. Ada Osei", "Dr. Ben Ruiz");
        assertThat(((AccessLog.SyncResult.Verified) first).provenAtHeight()).isEqualTo(node.height + 1);

        node.append("Dr. Chen Li", 2);
        node.entryReads.clear();
        AccessLog.SyncResult second = log.sync(PATIENT);

        assertThat(second).isInstanceOf(AccessLog.SyncResult.Verified.class);
        assertThat(((AccessLog.SyncResult.Verified) second).added()).isEqualTo(1);
        assertThat(node.entryReads).containsExactly(2L);
        assertThat(log.kept()).extracting(AccessLogTest::recipient)
                .containsExactly("Dr. Ada Osei", "Dr. Ben Ruiz", "Dr. Chen Li");
    }

    @Test
    void theKeptLogSurvivesLockAndUnlock() throws Exception {
        node.append("Dr. Ada Osei", 1);
        new AccessLog(vault, new LedgerAccessLog(node), CHAIN).sync(PATIENT);
        Path file = vault.file();
        vault.close();
        vault = Vault.unlock(file, PASSPHRASE);

        assertThat(new AccessLog(vault, new LedgerAccessLog(node), CHAIN).kept())
                .extracting(AccessLogTest::recipient).containsExactly("Dr. Ada Osei");
        assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Ada Osei");
    }

    @Test
    void aNodeThatLeavesOutAnEntryIsCaughtAndTheLastGoodLogKept() throws Exception {
        assertMismatchAfterGoodSync(() -> node.omit = 2, "missing");
    }

    @Test
    void aNodeThatReordersEntriesIsCaughtAndTheLastGoodLogKept() throws Exception {
        assertMismatchAfterGoodSync(() -> node.swap = new long[] {2, 3}, "out of order");
    }

    @Test
    void aNodeThatAltersAnEntryIsCaughtAndTheLastGoodLogKept() throws Exception {
        assertMismatchAfterGoodSync(() -> node.alter = 3, "do not lead to the verified head");
    }

    @Test
    void aNodeThatSwapsEntriesWithTheirIndicesRewrittenIsCaught() throws Exception {
        assertMismatchAfterGoodSync(() -> node.swapRenumbered = new long[] {2, 3}, "do not lead to the verified head");
    }

    @Test
    void aHeadThatCannotBeProvenLeavesTheKeptLogAsItWas() throws Exception {
        node.append("Dr. Ada Osei", 1);
        AccessLog log = new AccessLog(vault, new LedgerAccessLog(node), CHAIN);
        log.sync(PATIENT);
        node.append("Dr. Ben Ruiz", 1);
        node.failProof = true;

        AccessLog.SyncResult result = log.sync(PATIENT);

        assertThat(result).isInstanceOf(AccessLog.SyncResult.Failed.class);
        assertThat(((AccessLog.SyncResult.Failed) result).kind()).isEqualTo(AccessLogException.Kind.UNREADABLE);
        assertThat(((AccessLog.SyncResult.Failed) result).reason()).contains("does not show");
        assertThat(log.kept()).extracting(AccessLogTest::recipient).containsExactly("Dr. Ada Osei");
    }

    @Test
    void aReplayedOlderHeadIsRefusedNamingTheNodeAndTheLastGoodLogKept() throws Exception {
        node.append("Dr. Ada Osei", 1);
        AccessLog log = new AccessLog(vault, new LedgerAccessLog(node, "the ledger node http://primary.example"), CHAIN);
        log.sync(PATIENT);
        AccessLogHead oneEntry = node.head;
        long oneEntryHeight = node.height;
        node.append("Dr. Ben Ruiz", 1);
        assertThat(log.sync(PATIENT)).isInstanceOf(AccessLog.SyncResult.Verified.class);
        node.append("Dr. Chen Li", 2);
        // The node answers with its proven answer from when the log had one entry.
        node.replayHead = oneEntry;
        node.replayHeight = oneEntryHeight;

        AccessLog.SyncResult result = log.sync(PATIENT);

        assertThat(result).isInstanceOf(AccessLog.SyncResult.Failed.class);
        AccessLog.SyncResult.Failed failed = (AccessLog.SyncResult.Failed) result;
        assertThat(failed.kind()).isEqualTo(AccessLogException.Kind.UNREADABLE);
        assertThat(failed.reason()).contains("the ledger node http://primary.example")
                .contains("proven only by block " + (oneEntryHeight + 1)).contains("older than block " + (oneEntryHeight + 2));
        assertThat(log.kept()).extracting(AccessLogTest::recipient).containsExactly("Dr. Ada Osei", "Dr. Ben Ruiz");
    }

    @Test
    void aProvenHeadShorterThanTheKeptLogIsAMismatch() throws Exception {
        node.append("Dr. Ada Osei", 1);
        AccessLogHead oneEntry = node.head;
        node.append("Dr. Ben Ruiz", 1);
        AccessLog log = new AccessLog(vault, new LedgerAccessLog(node, "the ledger node http://primary.example"), CHAIN);
        log.sync(PATIENT);
        node.append("Dr. Chen Li", 2);
        node.replayHead = oneEntry;
        node.replayHeight = node.height;

        AccessLog.SyncResult result = log.sync(PATIENT);

        assertThat(result).isInstanceOf(AccessLog.SyncResult.Failed.class);
        AccessLog.SyncResult.Failed failed = (AccessLog.SyncResult.Failed) result;
        assertThat(failed.kind()).isEqualTo(AccessLogException.Kind.MISMATCH);
        assertThat(failed.reason()).contains("the ledger node http://primary.example").contains("has 1 entries")
                .contains("already verified 2").contains("never shrinks");
        assertThat(log.kept()).extracting(AccessLogTest::recipient).containsExactly("Dr. Ada Osei", "Dr. Ben Ruiz");
    }

    @Test
    void aMismatchNamesTheNodeThatSentTheEntries() throws Exception {
        node.append("Dr. Ada Osei", 1);
        node.alter = 0;

        AccessLog.SyncResult result = new AccessLog(vault, new LedgerAccessLog(node, "the ledger node http://primary.example"), CHAIN)
                .sync(PATIENT);

        assertThat(((AccessLog.SyncResult.Failed) result).reason())
                .startsWith("The access log the ledger node http://primary.example sent does not match its verified head");
        assertThat(vault.items(AccessLog.KIND)).isEmpty();
    }

    @Test
    void eachRelayIsLookedUpOnceWithAProofAndKeptWithItsEntries() throws Exception {
        node.relays.put(RELAY, new RelayRecord(RELAY, "https://relay.riverside.example", 0));
        node.relays.put(OTHER_RELAY, new RelayRecord(OTHER_RELAY, "http://127.0.0.1:52345", 14));
        node.append("Dr. Ada Osei", 1);
        node.append("Dr. Ben Ruiz", 1);
        node.append("Dr. Chen Li", 2, OTHER_RELAY);

        AccessLog.SyncResult result = new AccessLog(vault, new LedgerAccessLog(node), CHAIN).sync(PATIENT);

        assertThat(result).isInstanceOf(AccessLog.SyncResult.Verified.class);
        assertThat(node.relayReads).containsExactlyInAnyOrder(RELAY, OTHER_RELAY);
        vault = reopened();
        List<VerifiedAccess> kept = new AccessLog(vault, new LedgerAccessLog(node), CHAIN).kept();
        assertThat(kept).extracting(VerifiedAccess::relay).containsExactly(
                new VerifiedAccess.Relay.Registered(node.relays.get(RELAY)),
                new VerifiedAccess.Relay.Registered(node.relays.get(RELAY)),
                new VerifiedAccess.Relay.Registered(node.relays.get(OTHER_RELAY)));
        List<AccessView> shown = AccessView.of(kept, List.of());
        assertThat(shown).extracting(v -> v.relay().shown())
                .containsExactly("127.0.0.1:52345", "relay.riverside.example", "relay.riverside.example");
        assertThat(shown.get(0).relay().detail()).contains(OTHER_RELAY.hex()).contains("admitted at height 14");
    }

    @Test
    void aRelayTheLedgerHasNoRecordOfIsShownAsUnregistered() throws Exception {
        node.append("Dr. Ada Osei", 1);

        new AccessLog(vault, new LedgerAccessLog(node), CHAIN).sync(PATIENT);

        List<VerifiedAccess> kept = new AccessLog(vault, new LedgerAccessLog(node), CHAIN).kept();
        assertThat(kept.get(0).relay()).isEqualTo(new VerifiedAccess.Relay.Unregistered());
        assertThat(AccessView.of(kept, List.of()).get(0).relay().shown()).isEqualTo("unregistered relay 09090909…");
    }

    @Test
    void aRelayRecordThatCannotBeProvenFailsTheSyncAndKeepsTheLastGoodLog() throws Exception {
        node.relays.put(RELAY, new RelayRecord(RELAY, "https://relay.riverside.example", 0));
        node.append("Dr. Ada Osei", 1);
        AccessLog log = new AccessLog(vault, new LedgerAccessLog(node), CHAIN);
        log.sync(PATIENT);
        node.append("Dr. Ben Ruiz", 1, OTHER_RELAY);
        node.failRelayProof = true;

        AccessLog.SyncResult result = log.sync(PATIENT);

        assertThat(result).isInstanceOf(AccessLog.SyncResult.Failed.class);
        assertThat(((AccessLog.SyncResult.Failed) result).kind()).isEqualTo(AccessLogException.Kind.UNREADABLE);
        assertThat(((AccessLog.SyncResult.Failed) result).reason()).contains("relay 0b0b0b0b…").contains("does not show");
        assertThat(log.kept()).extracting(AccessLogTest::recipient).containsExactly("Dr. Ada Osei");
    }

    @Test
    void anEntryKeptByAnEarlierBuildIsFetchedAgainAndOpened() throws Exception {
        node.relays.put(RELAY, new RelayRecord(RELAY, "https://relay.riverside.example", 0));
        node.append("Dr. Ada Osei", 1);
        // The first format (the proven-at height, then the entry's bytes) of a build whose entries named the recipient.
        byte[] entry = node.entries.get(0).encode();
        vault.putItems(AccessLog.KIND, Map.of(AccessLog.itemId(0),
                ByteBuffer.allocate(8 + entry.length).putLong(node.height + 1).put(entry).array()));
        AccessLog log = new AccessLog(vault, new LedgerAccessLog(node), CHAIN);
        assertThat(log.kept()).isEmpty();

        node.append("Dr. Ben Ruiz", 2);
        AccessLog.SyncResult result = log.sync(PATIENT);

        assertThat(result).isInstanceOf(AccessLog.SyncResult.Verified.class);
        assertThat(node.entryReads).containsExactly(0L, 1L);
        assertThat(log.kept()).extracting(AccessLogTest::recipient).containsExactly("Dr. Ada Osei", "Dr. Ben Ruiz");
    }

    @Test
    void anEntrySealedToAnotherKeyIsKeptInTheVerifiedLogMarkedUnopenable() throws Exception {
        node.append("Dr. Ada Osei", 1);
        X25519PublicKey mine = node.sealTo;
        try (Vault stranger = Vault.create(dir.resolve("stranger.hwvault"), PASSPHRASE, new KdfParams(64, 1, 1)).vault();
             SealKey theirs = SealKey.of(stranger::sign)) {
            node.sealTo = new X25519PublicKey(theirs.publicKey());
        }
        node.append("Dr. Ben Ruiz", 2);
        node.sealTo = mine;
        node.append("Dr. Chen Li", 1);
        AccessLog log = new AccessLog(vault, new LedgerAccessLog(node), CHAIN);

        AccessLog.SyncResult result = log.sync(PATIENT);

        assertThat(result).as("the chain is verified; one box just does not open").isInstanceOf(AccessLog.SyncResult.Verified.class);
        vault = reopened();
        List<AccessView> shown = AccessView.of(new AccessLog(vault, new LedgerAccessLog(node), CHAIN).kept(), List.of());
        assertThat(shown).extracting(AccessView::recipient)
                .containsExactly("Dr. Chen Li", AccessView.UNOPENABLE, "Dr. Ada Osei");
        assertThat(shown.get(1).unopenable()).hasValueSatisfying(why -> assertThat(why).contains("sealed to another key"));
        assertThat(shown.get(1).files()).isEmpty();
        assertThat(shown.get(0).files()).containsExactly(new Digest(filled(41)).hex());
    }

    @Test
    void theRecipientsNameIsNotInTheVaultFileInClear() throws Exception {
        node.append("Dr. Ada Osei", 1);
        new AccessLog(vault, new LedgerAccessLog(node), CHAIN).sync(PATIENT);
        Path file = vault.file();
        vault.close();
        assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Osei");
        vault = Vault.unlock(file, PASSPHRASE);
    }

    private Vault reopened() throws Exception {
        Path file = vault.file();
        vault.close();
        return Vault.unlock(file, PASSPHRASE);
    }

    private void assertMismatchAfterGoodSync(Runnable lie, String reasonPart) throws Exception {
        node.append("Dr. Ada Osei", 1);
        node.append("Dr. Ben Ruiz", 1);
        AccessLog log = new AccessLog(vault, new LedgerAccessLog(node), CHAIN);
        assertThat(log.sync(PATIENT)).isInstanceOf(AccessLog.SyncResult.Verified.class);
        node.append("Dr. Chen Li", 2);
        node.append("Dr. Dana Kim", 2);
        lie.run();

        AccessLog.SyncResult result = log.sync(PATIENT);

        assertThat(result).isInstanceOf(AccessLog.SyncResult.Failed.class);
        AccessLog.SyncResult.Failed failed = (AccessLog.SyncResult.Failed) result;
        assertThat(failed.kind()).isEqualTo(AccessLogException.Kind.MISMATCH);
        assertThat(failed.reason()).contains("does not match its verified head").contains(reasonPart);
        assertThat(failed.log()).extracting(AccessLogTest::recipient).containsExactly("Dr. Ada Osei", "Dr. Ben Ruiz");
        assertThat(log.kept()).extracting(AccessLogTest::recipient).containsExactly("Dr. Ada Osei", "Dr. Ben Ruiz");
        assertThat(vault.items(AccessLog.KIND)).hasSize(2);
    }

    private static String recipient(VerifiedAccess access) {
        return ((VerifiedAccess.Details.Opened) access.details()).details().recipient();
    }

    private static byte[] filled(int b) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    /** The honest log and head, and the lies a node could tell about the entries (the head is proven). */
    private static final class FakeNode implements StateSource {
        final List<AccessEntry> entries = new ArrayList<>();
        final List<Long> entryReads = new ArrayList<>();
        final Map<Ed25519PublicKey, RelayRecord> relays = new HashMap<>();
        final List<Ed25519PublicKey> relayReads = new ArrayList<>();
        boolean failRelayProof;
        final AccessSealer sealer = new AccessSealer(java.time.Clock.systemUTC());
        X25519PublicKey sealTo;
        AccessLogHead head = AccessLogHead.EMPTY;
        long height = 10;
        long omit = -1;
        long alter = -1;
        long[] swap;
        long[] swapRenumbered;
        boolean failProof;
        AccessLogHead replayHead;
        long replayHeight;

        void append(String recipient, int share) {
            append(recipient, share, RELAY);
        }

        void append(String recipient, int share, Ed25519PublicKey relay) {
            height++;
            long at = 1_790_000_000L + entries.size() * 60L;
            AccessEntry e = new AccessEntry(entries.size(), new Digest(filled(share)), relay,
                    seal(recipient, new Digest(filled(share)), relay, at, share), at, height, new Digest(filled(90)));
            entries.add(e);
            head = head.append(e);
        }

        SealedDetails seal(String recipient, Digest shareId, Ed25519PublicKey relay, long at, int share) {
            return sealer.seal(sealTo, new DetailsBinding(CHAIN, shareId, relay, at),
                    new AccessDetails(recipient, List.of(new Digest(filled(40 + share))), "192.0.2.1", "test"));
        }

        @Override
        public LedgerState.Read read(StateKey key) throws LedgerException {
            if (failProof) {
                throw new LedgerException("The ledger node http://127.0.0.1:1 answered with state that the verified ledger does not show (ROOT_MISMATCH).");
            }
            if (key.equals(StateKey.accessLogHead(PATIENT))) {
                if (replayHead != null) {
                    return answer(Optional.of(replayHead.encode()), replayHeight);
                }
                return answer(Optional.of(head.encode()));
            }
            for (var relay : List.of(RELAY, OTHER_RELAY)) {
                if (key.equals(StateKey.relay(relay))) {
                    if (failRelayProof) {
                        throw new LedgerException("The ledger node http://127.0.0.1:1 answered with state that the verified ledger does not show (ROOT_MISMATCH).");
                    }
                    relayReads.add(relay);
                    return answer(Optional.ofNullable(relays.get(relay)).map(RelayRecord::encode));
                }
            }
            for (AccessEntry honest : entries) {
                if (key.equals(StateKey.accessLogEntry(PATIENT, honest.index()))) {
                    entryReads.add(honest.index());
                    return answer(served(honest.index()));
                }
            }
            return answer(Optional.empty());
        }

        private Optional<byte[]> served(long i) {
            if (i == omit) return Optional.empty();
            if (i == alter) {
                AccessEntry e = entries.get((int) i);
                return Optional.of(new AccessEntry(e.index(), e.shareId(), e.relay(),
                        seal("Someone Else", e.shareId(), e.relay(), e.accessedAt(), 1), e.accessedAt(), e.height(), e.txHash()).encode());
            }
            if (swap != null && (i == swap[0] || i == swap[1])) {
                return Optional.of(entries.get((int) (i == swap[0] ? swap[1] : swap[0])).encode());
            }
            if (swapRenumbered != null && (i == swapRenumbered[0] || i == swapRenumbered[1])) {
                AccessEntry e = entries.get((int) (i == swapRenumbered[0] ? swapRenumbered[1] : swapRenumbered[0]));
                return Optional.of(new AccessEntry(i, e.shareId(), e.relay(), e.sealed(),
                        e.accessedAt(), e.height(), e.txHash()).encode());
            }
            return Optional.of(entries.get((int) i).encode());
        }

        private LedgerState.Read answer(Optional<byte[]> value) {
            return answer(value, height);
        }

        private LedgerState.Read answer(Optional<byte[]> value, long at) {
            return new LedgerState.Read(value, at, new LedgerStatus.VerifiedHeight(at + 1, Instant.EPOCH,
                    Bytes.of(new byte[32]), Bytes.of(new byte[32])));
        }
    }
}
