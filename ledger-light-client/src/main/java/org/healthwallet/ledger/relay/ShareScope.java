package org.healthwallet.ledger.relay;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.healthwallet.ledger.tx.Digest;

/**
 * What a share's grant commits to (its {@code scope}, wallet-core/docs/relay-api.md), computed the
 * same way by the wallet that issues the grant and the relay that checks it before serving:
 * <ul>
 *   <li>a share of fixed files: {@code SHA-256("HealthWallet share scope v1" || SHA-256(jwe_1) || …)},
 *       so the relay serves exactly the files the patient shared;</li>
 *   <li>a long-term share (flag L, content that changes while the link lives, e.g. a caregiver's
 *       copy): {@code SHA-256("HealthWallet long-term share v1" || UTF-8 relay share id)}, so the
 *       owner may replace the files without a new grant, and every access still names the files
 *       served.</li>
 * </ul>
 * The ledger sees only the digest, never the files or the relay's id.
 */
public final class ShareScope {
    private static final byte[] FILES_DOMAIN = "HealthWallet share scope v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LONG_TERM_DOMAIN = "HealthWallet long-term share v1".getBytes(StandardCharsets.US_ASCII);

    private ShareScope() {
    }

    /** The scope of a share of these files, given the SHA-256 of each compact JWE's ASCII bytes, in order. */
    public static Digest ofFiles(List<Digest> fileDigests) {
        byte[][] parts = new byte[fileDigests.size() + 1][];
        parts[0] = FILES_DOMAIN;
        for (int i = 0; i < fileDigests.size(); i++) {
            parts[i + 1] = fileDigests.get(i).bytes();
        }
        return Digest.sha256(parts);
    }

    /** The scope of a long-term (flag L) share with this relay share id. */
    public static Digest longTerm(String relayShareId) {
        return Digest.sha256(LONG_TERM_DOMAIN, relayShareId.getBytes(StandardCharsets.UTF_8));
    }
}
