package org.healthwallet.ledger.cometbft;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A validator's Ed25519 signing key, for the dev network and for tests that build chains. It signs
 * precommits over CometBFT's canonical vote sign bytes, so real CometBFT clients accept them.
 */
public final class ValidatorKey {
    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKey publicKey;

    private ValidatorKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = Ed25519PublicKey.of(privateKey.generatePublicKey());
    }

    public static ValidatorKey generate(SecureRandom random) {
        return new ValidatorKey(new Ed25519PrivateKeyParameters(random));
    }

    /** The key whose 32-byte RFC 8032 seed is {@code seed} (CometBFT keeps seed||public key). */
    public static ValidatorKey fromSeed(Bytes seed) {
        if (seed.length() != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, this one has " + seed.length());
        }
        return new ValidatorKey(new Ed25519PrivateKeyParameters(seed.raw(), 0));
    }

    /** The 32-byte seed, for storing the key (keep it secret). */
    public Bytes seed() {
        return Bytes.wrap(privateKey.getEncoded());
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    public Bytes address() {
        return publicKey.address();
    }

    public Validator validator(long votingPower) {
        return new Validator(publicKey, votingPower, 0);
    }

    /** The Ed25519 signature of {@code message} (64 bytes). */
    public Bytes sign(byte[] message) {
        byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_SIZE];
        privateKey.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        return Bytes.wrap(signature);
    }

    /** A precommit for {@code blockId}, as it appears in the block's commit. */
    public CommitSig signPrecommit(String chainId, long height, int round, BlockId blockId, Instant time) {
        Objects.requireNonNull(blockId, "blockId");
        byte[] signBytes = CanonicalEncoding.voteSignBytes(chainId, height, round, blockId, time);
        return CommitSig.forBlock(address(), time, sign(signBytes));
    }

    /** A precommit for nil (the validator saw no acceptable block in this round). */
    public CommitSig signNilPrecommit(String chainId, long height, int round, Instant time) {
        byte[] signBytes = CanonicalEncoding.voteSignBytes(chainId, height, round, BlockId.EMPTY, time);
        return CommitSig.forNil(address(), time, sign(signBytes));
    }

    @Override
    public String toString() {
        return "ValidatorKey[" + address() + "]";
    }
}
