package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Any text pasted or scanned as a link: {@link ShareLink#parse} returns a link or throws
 * {@link MalformedLinkException} with a message, nothing else; and a link it accepts reads back
 * unchanged from its own {@code shlink:/} form and viewer URL. Byte 0 even: the rest is the text;
 * odd: the rest is the payload JSON. Seeds: links the project's writer made.
 */
class ShareLinkFuzzTest {
    private static final URI RELAY = URI.create("https://relay.example.org/");

    @DictionaryEntries({"\"url\":", "\"key\":", "\"exp\":", "\"flag\":", "\"label\":", "\"v\":", "1e99999999", "1e-99999999",
            "https://", "http://127.0.0.1", "#shlink:/"})
    @FuzzTest(maxDuration = "5s")
    void parse(byte[] input) throws MalformedLinkException {
        if (input.length == 0) {
            return;
        }
        // Byte 0 odd: the rest is the payload JSON, so the fuzzer mutates JSON rather than its base64.
        String text = (input[0] & 1) == 0 ? new String(input, 1, input.length - 1, StandardCharsets.UTF_8)
                : ShareLink.SCHEME_PREFIX + Base64Url.encode(Arrays.copyOfRange(input, 1, input.length));
        ShareLink link;
        try {
            link = ShareLink.parse(text);
        } catch (MalformedLinkException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(ShareLink.parse(link.toShlinkUri())).isEqualTo(link);
        assertThat(ShareLink.parse(link.toViewerUrl(RELAY))).isEqualTo(link);
        assertThat(link.toString()).doesNotContain(link.key().toBase64Url());
    }
}
