package org.healthwallet.ledger.tx;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Domain separation for everything the ledger asks a key to sign. A message is
 * {@code SHA-256(tag || u8 len(chainId) || chainId || body)}: the tag keeps a signature for one
 * purpose from being reused for another, the chain id keeps it from replaying on another chain.
 */
public enum SigningDomain {
    /** A transaction envelope (everything before the signature). */
    TRANSACTION("healthwallet/tx/v1"),
    /** A consortium operator admitting a relay. */
    RELAY_ADMISSION("healthwallet/relay-admission/v1"),
    /** A dependent's new key accepting a hand-over. */
    HAND_OVER_ACCEPTANCE("healthwallet/hand-over/v1");

    /** CometBFT's limit on chain id length. */
    public static final int MAX_CHAIN_ID_BYTES = 50;

    private final byte[] tag;

    SigningDomain(String tag) {
        this.tag = tag.getBytes(StandardCharsets.US_ASCII);
    }

    public String tag() {
        return new String(tag, StandardCharsets.US_ASCII);
    }

    /** The 32 bytes an Ed25519 key signs for {@code body} on chain {@code chainId}. */
    public byte[] hash(String chainId, byte[] body) {
        byte[] chain = chainIdBytes(chainId);
        MessageDigest sha = Digest.newSha256();
        sha.update(tag);
        sha.update((byte) chain.length);
        sha.update(chain);
        sha.update(body);
        return sha.digest();
    }

    static byte[] chainIdBytes(String chainId) {
        byte[] chain = chainId.getBytes(StandardCharsets.UTF_8);
        if (chain.length == 0 || chain.length > MAX_CHAIN_ID_BYTES) {
            throw new IllegalArgumentException("a chain id is 1 to " + MAX_CHAIN_ID_BYTES + " bytes");
        }
        return chain;
    }
}
