package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.share.ShareAccessException.Reason;
import org.healthwallet.core.share.ShareLink.Flag;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.tx.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The patient's create and revoke against a relay on loopback written from docs/relay-api.md. */
class SharingTest {
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final RecordingLedger ledger = new RecordingLedger();
    @TempDir Path dir;
    private TestRelay relay;
    private Vault vault;
    private Sharing sharing;

    @BeforeEach
    void setUp() throws Exception {
        relay = new TestRelay(clock);
        vault = TestWallets.withFiles(dir, "Jorge", TestWallets.jorge());
        sharing = new Sharing(vault, HttpRelayClient.of(relay.base()), ledger, clock, random);
    }

    @AfterEach
    void tearDown() {
        vault.close();
        relay.close();
    }

    @Test
    void aPasscodeShareOpensForTheDoctorWithTheRightPasscodeOnlyAndRevokes() throws Exception {
        ShareDraft draft = ShareDraft.of(new ShareSelection.Categories(Set.of(Category.ALLERGIES)), clock.instant(), Duration.ofHours(1))
                .withPasscode("2468").withLabel("Allergies for Dr. Ng");

        Share share = sharing.create(draft);

        assertThat(share.link().flags()).containsExactly(Flag.P);
        assertThat(share.link().label()).contains("Allergies for Dr. Ng");
        assertThat(share.link().expiresAt()).contains(draft.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(share.selection()).isEqualTo("Categories: Allergies");
        assertThat(share.state(clock.instant())).isEqualTo(Share.State.ACTIVE);

        // The ledger grant names the relay's share by digest only, with the patient's and the relay's keys.
        assertThat(ledger.issued).singleElement().satisfies(grant -> {
            assertThat(grant.shareId()).isEqualTo(Digest.sha256(share.relayId().getBytes(StandardCharsets.UTF_8)));
            assertThat(grant.patient().bytes()).isEqualTo(vault.identityPublicKey());
            assertThat(grant.relay().bytes()).isEqualTo(relay.relayKey);
            assertThat(grant.expiresAt()).isEqualTo(share.link().expiresAt().orElseThrow().getEpochSecond());
            assertThat(grant.scope()).isEqualTo(share.scope());
            // The relay seals each access's details to the patient's seal key named here.
            try (org.healthwallet.core.crypto.SealKey seal = org.healthwallet.core.crypto.SealKey.of(vault::sign)) {
                assertThat(grant.sealTo().bytes()).isEqualTo(seal.publicKey());
            }
        });

        // The relay got ciphertext, expiry, flags and passcode: never the key, the label or a record in clear.
        String received = relay.everythingReceived();
        assertThat(received).doesNotContain(share.link().key().toBase64Url()).doesNotContain("Allergies for Dr. Ng")
                .doesNotContain("Latex allergy").doesNotContain("Brekke");
        JsonNode stored = relay.stored().get(0);
        assertThat(stored.path("flags").asText()).isEqualTo("P");
        assertThat(stored.path("files").path(0).path("jwe").asText()).startsWith("eyJ");

        // The doctor: wrong passcode first, then the right one, and exactly the chosen records come back.
        ShlReceiver doctor = ShlReceiver.create();
        String scanned = QrCode.decode(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                QrCode.encode(share.link().toShlinkUri(), 512))));
        assertThatThrownBy(() -> doctor.open(scanned, "Dr. Ng, City Clinic", Optional.of("1111")))
                .isInstanceOfSatisfying(ShareAccessException.class, e -> assertThat(e.remainingAttempts()).hasValue(2));
        ReceivedShare got = doctor.open(scanned, "Dr. Ng, City Clinic", Optional.of("2468"));
        JsonNode bundle = ShareJson.read(got.files().get(0).content());
        List<String> allergyIds = new ArrayList<>();
        bundle.path("entry").forEach(e -> {
            if (e.path("resource").path("resourceType").asText().equals("AllergyIntolerance")) {
                allergyIds.add(e.path("resource").path("id").asText());
            }
        });
        assertThat(allergyIds).containsExactlyInAnyOrderElementsOf(vault.index().byCategory(Category.ALLERGIES).stream()
                .map(StoredRecord::resource).map(r -> r.id()).toList());

