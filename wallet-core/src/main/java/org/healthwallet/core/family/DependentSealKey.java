package org.healthwallet.core.family;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.tx.X25519PublicKey;

/**
 * An adult dependent's seal key, kept in the caregiver's copy of their wallet (an encrypted item,
 * from the invitation): the shares the caregiver makes for the adult name it, so the relay seals
 * who opened them to the adult, whose own wallet reads them. The copy's own key is not the adult's.
 */
public final class DependentSealKey {
    static final String KIND = "dependent-seal-key";
    private static final UUID ID = UUID.nameUUIDFromBytes("healthwallet dependent seal key".getBytes(StandardCharsets.UTF_8));

    private DependentSealKey() {
    }

    static void keep(Vault copy, X25519PublicKey key) throws VaultException {
        copy.putItem(KIND, ID, key.bytes());
    }

    /** The adult's seal key kept in {@code copy}; empty for a copy accepted from an invitation without one. */
    public static Optional<X25519PublicKey> of(Vault copy) throws VaultException {
        byte[] bytes = copy.items(KIND).get(ID);
        return bytes == null || bytes.length != X25519PublicKey.LENGTH ? Optional.empty() : Optional.of(new X25519PublicKey(bytes));
    }
}
