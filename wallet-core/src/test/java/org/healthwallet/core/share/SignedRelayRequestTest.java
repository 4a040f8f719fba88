package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.healthwallet.core.crypto.IdentityKey;
import org.healthwallet.core.share.ShareLink.Flag;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;
import org.junit.jupiter.api.Test;

/** The worked example in docs/relay-api.md, byte for byte, so the relay can be written against it. */
class SignedRelayRequestTest {
    static final String EXAMPLE_JWE = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
    static final String EXAMPLE_BODY = "{\"v\":1,\"files\":[{\"contentType\":\"application/fhir+json\",\"jwe\":\"" + EXAMPLE_JWE
            + "\"}],\"expiresAt\":1767225600,\"flags\":\"P\",\"passcode\":\"2468\"}";

    private static PatientSigner seed01() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 1);
        IdentityKey key = new IdentityKey(seed);
        return new PatientSigner() {
            @Override public byte[] publicKey() { return key.publicKey(); }
            @Override public byte[] sign(byte[] message) { return key.sign(message); }
        };
    }

    @Test
    void theCreateExampleIsWhatTheWalletSends() {
        ShareRequest request = new ShareRequest(List.of(new EncryptedFile("application/fhir+json", EXAMPLE_JWE)),
                Instant.ofEpochSecond(1767225600), EnumSet.of(Flag.P), Optional.of("2468"));
        assertThat(new String(request.toJson(), StandardCharsets.UTF_8)).isEqualTo(EXAMPLE_BODY);

        SignedRelayRequest signed = SignedRelayRequest.sign(Action.CREATE, "-", request.toJson(), seed01(),
                1767139200L, "AAECAwQFBgcICQoLDA0ODw");

        assertThat(signed.publicKeyBase64Url()).isEqualTo("iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w");
        assertThat(HexFormat.of().formatHex(signed.publicKey()))
                .isEqualTo("8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c");
        assertThat(new String(signed.message(), StandardCharsets.UTF_8)).isEqualTo("""
                HealthWallet relay request v1
                create-share
                -
                1767139200
                AAECAwQFBgcICQoLDA0ODw
                9uLlQb7wdjrJHl4RVA5f6xoOsClUYhkc-NnPioaMwNE""");
        assertThat(signed.signatureBase64Url())
                .isEqualTo("Ovzvzk97-01SFRiucCH-28yunLXnkENYhFNBQ8OX_dGaTeX6UZsatZ600IbZwN8gHnf6jSYEsLAW9kS3mQxSDQ");
        assertThat(signed.verifies()).isTrue();
    }

    @Test
    void theRevokeExampleIsWhatTheWalletSends() {
        SignedRelayRequest signed = SignedRelayRequest.sign(Action.REVOKE, "q9Zb3yq3Lx0", new byte[0], seed01(),
                1767139260L, "EBESExQVFhcYGRobHB0eHw");
        assertThat(new String(signed.message(), StandardCharsets.UTF_8)).isEqualTo("""
                HealthWallet relay request v1
                revoke-share
                q9Zb3yq3Lx0
                1767139260
                EBESExQVFhcYGRobHB0eHw
                47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU""");
        assertThat(signed.signatureBase64Url())
                .isEqualTo("1GQbtR9W9cSmiy-G0Te71aP9q4QYuxfVNwG155ePNlQ2sIPvT2q_S5rSyRyH8zJXwDPpAUI8dKtMb9NV4P7fDQ");
    }

    @Test
    void anyChangeToWhatWasSignedBreaksTheSignature() {
        SignedRelayRequest signed = SignedRelayRequest.create(EXAMPLE_BODY.getBytes(StandardCharsets.UTF_8), seed01(),
                Instant.ofEpochSecond(1767139200), new SecureRandom());
        byte[] body = signed.body();
        body[body.length - 3] = '9';   // another passcode
        assertThat(new SignedRelayRequest(signed.action(), signed.shareId(), body, signed.publicKey(), signed.time(),
                signed.nonce(), signed.signature()).verifies()).isFalse();
        assertThat(new SignedRelayRequest(signed.action(), signed.shareId(), signed.body(), signed.publicKey(), signed.time() + 1,
                signed.nonce(), signed.signature()).verifies()).isFalse();
        assertThat(new SignedRelayRequest(Action.REVOKE, signed.shareId(), signed.body(), signed.publicKey(),
                signed.time(), signed.nonce(), signed.signature()).verifies()).isFalse();
        assertThat(signed.toString()).doesNotContain("2468");
    }
}