        // Revoke: gone from the relay, revocation on the ledger, marked in the vault.
        Share revoked = sharing.revoke(share.id());
        assertThat(revoked.state(clock.instant())).isEqualTo(Share.State.REVOKED);
        assertThat(ledger.revoked).singleElement().satisfies(r -> assertThat(r.shareId()).isEqualTo(share.grantId()));
        assertThatThrownBy(() -> doctor.open(scanned, "Dr. Ng", Optional.of("2468")))
                .isInstanceOfSatisfying(ShareAccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThat(sharing.revoke(share.id())).isEqualTo(revoked);
        assertThat(ledger.revoked).hasSize(1);
    }

    @Test
    void theShareIsKeptInTheVaultEncryptedAndSurvivesLocking() throws Exception {
        Share share = sharing.create(ShareDraft.of(new ShareSelection.PatientSummary(), clock.instant(), Duration.ofDays(7))
                .withLabel("Summary for the ER"));
        Path file = vault.file();
        vault.close();

        byte[] onDisk = Files.readAllBytes(file);
        String keyText = share.link().key().toBase64Url();
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain(keyText).doesNotContain("Summary for the ER")
                .doesNotContain(share.relayId()).doesNotContain("shlink:/");
        assertThat(indexOf(onDisk, share.link().key().bytes())).isEqualTo(-1);

        vault = Vault.unlock(file, TestWallets.PASSPHRASE);
        List<Share> kept = new Shares(vault).list();
        assertThat(kept).singleElement().satisfies(s -> {
            assertThat(s).isEqualTo(share);
            assertThat(s.link().key()).isEqualTo(share.link().key());
            assertThat(s.selection()).isEqualTo("International Patient Summary");
        });
        // The summary a doctor opens is an IPS document.
        ReceivedShare got = ShlReceiver.create().open(share.link(), "ER desk", Optional.empty());
        assertThat(ShareJson.read(got.files().get(0).content()).path("type").asText()).isEqualTo("document");
    }

    @Test
    void aDirectFileLinkIsFetchedWithGet() throws Exception {
        Share share = sharing.create(ShareDraft.of(new ShareSelection.Categories(Set.of(Category.IMMUNIZATIONS)), clock.instant(),
                Duration.ofMinutes(15)).asDirectFile());
        assertThat(share.link().flags()).containsExactly(Flag.U);

        ReceivedShare got = ShlReceiver.create().open(share.link(), "School nurse", Optional.empty());

        assertThat(got.files().get(0).text()).contains("\"Immunization\"");
        assertThat(relay.server.seen()).last().satisfies(s -> {
            assertThat(s.method()).isEqualTo("GET");
            assertThat(s.query()).isEqualTo("recipient=School+nurse");
        });
    }

    @Test
    void whenTheLedgerRefusesTheShareIsWithdrawnAndNothingIsKept() throws Exception {
        ledger.refuseWith = "The ledger cannot be reached.";
        ShareDraft draft = ShareDraft.of(new ShareSelection.Categories(Set.of(Category.ALLERGIES)), clock.instant(), Duration.ofHours(1));

        assertThatThrownBy(() -> sharing.create(draft)).isInstanceOf(ShareException.class).hasMessage("The ledger cannot be reached.");

        assertThat(relay.stored()).isEmpty();
        assertThat(relay.server.seen()).extracting(LoopbackServer.Seen::method).containsExactly("POST", "DELETE");
        assertThat(sharing.shares().list()).isEmpty();
    }

