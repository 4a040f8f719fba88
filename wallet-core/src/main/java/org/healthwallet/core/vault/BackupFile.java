package org.healthwallet.core.vault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import javax.crypto.AEADBadTagException;
import org.healthwallet.core.crypto.AesGcmKey;

/**
 * A backup: the profile's label and every record, deflated and sealed as one AES-256-GCM box
 * under the backup key. The backup key grows from the recovery phrase, so the phrase alone opens
 * a backup, and the passphrase plays no part. Layout: {@code "HWBACKUP"}, format (2 bytes), box.
 * The plaintext never touches the disk: it is built, compressed and sealed in memory.
 */
final class BackupFile {
    private static final byte[] MAGIC = "HWBACKUP".getBytes(StandardCharsets.US_ASCII);
    private static final short FORMAT = 1;
    private static final int HEADER = MAGIC.length + 2;
    /** Refuses to inflate past this, so a crafted file cannot exhaust memory. */
    private static final long MAX_PLAINTEXT = 2L * 1024 * 1024 * 1024 - 64;

    /** One record row as carried in a backup: its id, version and record plaintext ({@link RowCodec}). */
    record Entry(UUID id, int version, byte[] plaintext) {}

    /** What a backup holds. */
    record Contents(String label, List<Entry> entries) {}

    private BackupFile() {}

    static void write(Path out, Contents contents, byte[] backupKey, SecureRandom random) throws VaultException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
            RowCodec.Writer w = new RowCodec.Writer(1024);
            w.string(contents.label());
            w.i32(contents.entries().size());
            z.write(w.out.toByteArray());
            for (Entry e : contents.entries()) {
                RowCodec.Writer head = new RowCodec.Writer(32);
                head.out.writeBytes(RowCodec.idBytes(e.id()));
                head.i32(e.version());
                head.i32(e.plaintext().length);
                z.write(head.out.toByteArray());
                z.write(e.plaintext());
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory compression failed", e);
        }
        byte[] header = header();
        byte[] box;
        byte[] plain = deflated.toByteArray();
        try (AesGcmKey key = new AesGcmKey(backupKey, random)) {
            box = key.seal(plain, header);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        writeAtomically(out, header, box);
    }

    static Contents read(Path in, byte[] backupKey, SecureRandom random) throws VaultException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new VaultException("There is no backup file at " + in + ".");
        } catch (IOException e) {
            throw new VaultException("The backup file " + in + " cannot be read: " + e.getMessage(), e);
        }
        int magic = Math.min(bytes.length, MAGIC.length);
        if (bytes.length == 0 || !Arrays.equals(bytes, 0, magic, MAGIC, 0, magic)) {
            throw new NotAVaultException("This file is not a HealthWallet backup.");
        }
        if (bytes.length < HEADER + AesGcmKey.NONCE_BYTES + AesGcmKey.TAG_BYTES) {
            throw new VaultCorruptedException("This backup file is incomplete: it was cut short.");
        }
        short format = ByteBuffer.wrap(bytes, MAGIC.length, 2).getShort();
        if (format != FORMAT) {
            throw new VaultTooNewException(format, FORMAT);
        }
        byte[] plain;
        try (AesGcmKey key = new AesGcmKey(backupKey, random)) {
            plain = key.open(Arrays.copyOfRange(bytes, HEADER, bytes.length), header());
        } catch (AEADBadTagException e) {
            throw new InvalidRecoveryPhraseException("This recovery phrase does not open this backup file"
                    + " (or the file was altered or cut short).");
        }
        try {
            return parse(inflate(plain));
        } catch (IllegalArgumentException | BufferUnderflowException | DataFormatException e) {
            throw new VaultCorruptedException("This backup file is damaged and cannot be restored.", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static Contents parse(byte[] plain) {
        ByteBuffer b = ByteBuffer.wrap(plain);
        String label = readString(b);
        int count = b.getInt();
        if (count < 0) {
            throw new IllegalArgumentException("negative record count");
        }
        List<Entry> entries = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            byte[] id = new byte[16];
            b.get(id);
            int version = b.getInt();
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new IllegalArgumentException("entry length out of range");
            }
            byte[] record = new byte[length];
            b.get(record);
            entries.add(new Entry(RowCodec.idOf(id), version, record));
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes");
        }
        return new Contents(label, entries);
    }

    private static String readString(ByteBuffer b) {
        int length = b.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > b.remaining()) {
            throw new IllegalArgumentException("string length out of range");
        }
        byte[] bytes = new byte[length];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] inflate(byte[] deflated) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 4);
            byte[] chunk = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("backup ends early");
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_PLAINTEXT) {
                    throw new DataFormatException("backup too large");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static byte[] header() {
        return ByteBuffer.allocate(HEADER).put(MAGIC).putShort(FORMAT).array();
    }

    /** Writes to a temporary file beside the target, forces it to disk, then moves it into place. */
    private static void writeAtomically(Path out, byte[] header, byte[] box) throws VaultException {
        Path target = out.toAbsolutePath();
        Path temp = null;
        try {
            PrivateFiles.createFolder(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".healthwallet-backup", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream stream = java.nio.channels.Channels.newOutputStream(channel)) {
                stream.write(header);
                stream.write(box);
                stream.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new VaultException("The backup could not be written to " + out + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Only ciphertext was in it.
                }
            }
        }
    }
}
