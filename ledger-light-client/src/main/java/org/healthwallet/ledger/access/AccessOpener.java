package org.healthwallet.ledger.access;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.SealedDetails;

/**
 * The patient's side of sealed access details, for one sync: opens each entry's box with the
 * patient's seal key, doing the X25519 once per distinct {@code enc} (a relay's context covers up to
 * a thousand entries). Refuses a counter seen twice under one {@code enc}: an honest relay never
 * reuses one, and reuse would mean one nonce for two boxes under one key. Not for several threads.
 */
public final class AccessOpener {
    private final HPKE hpke = DetailsCipher.hpke();
    private final DetailsCipher cipher = new DetailsCipher();
    private final AsymmetricCipherKeyPair seal;
    private final String chainId;
    private final Map<ByteBuffer, SecretKeySpec> contexts = new HashMap<>();
    private final Set<Used> used = new HashSet<>();

    private record Used(ByteBuffer enc, long counter) {
    }

    /** The details could not be opened; {@link #getMessage()} says why, for the patient. */
    public static final class Unopenable extends Exception {
        private static final long serialVersionUID = 1L;

        Unopenable(String message) {
            super(message);
        }
    }

    /**
     * @param seal    the patient's seal key pair (X25519)
     * @param chainId the chain the entries come from (part of each box's binding)
     */
    public AccessOpener(AsymmetricCipherKeyPair seal, String chainId) {
        this.seal = Objects.requireNonNull(seal, "seal");
        this.chainId = Objects.requireNonNull(chainId, "chainId");
    }

    /** The details of {@code entry}, read from the ledger of this opener's chain. */
    public AccessDetails open(AccessEntry entry) throws Unopenable {
        return open(DetailsBinding.of(chainId, entry), entry.sealed());
    }

    public AccessDetails open(DetailsBinding binding, SealedDetails sealed) throws Unopenable {
        if (!binding.chainId().equals(chainId)) {
            throw new Unopenable("the details are bound to chain \"" + binding.chainId() + "\", not \"" + chainId + "\"");
        }
        ByteBuffer enc = ByteBuffer.wrap(sealed.enc());
        if (!used.add(new Used(enc, sealed.counter()))) {
            throw new Unopenable("the relay used counter " + sealed.counter() + " twice in one sealing context,"
                    + " which an honest relay never does");
        }
        SecretKeySpec key = contexts.get(enc);
        if (key == null) {
            try {
                key = DetailsCipher.contextKey(hpke.setupBaseR(sealed.enc(), seal, DetailsCipher.INFO));
            } catch (RuntimeException e) {
                throw new Unopenable("the sealing key in the entry is not a usable X25519 key");
            }
            contexts.put(enc, key);
        }
        Optional<byte[]> plain = cipher.decrypt(key, sealed.counter(),
                binding.associatedData(), sealed.ciphertext());
        if (plain.isEmpty()) {
            throw new Unopenable("the details were sealed to another key, or belong to another entry, or were altered");
        }
        try {
            return AccessDetails.decode(plain.get());
        } catch (DecodeException e) {
            throw new Unopenable("the opened details cannot be read (" + e.getMessage() + ")");
        }
    }
}