    @Test
    void aRelayRefusalChangesNothing() throws Exception {
        relay.createReply = LoopbackServer.Reply.json(400, "{\"error\":\"files too large for this relay\"}");
        ShareDraft draft = ShareDraft.of(new ShareSelection.Categories(Set.of(Category.ALLERGIES)), clock.instant(), Duration.ofHours(1));

        assertThatThrownBy(() -> sharing.create(draft)).isInstanceOfSatisfying(RelayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("The relay refused to create the share: files too large for this relay. Nothing was changed.");
        });
        assertThat(ledger.issued).isEmpty();
        assertThat(sharing.shares().list()).isEmpty();
    }

    @Test
    void aDraftThatCannotBeSharedIsRefusedBeforeAnythingIsSent() {
        Instant now = clock.instant();
        ShareSelection allergies = new ShareSelection.Categories(Set.of(Category.ALLERGIES));
        assertThatThrownBy(() -> sharing.create(ShareDraft.of(allergies, now, Duration.ofSeconds(10))))
                .hasMessage("The expiry must be at least a minute from now.");
        assertThatThrownBy(() -> sharing.create(ShareDraft.of(allergies, now, Duration.ofDays(400))))
                .hasMessage("A share can last at most 365 days.");
        assertThatThrownBy(() -> sharing.create(ShareDraft.of(allergies, now, Duration.ofHours(1)).withPasscode("12")))
                .hasMessage("A passcode needs at least 4 characters.");
        assertThatThrownBy(() -> sharing.create(ShareDraft.of(allergies, now, Duration.ofHours(1)).withPasscode("1234").asDirectFile()))
                .hasMessageContaining("cannot be a direct file link");
        assertThatThrownBy(() -> sharing.create(ShareDraft.of(allergies, now, Duration.ofHours(1)).withLabel("x".repeat(81))))
                .hasMessageContaining("at most 80");
        assertThatThrownBy(() -> sharing.create(ShareDraft.of(new ShareSelection.Categories(Set.of(Category.DOCUMENTS)), now,
                Duration.ofHours(1)))).hasMessageContaining("Nothing to share");
        assertThat(relay.server.seen()).isEmpty();
        assertThat(ledger.issued).isEmpty();
    }

    @Test
    void aFailedRevocationOnTheLedgerCanBeRetried() throws Exception {
        Share share = sharing.create(ShareDraft.of(new ShareSelection.Categories(Set.of(Category.ALLERGIES)), clock.instant(),
                Duration.ofHours(1)));
        ledger.refuseWith = "The ledger cannot be reached.";

        assertThatThrownBy(() -> sharing.revoke(share.id())).isInstanceOf(ShareException.class)
                .hasMessage("The ledger cannot be reached.");
        assertThat(sharing.shares().find(share.id()).orElseThrow().revokedAt()).isEmpty();
        assertThat(relay.stored()).as("the ledger comes first: the relay was not asked").hasSize(1);
        assertThat(sharing.shares().relayDeletions()).as("nothing left pending").isEmpty();

        ledger.refuseWith = null;
        assertThat(sharing.revoke(share.id()).revokedAt()).isPresent();
        assertThat(ledger.revoked).hasSize(1);
        assertThatThrownBy(() -> sharing.revoke(UUID.randomUUID())).hasMessage("There is no such share in this wallet.");
    }

    @Test
    void revokeGoesToTheLedgerFirstAndTheRelayDeletionWaitsWithBackoffUntilTheRelayIsBack() throws Exception {
        Share share = sharing.create(ShareDraft.of(new ShareSelection.Categories(Set.of(Category.ALLERGIES)), clock.instant(),
                Duration.ofHours(1)));
        SteppedClock time = new SteppedClock(clock.instant());
        Sharing relayDown = new Sharing(vault, HttpRelayClient.of(deadRelay()), ledger, time, random);

        Share revoked = relayDown.revoke(share.id());

        assertThat(revoked.state(time.instant())).isEqualTo(Share.State.REVOKED);
        assertThat(ledger.revoked).singleElement().satisfies(r -> assertThat(r.shareId()).isEqualTo(share.grantId()));
        assertThat(relay.stored()).as("the relay was down: it still holds the ciphertext").hasSize(1);
        RelayDeletion pending = relayDown.relayDeletionOf(share.id()).orElseThrow();
        assertThat(pending.stage()).isEqualTo(RelayDeletion.Stage.RELAY);
        assertThat(pending.relayUnreachable()).isTrue();
        assertThat(pending.attempts()).isEqualTo(1);
        assertThat(pending.nextTry()).isEqualTo(time.instant().plusSeconds(30));
        assertThat(sharing.shares().list()).singleElement().satisfies(s -> assertThat(s.revokedAt()).isPresent());

        // The app's round waits out the backoff: nothing is asked before it is due.
        Sharing.RelayRound early = relayDown.retryRelayDeletions(true);
        assertThat(early.deleted()).isEmpty();
        assertThat(early.pending()).containsExactly(pending);
        time.advance(Duration.ofSeconds(31));
        Sharing.RelayRound second = relayDown.retryRelayDeletions(true);
        assertThat(second.pending()).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.nextTry()).as("the wait doubles").isEqualTo(time.instant().plusSeconds(60));
        });

        // The relay is back: the next round (the command line asks whatever the backoff) deletes, once.
        Sharing relayBack = new Sharing(vault, HttpRelayClient.of(relay.base()), ledger, time, random);
        Sharing.RelayRound done = relayBack.retryRelayDeletions(false);
        assertThat(done.deleted()).extracting(RelayDeletion::relayId).containsExactly(share.relayId());
        assertThat(done.pending()).isEmpty();
        assertThat(relay.stored()).isEmpty();
        assertThat(relayBack.shares().relayDeletions()).isEmpty();
        assertThat(relayBack.retryRelayDeletions(false)).isEqualTo(new Sharing.RelayRound(List.of(), List.of()));
        assertThat(relayBack.revoke(share.id())).isEqualTo(revoked);
        assertThat(ledger.revoked).hasSize(1);
    }

    @Test
    void aRevocationCutOffBeforeTheLedgerIsFinishedByTheNextRoundAndAShareAlreadyGoneCountsAsDeleted() throws Exception {
        Share share = sharing.create(ShareDraft.of(new ShareSelection.Categories(Set.of(Category.ALLERGIES)), clock.instant(),
                Duration.ofHours(1)));
        // As a wallet killed right after writing down the revocation, before or after the ledger got it.
        sharing.shares().saveDeletion(RelayDeletion.of(share, clock.instant()));
        assertThat(sharing.shares().find(share.id()).orElseThrow().revokedAt()).isEmpty();

        Sharing.RelayRound round = sharing.retryRelayDeletions(false);

        assertThat(round.deleted()).hasSize(1);
        assertThat(ledger.revoked).singleElement().satisfies(r -> assertThat(r.shareId()).isEqualTo(share.grantId()));
        assertThat(sharing.shares().find(share.id()).orElseThrow().revokedAt()).isPresent();
        assertThat(relay.stored()).isEmpty();

        // Killed after the relay deleted but before the wallet forgot the deletion: the relay answers 404.
        sharing.shares().saveDeletion(RelayDeletion.of(share, clock.instant()).onLedger());
        assertThat(sharing.retryRelayDeletions(false).deleted()).hasSize(1);
        assertThat(sharing.shares().relayDeletions()).isEmpty();
        assertThat(ledger.revoked).hasSize(1);
    }

    @Test
    void anUnfinishedShareWithdrawnWhileTheRelayIsDownIsDeletedWhenItIsBack() throws Exception {
        ledger.dieWith = new Error("the wallet died here");
        assertThatThrownBy(() -> sharing.create(ShareDraft.of(new ShareSelection.Categories(Set.of(Category.ALLERGIES)),
                clock.instant(), Duration.ofHours(1)))).hasMessage("the wallet died here");
        ledger.dieWith = null;
        InterruptedShare unfinished = sharing.shares().interrupted().get(0);
        Sharing relayDown = new Sharing(vault, HttpRelayClient.of(deadRelay()), ledger, clock, random);

        relayDown.withdraw(unfinished.id());

        assertThat(relayDown.shares().interrupted()).isEmpty();
        assertThat(relayDown.relayDeletionOf(unfinished.id())).hasValueSatisfying(d -> assertThat(d.relayUnreachable()).isTrue());
        assertThat(relay.stored()).hasSize(1);
        assertThat(sharing.retryRelayDeletions(false).deleted()).hasSize(1);
        assertThat(relay.stored()).isEmpty();
        assertThat(sharing.shares().relayDeletions()).isEmpty();
    }

    /** An address on this computer where nothing listens. */
    private static java.net.URI deadRelay() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
    }

    /** A clock the test moves on. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now;

        SteppedClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    @Test
    void aShareCutOffAfterTheUploadIsListedAsUnfinishedAndRevokingWithdrawsItFromTheRelay() throws Exception {
        ledger.dieWith = new Error("the wallet died here");
        ShareDraft draft = ShareDraft.of(new ShareSelection.Categories(Set.of(Category.ALLERGIES)), clock.instant(), Duration.ofHours(1))
                .withLabel("For Dr. Ng");
        assertThatThrownBy(() -> sharing.create(draft)).hasMessage("the wallet died here");
        assertThat(relay.stored()).as("on the relay, and its link never shown").hasSize(1);
        Path file = vault.file();
        vault.close();
        vault = Vault.unlock(file, TestWallets.PASSPHRASE);
        ledger.dieWith = null;
        sharing = new Sharing(vault, HttpRelayClient.of(relay.base()), ledger, clock, random);

        assertThat(sharing.shares().list()).isEmpty();
        List<InterruptedShare> unfinished = sharing.shares().interrupted();
        assertThat(unfinished).singleElement().satisfies(s -> {
            assertThat(s.label()).contains("For Dr. Ng");
            assertThat(s.selection()).isEqualTo("Categories: Allergies");
        });

        InterruptedShare withdrawn = sharing.withdraw(unfinished.get(0).id());

        assertThat(withdrawn.relayId()).isEqualTo(unfinished.get(0).relayId());
        assertThat(relay.stored()).isEmpty();
        assertThat(sharing.shares().interrupted()).isEmpty();
        assertThat(sharing.shares().list()).isEmpty();
        assertThatThrownBy(() -> sharing.withdraw(withdrawn.id())).hasMessage("There is no unfinished share with this id in this wallet.");
    }

    @Test
    void aShareWhoseRelayCannotBeReachedStaysListedAsUnfinishedUntilWithdrawn() throws Exception {
        relay.close();   // nothing listens: the upload and its withdrawal both fail
        ShareDraft draft = ShareDraft.of(new ShareSelection.Categories(Set.of(Category.ALLERGIES)), clock.instant(), Duration.ofHours(1));

        assertThatThrownBy(() -> sharing.create(draft)).isInstanceOf(RelayException.class).hasMessageContaining("cannot be reached");

        assertThat(sharing.shares().interrupted()).hasSize(1);
        assertThat(ledger.issued).isEmpty();
    }

    @Test
    void finishedAndRefusedSharesLeaveNothingUnfinished() throws Exception {
        sharing.create(ShareDraft.of(new ShareSelection.Categories(Set.of(Category.ALLERGIES)), clock.instant(), Duration.ofHours(1)));
        relay.createReply = LoopbackServer.Reply.json(400, "{\"error\":\"files too large for this relay\"}");
        assertThatThrownBy(() -> sharing.create(ShareDraft.of(new ShareSelection.Categories(Set.of(Category.ALLERGIES)),
                clock.instant(), Duration.ofHours(1)))).isInstanceOf(RelayException.class);

        assertThat(sharing.shares().list()).hasSize(1);
        assertThat(sharing.shares().interrupted()).isEmpty();
        assertThat(relay.stored()).hasSize(1);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
