package org.healthwallet.app.accesslog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;

/**
 * How many access log entries the patient has seen, kept in the vault (encrypted like every item,
 * never in a clear file). The log only grows, so "new since you last looked" is the log's length
 * minus this count.
 */
public final class LastLooked {
    /** Vault item kind; a single item with a fixed id. */
    public static final String KIND = "access-log-seen";
    private static final UUID ID = UUID.nameUUIDFromBytes("healthwallet access log seen".getBytes(StandardCharsets.UTF_8));

    private final Vault vault;

    public LastLooked(Vault vault) {
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    /** Entries seen so far (0 when the patient never opened the log). */
    public long seen() throws VaultException {
        byte[] item = vault.items(KIND).get(ID);
        // A kept item this build cannot read counts as nothing seen: the notice shows more, never less.
        return item == null || item.length != Long.BYTES ? 0 : Math.max(0, ByteBuffer.wrap(item).getLong());
    }

    /** The patient has now seen the first {@code count} entries. */
    public void saw(long count) throws VaultException {
        if (count < 0) {
            throw new IllegalArgumentException("a count of seen entries is never negative");
        }
        vault.putItem(KIND, ID, ByteBuffer.allocate(Long.BYTES).putLong(count).array());
    }

    /** How many of {@code logLength} entries are new to the patient. */
    public static long unseen(long logLength, long seen) {
        return Math.max(0, logLength - seen);
    }
}
