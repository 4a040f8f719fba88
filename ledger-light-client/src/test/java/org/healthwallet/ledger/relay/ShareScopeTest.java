package org.healthwallet.ledger.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.healthwallet.ledger.tx.Digest;
import org.junit.jupiter.api.Test;

class ShareScopeTest {
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aFilesScopeIsTheDomainAndEachFilesDigestInOrder() {
        Digest a = Digest.sha256(ascii("jwe-a"));
        Digest b = Digest.sha256(ascii("jwe-b"));
        assertThat(ShareScope.ofFiles(List.of(a, b)))
                .isEqualTo(Digest.sha256(ascii("HealthWallet share scope v1"), a.bytes(), b.bytes()))
                .isNotEqualTo(ShareScope.ofFiles(List.of(b, a)));
    }

    @Test
    void aLongTermScopeNamesTheRelayShareIdNotItsFiles() {
        String id = "q1w2e3r4t5y6u7i8o9p0aa";
        assertThat(ShareScope.longTerm(id))
                .isEqualTo(Digest.sha256(ascii("HealthWallet long-term share v1"), id.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(ShareScope.longTerm(id + "b"))
                .isNotEqualTo(ShareScope.ofFiles(List.of(Digest.sha256(ascii(id)))));
        // Pinned so that wallet and relay builds of other versions agree (docs/relay-api.md, "Long-term shares").
        assertThat(ShareScope.longTerm("abc").hex()).isEqualTo("fc425a856567262e8d508ca5c94a5fdd2d34a1147ccffe071fb70a6962a1bed4");
    }
}
