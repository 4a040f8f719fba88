package org.healthwallet.core.vault;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.Provenance;
import org.healthwallet.core.records.StoredRecord;

/**
 * The plaintext inside a sealed row, and the associated data that binds a box to its row.
 *
 * <p>A record's plaintext is a compact binary layout (no JSON parsing at unlock; the resource's
 * JSON is carried as an opaque string): format byte, content hash (32 bytes), resourceType, id,
 * fullUrl, json, then each provenance (source, import time, content hash). Strings are a 4-byte
 * length (-1 for null) and UTF-8.
 */
final class RowCodec {
    private static final byte RECORD_FORMAT = 1;
    private static final byte[] RECORD_AAD = ascii("HealthWallet/record/v1");
    private static final byte[] SECRET_AAD = ascii("HealthWallet/secret/v1");

    private RowCodec() {}

    static byte[] recordAad(UUID id, int version) {
        return ByteBuffer.allocate(RECORD_AAD.length + 20).put(RECORD_AAD)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).putInt(version).array();
    }

    static byte[] secretAad(UUID id, int version) {
        return ByteBuffer.allocate(SECRET_AAD.length + 20).put(SECRET_AAD)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).putInt(version).array();
    }

    static byte[] idBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    static UUID idOf(byte[] bytes) {
        if (bytes == null || bytes.length != 16) {
            throw new IllegalArgumentException("row id is not 16 bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new UUID(b.getLong(), b.getLong());
    }

    /** A record with its content hash (hex), which the vault keeps to merge duplicates. */
    record Decoded(StoredRecord record, String contentHash) {}

    static byte[] encodeRecord(StoredRecord record, String contentHash) {
        FhirResource r = record.resource();
        Writer w = new Writer(r.json().length() + 256);
        w.out.write(RECORD_FORMAT);
        w.hash(contentHash);
        w.string(r.resourceType());
        w.string(r.id());
        w.string(r.fullUrl());
        w.string(r.json());
        w.i32(record.provenance().size());
        for (Provenance p : record.provenance()) {
            w.string(p.source());
            w.i64(p.importedAt().getEpochSecond());
            w.i32(p.importedAt().getNano());
            w.hash(p.contentHash());
        }
        return w.out.toByteArray();
    }

    static Decoded decodeRecord(UUID id, int version, byte[] plain) {
        try {
            ByteBuffer b = ByteBuffer.wrap(plain);
            byte format = b.get();
            if (format != RECORD_FORMAT) {
                throw new IllegalArgumentException("unknown record format " + format);
            }
            String hash = hash(b);
            String type = string(b);
            String resourceId = string(b);
            String fullUrl = string(b);
            String json = string(b);
            int n = b.getInt();
            List<Provenance> provenance = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String source = string(b);
                Instant at = Instant.ofEpochSecond(b.getLong(), b.getInt());
                provenance.add(new Provenance(source, at, hash(b)));
            }
            return new Decoded(new StoredRecord(id, version, new FhirResource(type, resourceId, fullUrl, json), provenance), hash);
        } catch (BufferUnderflowException | NullPointerException e) {
            throw new IllegalArgumentException("record layout is damaged", e);
        }
    }

    /**
     * The profile's own secrets: identity seed, backup key, and the profile's label.
     *
     * @param summarized whether the wallet keeps a {@link RowSummary}: format byte 3, written by every
     *     build that keeps one (format 1 by those before), so that a file whose summary was removed and
     *     whose format version was set back is told apart from a file that never had one
     */
    record ProfileSecrets(byte[] identitySeed, byte[] backupKey, String label, boolean summarized) {}

    private static final byte PROFILE_SECRETS = 1;
    private static final byte PROFILE_SECRETS_SUMMARIZED = 3;

    static byte[] encodeProfileSecrets(ProfileSecrets s) {
        Writer w = new Writer(128);
        w.out.write(s.summarized() ? PROFILE_SECRETS_SUMMARIZED : PROFILE_SECRETS);
        w.out.writeBytes(s.identitySeed());
        w.out.writeBytes(s.backupKey());
        w.string(s.label());
        return w.out.toByteArray();
    }

    /** The secrets, or null when this secret row is of another kind. */
    static ProfileSecrets decodeProfileSecrets(byte[] plain) {
        try {
            ByteBuffer b = ByteBuffer.wrap(plain);
            byte format = b.get();
            if (format != PROFILE_SECRETS && format != PROFILE_SECRETS_SUMMARIZED) {
                return null;
            }
            byte[] seed = new byte[32];
            byte[] backup = new byte[32];
            b.get(seed).get(backup);
            return new ProfileSecrets(seed, backup, string(b), format == PROFILE_SECRETS_SUMMARIZED);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("secret layout is damaged", e);
        }
    }

    /**
     * A small item another feature keeps in the vault (a share's key and link), as a secret row of
     * its own kind: format byte 2, the kind, then the item's bytes. Its kind is inside the box.
     */
    record Item(String kind, byte[] content) {}

    private static final byte ITEM = 2;

    static byte[] encodeItem(String kind, byte[] content) {
        Writer w = new Writer(content.length + kind.length() + 16);
        w.out.write(ITEM);
        w.string(kind);
        w.i32(content.length);
        w.out.writeBytes(content);
        return w.out.toByteArray();
    }

    /** The item, or null when this secret row is of another kind (the profile's own secrets). */
    static Item decodeItem(byte[] plain) {
        try {
            ByteBuffer b = ByteBuffer.wrap(plain);
            if (b.get() != ITEM) {
                return null;
            }
            String kind = string(b);
            int length = b.getInt();
            if (kind == null || length < 0 || length != b.remaining()) {
                throw new IllegalArgumentException("item layout is damaged");
            }
            byte[] content = new byte[length];
            b.get(content);
            return new Item(kind, content);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("item layout is damaged", e);
        }
    }

    private static String string(ByteBuffer b) {
        int length = b.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > b.remaining()) {
            throw new IllegalArgumentException("string length out of range");
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }

    private static String hash(ByteBuffer b) {
        byte[] raw = new byte[32];
        b.get(raw);
        return HexFormat.of().formatHex(raw);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Big-endian writer over a growing array. */
    static final class Writer {
        final ByteArrayOutputStream out;

        Writer(int size) { out = new ByteArrayOutputStream(size); }

        void i32(int v) {
            out.write(v >>> 24); out.write(v >>> 16); out.write(v >>> 8); out.write(v);
        }

        void i64(long v) {
            i32((int) (v >>> 32));
            i32((int) v);
        }

        void string(String s) {
            if (s == null) {
                i32(-1);
                return;
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            i32(bytes.length);
            out.writeBytes(bytes);
        }

        void hash(String hex) {
            byte[] raw = HexFormat.of().parseHex(hex);
            if (raw.length != 32) {
                throw new IllegalArgumentException("content hash is not SHA-256");
            }
            out.writeBytes(raw);
        }
    }
}
