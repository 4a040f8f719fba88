package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.node.relay.RelayTestNetwork.OTHER_PATIENT;
import static org.healthwallet.node.relay.RelayTestNetwork.PATIENT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;
import org.healthwallet.ledger.relay.ShareScope;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationRevoked;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.node.TestSeal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caregiver's shares on the relay (wallet-core/docs/caregivers.md): served only while the
 * caregiver's delegation allows sharing, checked with a proof at every access; and the long-term
 * (flag L) share whose files its owner replaces.
 */
class CaregiverShareTest {
    static final String MEDICATIONS = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"id\":\"medications\"}";
    static final String MORE = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"id\":\"after-import\"}";
    static final SigningKey CAREGIVER = SigningKey.fromSeed(RelayTestNetwork.filled(0x03));

    @TempDir
    Path dir;

    @Test
    void aCaregiversShareIsServedWhileTheDelegationStandsAndRefusedOnceTheDependentRevokesIt() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            long now = t.clock.instant().getEpochSecond();
            assertThat(t.submit(PATIENT, new DelegationGranted(PATIENT.publicKey(), CAREGIVER.publicKey(),
                    new DelegationScope(DelegationScope.SHARE | DelegationScope.RECORDS), now + 30 * 86_400))).isZero();
            RelayTestNetwork.Share share = t.upload(CAREGIVER, 3600, "", null, MEDICATIONS);
            assertThat(t.submit(CAREGIVER, new GrantIssued(RelayTestNetwork.grantId(share.id()), PATIENT.publicKey(),
                    RelayTestNetwork.scope(share.jwes()), share.expiresAt(), t.relay.relayKey(), TestSeal.sealTo(PATIENT.publicKey())))).as("caregiver's grant").isZero();

            RelayTestNetwork.Response opened = t.manifest(share.manifestUrl(), "Pharmacist Ines", null, null);
            assertThat(opened.status()).as(opened.text()).isEqualTo(200);
            assertThat(TestJwe.decrypt(share.key(), opened.json().path("files").get(0).path("embedded").asText()))
                    .isEqualTo(MEDICATIONS);
            AccessEntry entry = AccessEntry.decode(t.provenValue(StateKey.accessLogEntry(PATIENT.publicKey(), 0)).orElseThrow());
            assertThat(t.details(PATIENT.publicKey(), entry).recipient()).as("in the dependent's own log").isEqualTo("Pharmacist Ines");

