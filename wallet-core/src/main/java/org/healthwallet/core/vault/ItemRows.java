package org.healthwallet.core.vault;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import org.healthwallet.core.crypto.AesGcmKey;

/**
 * Small items other features keep in the vault (a share's key and link), stored as rows of the
 * {@code secret} table: an AES-256-GCM box under the master key whose associated data is the row's
 * id and version ({@link RowCodec#secretAad}), with the item's kind inside the box, so the file shows
 * only that some secret rows exist. Older versions of HealthWallet skip rows of this format at unlock.
 */
final class ItemRows {
    private ItemRows() {}

    static Map<UUID, byte[]> list(VaultFile db, AesGcmKey key, String kind) throws VaultException {
        Objects.requireNonNull(kind, "kind");
        Map<UUID, byte[]> found = new LinkedHashMap<>();
        for (VaultFile.Row row : db.secrets()) {
            RowCodec.Item item = open(key, row);
            if (item != null && item.kind().equals(kind)) {
                found.put(RowCodec.idOf(row.id()), item.content());
            }
        }
        return found;
    }

    /**
     * Keeps each item (inserts it, or replaces the item of the same kind under its id; an id held by
     * anything else is refused) through {@code rows}, inside the caller's ONE transaction: every
     * item is kept, or (on any refusal or failure) none. One commit, so one sync to disk, however
     * many items.
     */
    static void putAll(RowWriter rows, AesGcmKey key, String kind, Map<UUID, byte[]> items) throws VaultException, SQLException {
        for (Map.Entry<UUID, byte[]> item : items.entrySet()) {
            putOne(rows, key, kind, item.getKey(), item.getValue());
        }
    }

    /** Checks the arguments of a put before any transaction begins. */
    static void checkPut(String kind, Map<UUID, byte[]> items) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(items, "items");
        items.forEach((id, content) -> {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(content, "content");
        });
    }

    private static void putOne(RowWriter rows, AesGcmKey key, String kind, UUID id, byte[] content)
            throws VaultException, SQLException {
        String group = RowSummary.items(kind);
        byte[] plain = RowCodec.encodeItem(kind, content);
        try {
            VaultFile.Row existing = rows.secret(id);
            if (existing == null) {
                rows.insertSecret(group, id, 1, key.seal(plain, RowCodec.secretAad(id, 1)));
                return;
            }
            RowCodec.Item held = open(key, existing);
            if (held == null || !held.kind().equals(kind)) {
                throw new IllegalArgumentException("id " + id + " is in use by another kind of row");
            }
            int next = existing.version() + 1;
            if (!rows.updateSecret(group, existing, next, key.seal(plain, RowCodec.secretAad(id, next)))) {
                throw new VaultCorruptedException("This wallet file changed underneath HealthWallet; nothing was saved.");
            }
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Deletes the item of this kind under {@code id} through {@code rows}; false when there is none. */
    static boolean remove(RowWriter rows, AesGcmKey key, String kind, UUID id) throws VaultException, SQLException {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        VaultFile.Row existing = rows.secret(id);
        if (existing == null) {
            return false;
        }
        RowCodec.Item held = open(key, existing);
        if (held == null || !held.kind().equals(kind)) {
            return false;
        }
        return rows.deleteSecret(RowSummary.items(kind), existing);
    }

    /** The row's item, or null when the row is the profile's own secrets. */
    private static RowCodec.Item open(AesGcmKey key, VaultFile.Row row) throws VaultException {
        byte[] plain = null;
        try {
            UUID id = RowCodec.idOf(row.id());
            plain = key.open(row.sealed(), RowCodec.secretAad(id, row.version()));
            return RowCodec.decodeItem(plain);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new VaultCorruptedException("This wallet file was altered outside HealthWallet: a stored item"
                    + " failed its integrity check. Nothing was changed; restore the wallet from a backup.");
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }
}
