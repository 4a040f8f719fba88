package org.healthwallet.ledger.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;
import org.healthwallet.ledger.relay.RelayRequestSignature.MalformedException;
import org.healthwallet.ledger.tx.SigningKey;
import org.junit.jupiter.api.Test;

/**
 * Pins the signed relay request format to fixed bytes: the worked example of
 * wallet-core/docs/relay-api.md (patient key from seed 01…01), so the wallet that signs and the
 * relay that checks cannot drift apart.
 */
class RelayRequestSignatureTest {
    static final String KEY = "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w";
    static final byte[] CREATE_BODY = ("{\"v\":1,\"files\":[{\"contentType\":\"application/fhir+json\",\"jwe\":"
            + "\"eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA\"}],"
            + "\"expiresAt\":1767225600,\"flags\":\"P\",\"passcode\":\"2468\"}").getBytes(StandardCharsets.UTF_8);
    static final String CREATE_SIGNATURE = "Ovzvzk97-01SFRiucCH-28yunLXnkENYhFNBQ8OX_dGaTeX6UZsatZ600IbZwN8gHnf6jSYEsLAW9kS3mQxSDQ";
    static final String REVOKE_SIGNATURE = "1GQbtR9W9cSmiy-G0Te71aP9q4QYuxfVNwG155ePNlQ2sIPvT2q_S5rSyRyH8zJXwDPpAUI8dKtMb9NV4P7fDQ";