            assertThat(t.submit(PATIENT, new DelegationRevoked(PATIENT.publicKey(), CAREGIVER.publicKey()))).isZero();
            // The relay still holds its verified reading (30 s); the ledger refuses the access and the relay looks again.
            RelayTestNetwork.Response refused = t.manifest(share.manifestUrl(), "Pharmacist Ines", null, null);
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.json().path("error").asText())
                    .contains("the caregiver who made this link no longer may share for this patient");
            assertThat(refused.text()).doesNotContain("eyJ");
            // And from a fresh reading (no access record attempted at all).
            t.restartRelay();
            RelayTestNetwork.Response again = t.manifest(share.manifestUrl(), "Pharmacist Ines", null, null);
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.json().path("error").asText()).isEqualTo(GrantCheck.CAREGIVER_MAY_NOT_SHARE);
            assertThat(AccessLogHead.decode(t.provenValue(StateKey.accessLogHead(PATIENT.publicKey())).orElseThrow()).length())
                    .as("nothing more was logged, nothing more served").isEqualTo(1);
        }
    }

    @Test
    void aLongTermShareServesTheFilesItsOwnerPutLastAndTheLogNamesThem() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            RelayTestNetwork.Share share = t.upload(PATIENT, 3600, "L", null, MEDICATIONS);
            assertThat(t.submit(PATIENT, new GrantIssued(RelayTestNetwork.grantId(share.id()), PATIENT.publicKey(),
                    ShareScope.longTerm(share.id()), share.expiresAt(), t.relay.relayKey(), TestSeal.sealTo(PATIENT.publicKey())))).isZero();
            assertThat(TestJwe.decrypt(share.key(), t.manifest(share.manifestUrl(), "Caregiver Ana", null, null).json()
                    .path("files").get(0).path("embedded").asText())).isEqualTo(MEDICATIONS);

            List<String> newer = t.jwes(share.key(), MEDICATIONS, MORE);
            RelayTestNetwork.Response put = update(t, PATIENT, share.id(), newer);
            assertThat(put.status()).as(put.text()).isEqualTo(204);

            RelayTestNetwork.Response refreshed = t.manifest(share.manifestUrl(), "Caregiver Ana", null, null);
            assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
            assertThat(refreshed.json().path("files")).hasSize(2);
            assertThat(TestJwe.decrypt(share.key(), refreshed.json().path("files").get(1).path("embedded").asText())).isEqualTo(MORE);
            AccessEntry second = AccessEntry.decode(t.provenValue(StateKey.accessLogEntry(PATIENT.publicKey(), 1)).orElseThrow());
            assertThat(t.details(PATIENT.publicKey(), second).files()).containsExactly(digest(newer.get(0)), digest(newer.get(1)));
        }
    }

    @Test
    void onlyTheOwnerUpdatesOnlyAnActiveLongTermShareWithAWellFormedBody() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            RelayTestNetwork.Share fixed = t.share(PATIENT, 3600, "", null, MEDICATIONS);
            RelayTestNetwork.Share longTerm = t.upload(PATIENT, 3600, "L", null, MEDICATIONS);
            List<String> other = t.jwes(fixed.key(), MORE);

            RelayTestNetwork.Response notLongTerm = update(t, PATIENT, fixed.id(), other);
            assertThat(notLongTerm.status()).isEqualTo(409);
            assertThat(notLongTerm.json().path("error").asText()).contains("not long-term (flag L)");
            RelayTestNetwork.Response served = t.manifest(fixed.manifestUrl(), "Dr. Ng", null, null);
            assertThat(TestJwe.decrypt(fixed.key(), served.json().path("files").get(0).path("embedded").asText()))
                    .as("the fixed share's files are unchanged").isEqualTo(MEDICATIONS);

            assertThat(update(t, OTHER_PATIENT, longTerm.id(), other).status()).isEqualTo(403);
            assertThat(update(t, PATIENT, "no-such-share", other).status()).isEqualTo(404);
            byte[] extraField = "{\"v\":1,\"files\":[],\"expiresAt\":1}".getBytes(StandardCharsets.UTF_8);
            RelayTestNetwork.Response bad = t.signed("PUT", t.relay.url() + "/shares/" + longTerm.id(), Action.UPDATE,
                    longTerm.id(), extraField, PATIENT, t.clock.instant());
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().path("error").asText()).contains("only \"v\" and \"files\"");
            RelayTestNetwork.Response wrongAction = t.signed("PUT", t.relay.url() + "/shares/" + longTerm.id(), Action.REVOKE,
                    longTerm.id(), updateBody(other), PATIENT, t.clock.instant());
            assertThat(wrongAction.status()).as("a revoke signature does not update").isEqualTo(401);

            assertThat(t.revoke(PATIENT, longTerm).status()).isEqualTo(204);
            RelayTestNetwork.Response revoked = update(t, PATIENT, longTerm.id(), other);
            assertThat(revoked.status()).isEqualTo(409);
            assertThat(revoked.json().path("error").asText()).contains("no longer active (revoked)");
        }
    }

    private static RelayTestNetwork.Response update(RelayTestNetwork t, SigningKey owner, String id, List<String> jwes)
            throws Exception {
        return t.signed("PUT", t.relay.url() + "/shares/" + id, Action.UPDATE, id, updateBody(jwes), owner, t.clock.instant());
    }

    private static byte[] updateBody(List<String> jwes) {
        ObjectNode body = RelayTestNetwork.JSON.createObjectNode();
        body.put("v", 1);
        var files = body.putArray("files");
        jwes.forEach(j -> files.addObject().put("contentType", "application/fhir+json").put("jwe", j));
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Digest digest(String jwe) {
        return Digest.sha256(jwe.getBytes(StandardCharsets.US_ASCII));
    }
}
