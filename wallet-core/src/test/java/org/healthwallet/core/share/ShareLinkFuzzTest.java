package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Any text pasted or scanned as a link: {@link ShareLink#parse} returns a link or throws
 * {@link MalformedLinkException} with a message, nothing else; and a link it accepts reads back
 * unchanged from its own {@code shlink:/} form and viewer URL. Seeds: links the project's writer made.
 */
class ShareLinkFuzzTest {
    private static final URI RELAY = URI.create("https://relay.example.org/");

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] input) throws MalformedLinkException {
        ShareLink link;
        try {
            link = ShareLink.parse(new String(input, StandardCharsets.UTF_8));
        } catch (MalformedLinkException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(ShareLink.parse(link.toShlinkUri())).isEqualTo(link);
        assertThat(ShareLink.parse(link.toViewerUrl(RELAY))).isEqualTo(link);
        assertThat(link.toString()).doesNotContain(link.key().toBase64Url());
    }
}
