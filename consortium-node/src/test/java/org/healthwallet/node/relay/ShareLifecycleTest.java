package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthwallet.node.relay.RelayTestNetwork.OTHER_PATIENT;
import static org.healthwallet.node.relay.RelayTestNetwork.PATIENT;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.healthwallet.ledger.relay.RelayRequestSignature;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A patient shares with a passcode, a doctor opens it (wrong passcode first), the access is on the ledger, the patient revokes. */
class ShareLifecycleTest {
    static final String BUNDLE = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"id\":\"summary\"}";
    static final String LABS = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"id\":\"labs\"}";

    @TempDir
    Path dir;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger relayLogger = Logger.getLogger("org.healthwallet.node.relay");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        relayLogger.setLevel(Level.ALL);
        relayLogger.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        relayLogger.removeHandler(capture);
    }

    @Test
    void doctorOpensAPasscodeShareOnlyAfterTheAccessIsOnTheLedger() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            RelayTestNetwork.Share share = t.share(PATIENT, 3600, "P", "2468", BUNDLE, LABS);
            assertThat(share.manifestUrl().toString()).startsWith(t.relay.url() + "/shl/").doesNotContain(share.id())
                    .hasSizeLessThanOrEqualTo(128);

            RelayTestNetwork.Response wrong = t.manifest(share.manifestUrl(), "Dr. Ng", "1357", null);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().path("remainingAttempts").asInt()).isEqualTo(2);
            assertThat(wrong.text()).doesNotContain("eyJ");
            RelayTestNetwork.Response missing = t.manifest(share.manifestUrl(), "Dr. Ng", null, null);
            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.json().path("remainingAttempts").asInt()).as("asking without a passcode costs nothing").isEqualTo(2);
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", "8642", null).json().path("remainingAttempts").asInt()).isEqualTo(1);

            t.restartRelay();
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", null, null).json().path("remainingAttempts").asInt())
                    .as("failures survive a restart").isEqualTo(1);
            assertThat(t.provenValue(StateKey.accessLogHead(PATIENT.publicKey()))).as("no access was logged").isEmpty();

            RelayTestNetwork.Response opened = t.manifest(share.manifestUrl(), "Dr. Ng, City Clinic", "2468", null);
            assertThat(opened.status()).as(opened.text()).isEqualTo(200);
            assertThat(opened.raw().headers().firstValue("Content-Type")).contains("application/json");
            JsonNode files = opened.json().path("files");
            assertThat(files).hasSize(2);
            assertThat(files.get(0).path("contentType").asText()).isEqualTo("application/fhir+json");
            assertThat(TestJwe.decrypt(share.key(), files.get(0).path("embedded").asText())).isEqualTo(BUNDLE);
            assertThat(TestJwe.decrypt(share.key(), files.get(1).path("embedded").asText())).isEqualTo(LABS);
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", null, null).json().path("remainingAttempts").asInt())
                    .as("the right passcode gives its attempt back").isEqualTo(1);

            AccessLogHead head = AccessLogHead.decode(t.provenValue(StateKey.accessLogHead(PATIENT.publicKey())).orElseThrow());
            assertThat(head.length()).isEqualTo(1);
            AccessEntry entry = AccessEntry.decode(t.provenValue(StateKey.accessLogEntry(PATIENT.publicKey(), 0)).orElseThrow());
            assertThat(t.details(PATIENT.publicKey(), entry).recipient()).isEqualTo("Dr. Ng, City Clinic");
            // The relay's view of the request is sealed to the patient with the name, never in clear on the ledger.
            assertThat(t.details(PATIENT.publicKey(), entry).client()).isEqualTo("127.0.0.1");
            assertThat(t.details(PATIENT.publicKey(), entry).userAgent()).startsWith("Java-http-client");
            assertThat(new String(entry.encode(), StandardCharsets.ISO_8859_1)).doesNotContain("Dr. Ng").doesNotContain("Java-http");
            assertThat(entry.shareId()).isEqualTo(RelayTestNetwork.grantId(share.id()));
            assertThat(entry.relay()).isEqualTo(t.relay.relayKey());
            assertThat(t.details(PATIENT.publicKey(), entry).files()).containsExactly(digest(share.jwes().get(0)), digest(share.jwes().get(1)));
            assertThat(AccessLogHead.EMPTY.append(entry)).isEqualTo(head);

            RelayTestNetwork.Response byLocation = t.manifest(share.manifestUrl(), "Dr. Ng", "2468", 0);
            assertThat(byLocation.status()).isEqualTo(200);
            List<URI> locations = new ArrayList<>();
            for (JsonNode f : byLocation.json().path("files")) {
                assertThat(f.has("embedded")).isFalse();
                locations.add(URI.create(f.path("location").asText()));
            }
            assertThat(locations).allSatisfy(u -> assertThat(u.toString()).startsWith(t.relay.url() + "/files/"));
            RelayTestNetwork.Response file = t.get(locations.get(1));
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.raw().headers().firstValue("Content-Type")).contains("application/jose");
            assertThat(TestJwe.decrypt(share.key(), file.text())).isEqualTo(LABS);
            assertThat(t.get(locations.get(1)).status()).as("a location is single use").isEqualTo(404);
            AccessEntry second = AccessEntry.decode(t.provenValue(StateKey.accessLogEntry(PATIENT.publicKey(), 1)).orElseThrow());
            assertThat(t.details(PATIENT.publicKey(), second).recipient()).isEqualTo("Dr. Ng");
            assertThat(t.details(PATIENT.publicKey(), second).files()).hasSize(2);

            assertThat(t.revoke(OTHER_PATIENT, share).status()).as("another key cannot revoke").isEqualTo(403);
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", "2468", null).status()).isEqualTo(200);
            assertThat(t.revoke(PATIENT, share).status()).isEqualTo(204);
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", "2468", null).status()).isEqualTo(404);
            assertThat(t.get(locations.get(0)).status()).as("revoking deletes the files").isEqualTo(404);
            assertThat(t.revoke(PATIENT, share).status()).isEqualTo(404);
            t.restartRelay();
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", "2468", null).status()).as("revocation survives a restart")
                    .isEqualTo(404);
            assertThat(AccessLogHead.decode(t.provenValue(StateKey.accessLogHead(PATIENT.publicKey())).orElseThrow()).length())
                    .isEqualTo(3);

            String all = String.join("\n", logged);
            assertThat(logged).isNotEmpty();
            assertThat(all).doesNotContain("2468").doesNotContain(share.id())
                    .doesNotContain(share.manifestUrl().getPath().substring(5)).doesNotContain("Dr. Ng")
                    .doesNotContain(share.jwes().get(0).substring(0, 40));
            assertThat(all).contains(RelayTestNetwork.grantId(share.id()).hex().substring(0, 16));
        }
    }

    @Test
    void lastWrongPasscodeDisablesTheLinkEvenForParallelGuesses() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            RelayTestNetwork.Share share = t.share(PATIENT, 3600, "P", "right-one", BUNDLE);
            List<Thread> guessers = new ArrayList<>();
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 8; i++) {
                String guess = "guess-" + i;
                Thread g = new Thread(() -> {
                    try {
                        statuses.add(t.manifest(share.manifestUrl(), "Mallory", guess, null).status());
                    } catch (Exception e) {
                        statuses.add(-1);
                    }
                });
                guessers.add(g);
                g.start();
            }
            for (Thread g : guessers) {
                g.join();
            }
            assertThat(statuses).hasSize(8).containsOnly(401, 404);
            assertThat(statuses.stream().filter(s -> s == 401).count()).as("at most 3 guesses are checked").isEqualTo(3);
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", "right-one", null).status()).isEqualTo(404);
            t.restartRelay();
            assertThat(t.manifest(share.manifestUrl(), "Dr. Ng", "right-one", null).status()).isEqualTo(404);
            assertThat(t.provenValue(StateKey.accessLogHead(PATIENT.publicKey()))).isEmpty();
        }
    }

    @Test
    void singleFileLinkIsFetchedWithGetAndARecipient() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            RelayTestNetwork.Share share = t.share(PATIENT, 3600, "U", null, BUNDLE);
            RelayTestNetwork.Response direct = t.get(URI.create(share.manifestUrl() + "?recipient=Dr.%20%C3%81lvarez"));
            assertThat(direct.status()).as(direct.text()).isEqualTo(200);
            assertThat(direct.raw().headers().firstValue("Content-Type")).contains("application/jose");
            assertThat(direct.text()).isEqualTo(share.jwes().get(0));
            assertThat(direct.raw().headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            assertThat(t.get(share.manifestUrl()).status()).as("no recipient").isEqualTo(400);
            AccessEntry entry = AccessEntry.decode(t.provenValue(StateKey.accessLogEntry(PATIENT.publicKey(), 0)).orElseThrow());
            assertThat(t.details(PATIENT.publicKey(), entry).recipient()).isEqualTo("Dr. Álvarez");
            assertThat(t.details(PATIENT.publicKey(), entry).files()).containsExactly(digest(share.jwes().get(0)));

            RelayTestNetwork.Share manifestOnly = t.share(PATIENT, 3600, "", null, BUNDLE);
            assertThat(t.get(URI.create(manifestOnly.manifestUrl() + "?recipient=x")).status()).isEqualTo(405);
        }
    }

    @Test
    void theShareIdFollowsFromTheSignedCreateSoAWalletThatNeverReadTheAnswerCanStillRevokeIt() throws Exception {
        try (RelayTestNetwork t = RelayTestNetwork.start(dir, RelayTestNetwork.testTuning())) {
            String nonce = RelayRequestSignature.newNonce(t.random);
            long time = t.clock.instant().getEpochSecond();
            byte[] body = RelayTestNetwork.body(t.jwes(TestJwe.key(t.random), BUNDLE), time + 3600, "", null)
                    .getBytes(StandardCharsets.UTF_8);
            String expected = new RelayRequestSignature(PATIENT.publicKey(), time, nonce, new byte[64]).createdShareId();

            RelayTestNetwork.Response created = t.signedWith("POST", t.relay.url() + "/shares", Action.CREATE, "-", body,
                    PATIENT, time, nonce);

            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(created.json().path("id").asText()).isEqualTo(expected);
            assertThat(created.json().path("manifestUrl").asText()).doesNotContain(expected);
            RelayTestNetwork.Response revoked = t.signedWith("DELETE", t.relay.url() + "/shares/" + expected, Action.REVOKE,
                    expected, new byte[0], PATIENT, time, RelayRequestSignature.newNonce(t.random));
            assertThat(revoked.status()).as(revoked.text()).isEqualTo(204);
        }
    }

    static Digest digest(String jwe) {
        return Digest.sha256(jwe.getBytes(StandardCharsets.US_ASCII));
    }
}
