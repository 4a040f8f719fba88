package org.healthwallet.ledger.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.SealedDetails;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.X25519PublicKey;
import org.junit.jupiter.api.Test;

/** The sealed access details of docs/transactions.md: only the patient's key opens them, only for their entry. */
class SealedAccessTest {
    private static final String CHAIN = "healthwallet-test";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Ed25519PublicKey RELAY = key(2);
    private static final Digest SHARE = Digest.sha256("share".getBytes(StandardCharsets.UTF_8));
    private static final AccessDetails DETAILS = AccessDetails.asSeen("Dr. Ana Souza, cardiology",
            List.of(Digest.sha256(new byte[] {1}), Digest.sha256(new byte[] {2})), "203.0.113.7", "Mozilla/5.0 (X11)");

    private static Ed25519PublicKey key(int fill) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) fill);
        return SigningKey.fromSeed(seed).publicKey();
    }

    private static AsymmetricCipherKeyPair patient(int fill) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) fill);
        return DetailsCipher.hpke().deriveKeyPair(seed);
    }

    private static X25519PublicKey sealTo(AsymmetricCipherKeyPair pair) {
        return new X25519PublicKey(DetailsCipher.hpke().serializePublicKey(pair.getPublic()));
    }

    private static DetailsBinding binding(long at) {
        return new DetailsBinding(CHAIN, SHARE, RELAY, at);
    }

    @Test
    void thePatientsKeyOpensWhatTheRelaySealed() throws Exception {
        AsymmetricCipherKeyPair patient = patient(7);
        SealedDetails sealed = new AccessSealer(CLOCK).seal(sealTo(patient), binding(100), DETAILS);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("Ana");
        assertThat(new AccessOpener(patient, CHAIN).open(binding(100), sealed)).isEqualTo(DETAILS);
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        SealedDetails sealed = new AccessSealer(CLOCK).seal(sealTo(patient(7)), binding(100), DETAILS);
        assertThatThrownBy(() -> new AccessOpener(patient(8), CHAIN).open(binding(100), sealed))
                .isInstanceOf(AccessOpener.Unopenable.class).hasMessageContaining("sealed to another key");
    }

    @Test
    void aBoxMovedToAnotherEntryChainOrRelayDoesNotOpen() {
        AsymmetricCipherKeyPair patient = patient(7);
        SealedDetails sealed = new AccessSealer(CLOCK).seal(sealTo(patient), binding(100), DETAILS);
        for (DetailsBinding moved : List.of(binding(101), new DetailsBinding(CHAIN, Digest.sha256(new byte[] {9}), RELAY, 100),
                new DetailsBinding(CHAIN, SHARE, key(3), 100))) {
            assertThatThrownBy(() -> new AccessOpener(patient, CHAIN).open(moved, sealed))
                    .isInstanceOf(AccessOpener.Unopenable.class).hasMessageContaining("belong to another entry");
        }
        assertThatThrownBy(() -> new AccessOpener(patient, "other-chain").open(
                new DetailsBinding("other-chain", SHARE, RELAY, 100), sealed)).isInstanceOf(AccessOpener.Unopenable.class);
    }

    @Test
    void alteredCiphertextDoesNotOpen() {
        AsymmetricCipherKeyPair patient = patient(7);
        SealedDetails sealed = new AccessSealer(CLOCK).seal(sealTo(patient), binding(100), DETAILS);
        byte[] ciphertext = sealed.ciphertext();
        ciphertext[3] ^= 1;
        SealedDetails altered = new SealedDetails(sealed.enc(), sealed.counter(), ciphertext);
        assertThatThrownBy(() -> new AccessOpener(patient, CHAIN).open(binding(100), altered))
                .isInstanceOf(AccessOpener.Unopenable.class).hasMessageContaining("altered");
        SealedDetails otherCounter = new SealedDetails(sealed.enc(), sealed.counter() + 1, sealed.ciphertext());
        assertThatThrownBy(() -> new AccessOpener(patient, CHAIN).open(binding(100), otherCounter))
                .isInstanceOf(AccessOpener.Unopenable.class);
    }

    @Test
    void aCounterUsedTwiceInOneContextIsRefused() throws Exception {
        AsymmetricCipherKeyPair patient = patient(7);
        SealedDetails sealed = new AccessSealer(CLOCK).seal(sealTo(patient), binding(100), DETAILS);
        AccessOpener opener = new AccessOpener(patient, CHAIN);
        opener.open(binding(100), sealed);
        assertThatThrownBy(() -> opener.open(binding(100), sealed))
                .isInstanceOf(AccessOpener.Unopenable.class).hasMessageContaining("counter 0 twice");
    }

    @Test
    void oneContextServesManyEntriesAndIsRenewedAfterItsCountAndAge() throws Exception {
        AsymmetricCipherKeyPair patient = patient(7);
        Instant[] now = {Instant.parse("2026-12-01T10:00:00Z")};
        Clock moving = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        AccessSealer sealer = new AccessSealer(3, Duration.ofDays(1), moving);
        AccessOpener opener = new AccessOpener(patient, CHAIN);
        SealedDetails[] boxes = new SealedDetails[5];
        for (int i = 0; i < 4; i++) {
            boxes[i] = sealer.seal(sealTo(patient), binding(i), DETAILS);
            assertThat(opener.open(binding(i), boxes[i])).isEqualTo(DETAILS);
        }
        assertThat(boxes[1].enc()).isEqualTo(boxes[0].enc());
        assertThat(boxes[2].counter()).isEqualTo(2);
        assertThat(boxes[3].enc()).isNotEqualTo(boxes[0].enc()); // renewed after 3 entries
        assertThat(boxes[3].counter()).isZero();
        now[0] = now[0].plus(Duration.ofDays(1));
        boxes[4] = sealer.seal(sealTo(patient), binding(4), DETAILS);
        assertThat(boxes[4].enc()).isNotEqualTo(boxes[3].enc()); // renewed after a day
        assertThat(opener.open(binding(4), boxes[4])).isEqualTo(DETAILS);
    }

    @Test
    void theBoxSizeDoesNotTellTheNamesLengthOrTheFileCount() {
        AccessSealer sealer = new AccessSealer(CLOCK);
        X25519PublicKey to = sealTo(patient(7));
        SealedDetails shortName = sealer.seal(to, binding(1), AccessDetails.asSeen("Dr. X", List.of(), "", ""));
        SealedDetails longName = sealer.seal(to, binding(2), AccessDetails.asSeen("Dr. Maximiliano Fernández-Castellanos, Oncology",
                List.of(Digest.sha256(new byte[] {1}), Digest.sha256(new byte[] {2})), "203.0.113.7", "Mozilla/5.0"));
        assertThat(longName.size()).isEqualTo(shortName.size());
    }

    @Test
    void theRelaysViewOfTheRequestIsCutToItsBoundsAndAnAllZeroKeyIsRefused() {
        AccessDetails seen = AccessDetails.asSeen("Dr. X", List.of(), "10.0.0.1\n", "A".repeat(1000));
        assertThat(seen.client()).isEqualTo("10.0.0.1");
        assertThat(seen.userAgent()).hasSize(AccessDetails.MAX_USER_AGENT_BYTES);
        assertThatThrownBy(() -> new AccessSealer(CLOCK).seal(new X25519PublicKey(new byte[32]), binding(1), seen))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all zeros");
    }
}
