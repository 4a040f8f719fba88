package org.healthwallet.core.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import org.healthwallet.core.crypto.AesGcmKey;
import org.healthwallet.core.crypto.Argon2id;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;

/**
 * The file a parent hands a young adult to take over their wallet: the records, the child's
 * recovery phrase (so the young adult can sign the hand-over with the old key) and whom the
 * delegation names, sealed with AES-256-GCM under Argon2id of a one-time code that the parent reads
 * out or shows and the file never holds. {@code HWHANDOVER1} || m, t, p (u32 each) || salt (16) || box.
 *
 * @param name the young adult's name, as the parent's wallet knew it
 * @param recoveryPhrase the child's 24 words (the old identity, retired by the hand-over)
 * @param parent the caregiver key of the delegation being handed over
 * @param chainId the consortium's chain
 * @param records the records, as a caregiver-copy Bundle (records exactly as kept)
 */
public record HandOverTransfer(String name, Optional<LocalDate> born, String recoveryPhrase, Ed25519PublicKey parent,
                               String chainId, byte[] records) {
    private static final byte[] MAGIC = "HWHANDOVER1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AAD = "HealthWallet hand-over transfer v1".getBytes(StandardCharsets.US_ASCII);
    /** Letters and digits a person reads out without confusion (no 0/O, 1/I/L). */
    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final int CODE_LENGTH = 12;
    /** A transfer is never bigger than this; a larger file is refused before it is read. */
    private static final long MAX_FILE = 512L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    public HandOverTransfer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(born, "born");
        Objects.requireNonNull(recoveryPhrase, "recoveryPhrase");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(chainId, "chainId");
        records = records.clone();
    }

    @Override
    public byte[] records() {
        return records.clone();
    }

    /** A fresh one-time code: 12 characters (about 59 bits), shown as three groups of four. */
    public static String newCode(SecureRandom random) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CODE_LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** Writes the sealed file (atomically: a file that is there is whole). */
    public void write(Path out, String code, KdfParams kdf, SecureRandom random) throws FamilyException {
        ObjectNode body = JSON.createObjectNode();
        body.put("v", 1);
        body.put("name", name);
        born.ifPresent(b -> body.put("born", b.toString()));
        body.put("phrase", recoveryPhrase);
        body.put("parent", parent.hex());
        body.put("chainId", chainId);
        body.put("records", new String(records, StandardCharsets.UTF_8));
        byte[] salt = new byte[Argon2id.SALT_BYTES];
        random.nextBytes(salt);
        byte[] plaintext;
        try {
            plaintext = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] key = derive(code, salt, kdf);
        byte[] box;
        try (AesGcmKey aes = new AesGcmKey(key, random)) {
            box = aes.seal(plaintext, AAD);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
        ByteBuffer file = ByteBuffer.allocate(MAGIC.length + 12 + salt.length + box.length).put(MAGIC)
                .putInt(kdf.memoryKib()).putInt(kdf.iterations()).putInt(kdf.parallelism()).put(salt).put(box);
        try {
            Path temp = Files.createTempFile(out.toAbsolutePath().getParent(), ".handover", ".tmp");
            try {
                Files.write(temp, file.array());
                Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new FamilyException("The transfer file could not be written to " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a transfer file with its one-time code.
     *
     * @throws FamilyException not a transfer file, a wrong code, or a damaged file (the message says which)
     */
    public static HandOverTransfer read(Path file, String code) throws FamilyException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new FamilyException("This file is far larger than a hand-over transfer; it was not opened.");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FamilyException("The transfer file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length < MAGIC.length + 12 + Argon2id.SALT_BYTES + 28
                || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new FamilyException("This is not a HealthWallet hand-over transfer file.");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length);
        KdfParams kdf;
        try {
            kdf = new KdfParams(in.getInt(), in.getInt(), in.getInt());
        } catch (IllegalArgumentException e) {
            throw new FamilyException("The transfer file is damaged (its key settings are impossible).");
        }
        if (kdf.memoryKib() > 4 * 1024 * 1024 || kdf.iterations() > 1000 || kdf.parallelism() > 64) {
            throw new FamilyException("The transfer file asks for more memory or time than HealthWallet allows; it was not opened.");
        }
        byte[] salt = new byte[Argon2id.SALT_BYTES];
        in.get(salt);
        byte[] box = new byte[in.remaining()];
        in.get(box);
        byte[] key = derive(code, salt, kdf);
        byte[] plaintext;
        try (AesGcmKey aes = new AesGcmKey(key, new SecureRandom())) {
            plaintext = aes.open(box, AAD);
        } catch (AEADBadTagException e) {
            throw new FamilyException("The one-time code is not right for this transfer file (or the file was changed)."
                    + " Check the code and try again.");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        try {
            JsonNode n = JSON.readTree(plaintext);
            return new HandOverTransfer(n.path("name").asText(),
                    n.hasNonNull("born") ? Optional.of(LocalDate.parse(n.path("born").asText())) : Optional.empty(),
                    n.path("phrase").asText(), Ed25519PublicKey.fromHex(n.path("parent").asText()), n.path("chainId").asText(),
                    n.path("records").asText().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new FamilyException("The transfer file opened but its content is not understood (" + e.getMessage() + ").");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static byte[] derive(String code, byte[] salt, KdfParams kdf) {
        char[] normalised = code.strip().replace("-", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT).toCharArray();
        try {
            return Argon2id.derive(normalised, salt, kdf.memoryKib(), kdf.iterations(), kdf.parallelism(), null);
        } finally {
            Arrays.fill(normalised, '\0');
        }
    }

    @Override
    public String toString() {
        return "HandOverTransfer[" + records.length + " bytes of records, parent " + parent + "]";
    }
}
