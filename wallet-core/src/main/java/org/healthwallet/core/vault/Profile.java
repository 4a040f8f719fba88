package org.healthwallet.core.vault;

import java.util.Objects;

/**
 * One wallet in the data folder: the patient's own, or a dependent's that a caregiver holds.
 *
 * @param id opaque file-name stem (random), never the person's name
 * @param owner true for the patient's own profile, false for a dependent's
 * @param label the person's label when it is known: as given to {@link Profiles#create}; {@code null}
 *              when listed from disk, because labels identify people and are kept only inside the
 *              (encrypted) vault: read them with {@link Vault#label()} after unlock
 */
public record Profile(String id, boolean owner, String label) {
    public Profile {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("profile id is 16 hex digits");
        }
    }
}
