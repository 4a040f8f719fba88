package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.healthwallet.ledger.relay.RelayRequestSignature;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;
import org.junit.jupiter.api.Test;

/** The relay checks signed requests exactly as wallet-core/docs/relay-api.md's worked example shows them. */
class SignedRequestTest {
    static final String KEY = "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w";
    static final String CREATE_BODY = "{\"v\":1,\"files\":[{\"contentType\":\"application/fhir+json\",\"jwe\":"
            + "\"eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA\"}],"
            + "\"expiresAt\":1767225600,\"flags\":\"P\",\"passcode\":\"2468\"}";

    static SignedRequest.Headers headers(String key, String time, String nonce, String signature) {
        Map<String, String> map = new java.util.HashMap<>();
        if (key != null) map.put("HW-Key", key);
        if (time != null) map.put("HW-Time", time);
        if (nonce != null) map.put("HW-Nonce", nonce);
        if (signature != null) map.put("HW-Signature", signature);
        return map::get;
    }

    @Test
    void theDocumentsCreateExampleVerifiesAndAChangedBodyDoesNot() throws Exception {
        RelayRequestSignature signed = SignedRequest.from(headers(KEY, "1767139200", "AAECAwQFBgcICQoLDA0ODw",
                "Ovzvzk97-01SFRiucCH-28yunLXnkENYhFNBQ8OX_dGaTeX6UZsatZ600IbZwN8gHnf6jSYEsLAW9kS3mQxSDQ"));
        byte[] body = CREATE_BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(signed.key().hex()).startsWith("8a88e3dd").endsWith("b40f6f5c");
        assertThat(signed.signs(Action.CREATE, "-", body)).isTrue();
        assertThat(signed.signs(Action.CREATE, "-", CREATE_BODY.replace("2468", "2469").getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(signed.signs(Action.REVOKE, "-", body)).isFalse();
        assertThat(ShareUpload.parse(body).passcode()).contains("2468");
    }

    @Test
    void theDocumentsRevokeExampleVerifiesOnlyForItsShare() throws Exception {
        RelayRequestSignature signed = SignedRequest.from(headers(KEY, "1767139260", "EBESExQVFhcYGRobHB0eHw",
                "1GQbtR9W9cSmiy-G0Te71aP9q4QYuxfVNwG155ePNlQ2sIPvT2q_S5rSyRyH8zJXwDPpAUI8dKtMb9NV4P7fDQ"));
        assertThat(signed.signs(Action.REVOKE, "q9Zb3yq3Lx0", new byte[0])).isTrue();
        assertThat(signed.signs(Action.REVOKE, "q9Zb3yq3Lx1", new byte[0])).isFalse();
    }

    @Test
    void missingOrMalformedHeadersAreRefusedWith401() {
        String sig = "1GQbtR9W9cSmiy-G0Te71aP9q4QYuxfVNwG155ePNlQ2sIPvT2q_S5rSyRyH8zJXwDPpAUI8dKtMb9NV4P7fDQ";
        for (SignedRequest.Headers h : java.util.List.of(
                headers(null, "1", "EBESExQVFhcYGRobHB0eHw", sig),
                headers(KEY + "A", "1", "EBESExQVFhcYGRobHB0eHw", sig),
                headers(KEY, "-5", "EBESExQVFhcYGRobHB0eHw", sig),
                headers(KEY, "1", "EBESExQVFhcYGRobHB0eH", sig),
                headers(KEY, "1", "EBESExQVFhcYGRobHB0eHw", sig + "=="))) {
            assertThatThrownBy(() -> SignedRequest.from(h)).isInstanceOfSatisfying(BadRequestException.class,
                    e -> assertThat(e.status()).isEqualTo(401));
        }
    }
}
