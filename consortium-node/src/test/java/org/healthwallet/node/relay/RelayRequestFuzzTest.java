package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.healthwallet.ledger.relay.RelayRequestSignature;

/**
 * Anything a client sends the relay: a share upload body ({@link ShareUpload#parse}), a manifest
 * request body ({@link ManifestService#parse}), a direct file's query ({@link ManifestService#recipientOf})
 * and the signature headers ({@link SignedRequest#from}, the input read as {@code Name: value}
 * lines). Each returns a value or throws {@link BadRequestException} with a 4xx status and a
 * sentence, nothing else; signature headers it accepts read back unchanged from
 * {@link RelayRequestSignature#headers()}. Seeds: requests as the wallet writes them (docs/fuzzing.md).
 */
class RelayRequestFuzzTest {

    @DictionaryEntries({"\"v\":", "\"files\":", "\"jwe\":", "\"expiresAt\":", "\"passcode\":", "\"recipient\":",
            "\"embeddedLengthMax\":", "1e99999999", "9223372036854775808", "HW-Signature: "})
    @FuzzTest(maxDuration = "5s")
    void parse(byte[] input) throws BadRequestException {
        String text = new String(input, StandardCharsets.UTF_8);
        refusedClearly(() -> ShareUpload.parse(input));
        refusedClearly(() -> ManifestService.parse(input));
        refusedClearly(() -> ManifestService.recipientOf(text));
        Map<String, String> headers = new HashMap<>();
        for (String line : text.split("\n", 16)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        RelayRequestSignature signature;
        try {
            signature = SignedRequest.from(headers::get);
        } catch (BadRequestException e) {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(SignedRequest.from(signature.headers()::get)).isEqualTo(signature);
    }

    private interface Parse {
        Object run() throws BadRequestException;
    }

    private static void refusedClearly(Parse parse) {
        try {
            assertThat(parse.run()).isNotNull();
        } catch (BadRequestException e) {
            assertThat(e.status()).isBetween(400, 499);
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
