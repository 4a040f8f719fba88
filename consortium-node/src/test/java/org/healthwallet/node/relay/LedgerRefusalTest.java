package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.node.relay.RelayTestNetwork.OTHER_PATIENT;
import static org.healthwallet.node.relay.RelayTestNetwork.PATIENT;

import java.nio.file.Path;
import java.time.Duration;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.StateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay serves only what the ledger allows: no grant, a revoked or expired grant, a grant over
 * other files or by another key, an expired share, and a ledger that cannot be reached all serve
 * nothing, and log nothing.
 */
class LedgerRefusalTest {
    static final String BUNDLE = ShareLifecycleTest.BUNDLE;

    @TempDir
    Path dir;

    @Test
    void sharesWithoutAStandingGrantAreNotFound() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            RelayTestNetwork.Share noGrant = t.upload(PATIENT, 3600, "", null, BUNDLE);
            assertThat(t.manifest(noGrant.manifestUrl(), "Dr. Ng", null, null).status()).isEqualTo(404);
            assertThat(t.grant(PATIENT, noGrant, noGrant.expiresAt())).isZero();
            Thread.sleep(1_100); // the relay remembers "no grant" for a second
            assertThat(t.manifest(noGrant.manifestUrl(), "Dr. Ng", null, null).status()).as("granted after upload").isEqualTo(200);

            RelayTestNetwork.Share revokedOnLedger = t.share(PATIENT, 3600, "", null, BUNDLE);
            assertThat(t.manifest(revokedOnLedger.manifestUrl(), "Dr. Ng", null, null).status()).isEqualTo(200);
            assertThat(t.revokeGrant(PATIENT, revokedOnLedger)).isZero();
            assertThat(t.manifest(revokedOnLedger.manifestUrl(), "Dr. Ng", null, null).status())
                    .as("the ledger refuses the access record even while the relay's reading is cached").isEqualTo(404);
            assertThat(t.revoke(PATIENT, revokedOnLedger).status()).as("the relay ended the share itself").isEqualTo(404);

            RelayTestNetwork.Share otherFiles = t.upload(PATIENT, 3600, "", null, BUNDLE);
            RelayTestNetwork.Share decoy = t.upload(PATIENT, 3600, "", null, "{\"resourceType\":\"Bundle\",\"id\":\"other\"}");
            RelayTestNetwork.Share mismatched = new RelayTestNetwork.Share(otherFiles.id(), otherFiles.manifestUrl(),
                    otherFiles.expiresAt(), decoy.jwes(), otherFiles.key());
            assertThat(t.grant(PATIENT, mismatched, otherFiles.expiresAt())).isZero();
            assertThat(t.manifest(otherFiles.manifestUrl(), "Dr. Ng", null, null).status())
                    .as("the grant commits to other files").isEqualTo(404);

            RelayTestNetwork.Share byAnother = t.upload(PATIENT, 3600, "", null, BUNDLE);
            assertThat(t.grant(OTHER_PATIENT, byAnother, byAnother.expiresAt())).isZero();
            assertThat(t.manifest(byAnother.manifestUrl(), "Dr. Ng", null, null).status())
                    .as("granted by a key that did not upload it").isEqualTo(404);

            AccessLogHead head = AccessLogHead.decode(t.provenValue(StateKey.accessLogHead(PATIENT.publicKey())).orElseThrow());
            assertThat(head.length()).as("only the two served accesses are logged").isEqualTo(2);
            assertThat(t.provenValue(StateKey.accessLogHead(OTHER_PATIENT.publicKey()))).isEmpty();
        }
    }

    @Test
    void expiredSharesAndGrantsAreNotFound() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            RelayTestNetwork.Share share = t.share(PATIENT, 600, "", null, BUNDLE);
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", null, null).status()).isEqualTo(200);
            t.clock.advance(Duration.ofSeconds(601));
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", null, null).status()).as("expired on the relay's clock")
                    .isEqualTo(404);
            t.clock.advance(Duration.ofSeconds(-601));
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", null, null).status()).as("and its files are gone")
                    .isEqualTo(404);

            RelayTestNetwork.Share shortGrant = t.upload(PATIENT, 3600, "", null, BUNDLE);
            long soon = t.clock.instant().getEpochSecond() + 2;
            assertThat(t.grant(PATIENT, shortGrant, soon)).isZero();
            assertThat(t.manifest(shortGrant.manifestUrl(), "Dr. Ng", null, null).status()).isEqualTo(200);
            while (t.clock.instant().getEpochSecond() <= soon) {
                Thread.sleep(100);
            }
            assertThat(t.manifest(shortGrant.manifestUrl(), "Dr. Ng", null, null).status()).as("the grant expired on the ledger")
                    .isEqualTo(404);
            AccessLogHead head = AccessLogHead.decode(t.provenValue(StateKey.accessLogHead(PATIENT.publicKey())).orElseThrow());
            assertThat(head.length()).isEqualTo(2);
        }
    }

    @Test
    void ledgerOutOfReachServesNothing() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            RelayTestNetwork.Share known = t.share(PATIENT, 3600, "P", "2468", BUNDLE);
            RelayTestNetwork.Share neverAsked = t.share(PATIENT, 3600, "U", null, BUNDLE);
            assertThat(t.manifest(known.manifestUrl(), "Dr. Ng", "2468", null).status()).isEqualTo(200);

            t.stopPrimary();
            RelayTestNetwork.Response cachedGrant = t.manifest(known.manifestUrl(), "Dr. Ng", "2468", null);
            assertThat(cachedGrant.status()).as("the grant is known but the access cannot be written").isEqualTo(503);
            assertThat(cachedGrant.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(cachedGrant.text()).doesNotContain("embedded").doesNotContain(known.jwes().get(0).substring(0, 30));
            RelayTestNetwork.Response unknownGrant = t.get(java.net.URI.create(neverAsked.manifestUrl() + "?recipient=Dr.%20Ng"));
            assertThat(unknownGrant.status()).as("the grant cannot be read").isEqualTo(503);
            assertThat(unknownGrant.text()).doesNotContain(neverAsked.jwes().get(0).substring(0, 30));
            assertThat(t.manifest(known.manifestUrl(), "Dr. Ng", "2468", null).status()).isEqualTo(503);
            AccessLogHead head = AccessLogHead.decode(t.provenValue(StateKey.accessLogHead(PATIENT.publicKey())).orElseThrow());
            assertThat(head.length()).as("the witness still shows only the one access").isEqualTo(1);

            t.restartPrimary();
            assertThat(t.manifest(known.manifestUrl(), "Dr. Ng", null, null).json().path("remainingAttempts").asInt())
                    .as("the right passcode served nothing and took no attempt").isEqualTo(3);
            assertThat(t.manifest(known.manifestUrl(), "Dr. Ng", "2468", null).status()).as("back in service").isEqualTo(200);
            assertThat(AccessLogHead.decode(t.provenValue(StateKey.accessLogHead(PATIENT.publicKey())).orElseThrow()).length())
                    .isEqualTo(2);
        }
    }
}
