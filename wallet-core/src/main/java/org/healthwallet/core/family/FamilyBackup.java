package org.healthwallet.core.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.healthwallet.core.crypto.SealKey;
import org.healthwallet.core.vault.CreatedVault;
import org.healthwallet.core.vault.InvalidRecoveryPhraseException;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Profile;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.RecoveryPhrase;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultCorruptedException;
import org.healthwallet.core.vault.VaultException;

/**
 * A caregiver's backup: their own backup file, each child's (sealed under the child's own backup
 * key, which the child's recovery phrase opens) and the dependents' entries, sealed (HPKE) to the
 * caregiver's own seal key, which grows from the caregiver's identity and so from their recovery
 * phrase. The caregiver's phrase alone therefore restores the whole family. An adult's copy is not
 * carried: it is fetched again through its link at the first refresh after a restore.
 * {@code HWFAMILY} || format (u16) || owner backup || sealed entries || children's backups, each
 * length-prefixed (u32). A plain backup file (no dependents) is restored as before.
 */
public final class FamilyBackup {
    private static final byte[] MAGIC = "HWFAMILY".getBytes(StandardCharsets.US_ASCII);
    private static final short FORMAT = 1;
    private static final byte[] INFO = "HealthWallet family backup v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_PART = Integer.MAX_VALUE - 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FamilyBackup() {}

    /** Writes the backup of {@code owner} and the dependents {@code family} holds, atomically. */
    public static void write(Path out, Vault owner, Family family) throws VaultException {
        List<Dependent> dependents = family.dependents();
        Path dir = out.toAbsolutePath().getParent();
        ArrayNode entries = JSON.createArrayNode();
        List<byte[]> children = new ArrayList<>();
        try {
            byte[] ownBackup = backupBytes(owner, dir);
            for (Dependent d : dependents) {
                ObjectNode entry = entries.addObject();
                entry.put("id", d.id().toString());
                entry.put("item", Base64.getEncoder().encodeToString(d.encode()));
                if (d.kind() == Dependent.Kind.CHILD) {
                    try (Vault child = family.open(d)) {
                        children.add(backupBytes(child, dir));
                    }
                    entry.put("backup", children.size() - 1);
                }
            }
            byte[] manifest = JSON.writeValueAsBytes(entries);
            byte[] sealed;
            try (SealKey seal = SealKey.of(owner::sign)) {
                sealed = SealKey.seal(seal.publicKey(), INFO, manifest);
            } finally {
                Arrays.fill(manifest, (byte) 0);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(bytes);
            data.write(MAGIC);
            data.writeShort(FORMAT);
            part(data, ownBackup);
            part(data, sealed);
            data.writeInt(children.size());
            for (byte[] child : children) {
                part(data, child);
            }
            Path temp = Files.createTempFile(dir, ".backup", ".tmp");
            try {
                Files.write(temp, bytes.toByteArray());
                Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new VaultException("The backup could not be written to " + out + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} is a family backup (else a plain one, or not a backup at all). */
    public static boolean isFamilyBackup(Path file) {
        try (var in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Restores the caregiver's wallet at {@code ownerFile} from a family backup with the caregiver's
     * phrase, then each dependent beside it in {@code profiles}; returns the caregiver's vault, open.
     */
    public static Vault restore(Path backup, RecoveryPhrase phrase, Path ownerFile, char[] passphrase, KdfParams kdf,
                                Profiles profiles) throws VaultException {
        byte[] ownBackup;
        byte[] sealed;
        List<byte[]> children = new ArrayList<>();
        try (DataInputStream data = new DataInputStream(Files.newInputStream(backup))) {
            if (!Arrays.equals(data.readNBytes(MAGIC.length), MAGIC)) {
                throw new VaultCorruptedException("This is not a HealthWallet family backup.");
            }
            short format = data.readShort();
            if (format != FORMAT) {
                throw new VaultCorruptedException("This backup was made by a newer HealthWallet (format " + format + ").");
            }
            ownBackup = part(data);
            sealed = part(data);
            int count = data.readInt();
            if (count < 0 || count > 10_000) {
                throw new VaultCorruptedException("This backup file is damaged (it claims " + count + " children).");
            }
            for (int i = 0; i < count; i++) {
                children.add(part(data));
            }
        } catch (IOException e) {
            throw new VaultCorruptedException("This backup file is damaged or cut short and cannot be restored.", e);
        }
        Path dir = ownerFile.toAbsolutePath().getParent();
        Path ownPart = temporary(dir, ownBackup);
        Vault owner;
        try {
            owner = Vault.restore(ownPart, phrase, ownerFile, passphrase, kdf);
        } finally {
            delete(ownPart);
        }
        try {
            JsonNode entries;
            try (SealKey seal = SealKey.of(owner::sign)) {
                entries = JSON.readTree(seal.open(INFO, sealed));
            } catch (InvalidCipherTextException | IOException e) {
                throw new VaultCorruptedException("The dependents' part of this backup does not open with this wallet's keys.");
            }
            for (JsonNode entry : entries) {
                UUID id = UUID.fromString(entry.path("id").asText());
                Dependent d = Dependent.decode(id, Base64.getDecoder().decode(entry.path("item").asText()));
                Profile profile = profiles.create(d.label());
                Path file = profiles.vaultFile(profile);
                char[] secret = d.profileSecret().toCharArray();
                try {
                    if (d.kind() == Dependent.Kind.CHILD && entry.has("backup")) {
                        int index = entry.path("backup").asInt();
                        if (index < 0 || index >= children.size()) {
                            throw new VaultCorruptedException("This backup file is damaged (a child's part is missing).");
                        }
                        RecoveryPhrase childPhrase = RecoveryPhrase.parse(d.recoveryPhrase().orElseThrow());
                        Path childPart = temporary(dir, children.get(index));
                        try {
                            Vault.restore(childPart, childPhrase, file, secret, kdf).close();
                        } finally {
                            delete(childPart);
                        }
                    } else {
                        CreatedVault empty = Vault.create(file, secret, kdf, d.label());
                        empty.vault().close();
                    }
                } catch (InvalidRecoveryPhraseException e) {
                    throw new VaultCorruptedException("A child's part of this backup cannot be opened: " + e.getMessage(), e);
                } finally {
                    Arrays.fill(secret, '\0');
                }
                owner.putItem(Dependent.KIND, id, d.withProfile(profile.id(), Optional.empty()).encode());
            }
            return owner;
        } catch (VaultException | RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    private static byte[] backupBytes(Vault vault, Path dir) throws VaultException, IOException {
        Path temp = Files.createTempFile(dir, ".part", ".tmp");
        try {
            Files.delete(temp);
            vault.exportBackup(temp);
            return Files.readAllBytes(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A backup part as a file of its own for {@link Vault#restore} (ciphertext only; the caller deletes it). */
    private static Path temporary(Path dir, byte[] bytes) throws VaultException {
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".restore", ".tmp");
            Files.write(temp, bytes);
            return temp;
        } catch (IOException e) {
            throw new VaultException("The backup could not be unpacked in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Ciphertext under the backup key: harmless if left, and named by its dot-prefix.
        }
    }

    private static void part(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] part(DataInputStream in) throws IOException, VaultCorruptedException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PART) {
            throw new VaultCorruptedException("This backup file is damaged (a part claims " + length + " bytes).");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new VaultCorruptedException("This backup file was cut short.");
        }
        return bytes;
    }
}