    private static SigningKey seed01() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 1);
        return SigningKey.fromSeed(seed);
    }

    private static RelayRequestSignature signed(Action action, String shareId, byte[] body, long time, String nonce) {
        SigningKey key = seed01();
        return new RelayRequestSignature(key.publicKey(), time, nonce,
                key.sign(RelayRequestSignature.message(action, shareId, time, nonce, body)));
    }

    private static Map<String, String> headers(String key, String time, String nonce, String signature) {
        Map<String, String> map = new HashMap<>();
        if (key != null) map.put("HW-Key", key);
        if (time != null) map.put("HW-Time", time);
        if (nonce != null) map.put("HW-Nonce", nonce);
        if (signature != null) map.put("HW-Signature", signature);
        return map;
    }

    @Test
    void theShareIdACreateMakesFollowsFromKeyAndNonceOnly() {
        RelayRequestSignature example = signed(Action.CREATE, "-", CREATE_BODY, 1767139200L, "AAECAwQFBgcICQoLDA0ODw");
        String id = example.createdShareId();

        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(signed(Action.CREATE, "-", "{}".getBytes(StandardCharsets.UTF_8), 1767139999L, "AAECAwQFBgcICQoLDA0ODw")
                .createdShareId()).as("not the body, not the time").isEqualTo(id);
        assertThat(signed(Action.CREATE, "-", CREATE_BODY, 1767139200L, "AAECAwQFBgcICQoLDA0OEA").createdShareId())
                .as("another nonce").isNotEqualTo(id);
        SigningKey other = SigningKey.fromSeed(new byte[32]);
        assertThat(new RelayRequestSignature(other.publicKey(), 1767139200L, "AAECAwQFBgcICQoLDA0ODw", new byte[64])
                .createdShareId()).as("another key").isNotEqualTo(id);
    }

    @Test
    void theCreateExampleSignsToKnownBytesAndHeaders() throws Exception {
        byte[] message = RelayRequestSignature.message(Action.CREATE, "-", 1767139200L, "AAECAwQFBgcICQoLDA0ODw", CREATE_BODY);
        assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo("""
                HealthWallet relay request v1
                create-share
                -
                1767139200
                AAECAwQFBgcICQoLDA0ODw
                9uLlQb7wdjrJHl4RVA5f6xoOsClUYhkc-NnPioaMwNE""");

        RelayRequestSignature signed = signed(Action.CREATE, "-", CREATE_BODY, 1767139200L, "AAECAwQFBgcICQoLDA0ODw");

        assertThat(signed.headers()).containsExactly(Map.entry("HW-Key", KEY), Map.entry("HW-Time", "1767139200"),
                Map.entry("HW-Nonce", "AAECAwQFBgcICQoLDA0ODw"), Map.entry("HW-Signature", CREATE_SIGNATURE));
        assertThat(signed.key().hex()).isEqualTo("8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c");
    }

    @Test
    void theRevokeExampleSignsToKnownBytes() {
        byte[] message = RelayRequestSignature.message(Action.REVOKE, "q9Zb3yq3Lx0", 1767139260L, "EBESExQVFhcYGRobHB0eHw",
                new byte[0]);
        assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo("""
                HealthWallet relay request v1
                revoke-share
                q9Zb3yq3Lx0
                1767139260
                EBESExQVFhcYGRobHB0eHw
                47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU""");
        assertThat(signed(Action.REVOKE, "q9Zb3yq3Lx0", new byte[0], 1767139260L, "EBESExQVFhcYGRobHB0eHw").headers())
                .containsEntry("HW-Signature", REVOKE_SIGNATURE);
    }

    @Test
    void parsedHeadersVerifyOnlyForWhatWasSigned() throws Exception {
        RelayRequestSignature read = RelayRequestSignature.parse(
                headers(KEY, "1767139200", "AAECAwQFBgcICQoLDA0ODw", CREATE_SIGNATURE)::get);

        assertThat(read).isEqualTo(signed(Action.CREATE, "-", CREATE_BODY, 1767139200L, "AAECAwQFBgcICQoLDA0ODw"));
        assertThat(read.signs(Action.CREATE, "-", CREATE_BODY)).isTrue();
        byte[] otherPasscode = new String(CREATE_BODY, StandardCharsets.UTF_8).replace("2468", "2469")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(read.signs(Action.CREATE, "-", otherPasscode)).isFalse();
        assertThat(read.signs(Action.REVOKE, "-", CREATE_BODY)).isFalse();

        RelayRequestSignature revoke = RelayRequestSignature.parse(
                headers(KEY, "1767139260", "EBESExQVFhcYGRobHB0eHw", REVOKE_SIGNATURE)::get);
        assertThat(revoke.signs(Action.REVOKE, "q9Zb3yq3Lx0", new byte[0])).isTrue();
        assertThat(revoke.signs(Action.REVOKE, "q9Zb3yq3Lx1", new byte[0])).isFalse();
    }

    @Test
    void theClockSkewIsFiveMinutesEitherWay() {
        RelayRequestSignature signed = signed(Action.CREATE, "-", CREATE_BODY, 1767139200L, "AAECAwQFBgcICQoLDA0ODw");
        assertThat(signed.isWithinClockSkew(1767139200L + 300)).isTrue();
        assertThat(signed.isWithinClockSkew(1767139200L - 300)).isTrue();
        assertThat(signed.isWithinClockSkew(1767139200L + 301)).isFalse();
        assertThat(signed.isWithinClockSkew(1767139200L - 301)).isFalse();
    }

    @Test
    void missingOrMalformedHeadersAreNamed() {
        String nonce = "EBESExQVFhcYGRobHB0eHw";
        Map<Map<String, String>, String> cases = Map.of(
                headers(null, "1", nonce, REVOKE_SIGNATURE), "must be signed by the patient's key",
                headers(KEY + "A", "1", nonce, REVOKE_SIGNATURE), "HW-Key must be 32 bytes",
                headers(KEY, "1", nonce, REVOKE_SIGNATURE + "=="), "HW-Signature must be 64 bytes",
                headers(KEY, "-5", nonce, REVOKE_SIGNATURE), "HW-Time must be unix seconds",
                headers(KEY, "1234567890123", nonce, REVOKE_SIGNATURE), "HW-Time must be unix seconds",
                headers(KEY, "1", "EBESExQVFhcYGRobHB0eH", REVOKE_SIGNATURE), "HW-Nonce must be 16 bytes");
        cases.forEach((h, problem) -> assertThatThrownBy(() -> RelayRequestSignature.parse(h::get))
                .isInstanceOf(MalformedException.class).hasMessageContaining(problem));
    }

    @Test
    void aNewNonceIsSixteenRandomBytesInBase64url() throws Exception {
        SecureRandom random = new SecureRandom();
        String first = RelayRequestSignature.newNonce(random);
        assertThat(first).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(RelayRequestSignature.newNonce(random));
        assertThat(RelayRequestSignature.parse(headers(KEY, "1", first, REVOKE_SIGNATURE)::get).nonce()).isEqualTo(first);
        assertThat(List.of(Action.values())).extracting(Action::text).containsExactly("create-share", "revoke-share", "update-share");
    }
}
