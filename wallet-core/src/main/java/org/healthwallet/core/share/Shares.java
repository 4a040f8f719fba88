package org.healthwallet.core.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultCorruptedException;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.tx.Digest;

/**
 * The patient's shares, kept in the vault as encrypted items of kind {@code "share"} (each sealed
 * under the vault's master key like every record), so a share's key is on disk only encrypted.
 * Each write is one vault transaction. A share being made is first kept as an
 * {@link InterruptedShare} (format 2) under the id the finished share then replaces it under, so a
 * crash at any moment leaves either nothing, the finished share, or the interrupted one to withdraw.
 * A revocation not finished on the relay is kept as a {@link RelayDeletion} (format 3) beside its
 * share, written in the same transaction as the share's "revoked" mark.
 */
public final class Shares {
    static final String KIND = "share";
    private static final int FORMAT = 1;
    private static final int FORMAT_INTERRUPTED = 2;
    private static final int FORMAT_DELETION = 3;

    private final Vault vault;

    public Shares(Vault vault) {
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    /** Every finished share, newest first. */
    public List<Share> list() throws VaultException {
        List<Share> shares = new ArrayList<>();
        for (Map.Entry<UUID, byte[]> item : vault.items(KIND).entrySet()) {
            int format = formatOf(item.getValue());
            if (format != FORMAT_INTERRUPTED && format != FORMAT_DELETION) {
                shares.add(decode(item.getKey(), item.getValue()));
            }
        }
        shares.sort(Comparator.comparing(Share::createdAt).reversed());
        return shares;
    }

    /** Every share started but not finished, newest first (normally none). */
    public List<InterruptedShare> interrupted() throws VaultException {
        List<InterruptedShare> found = new ArrayList<>();
        for (Map.Entry<UUID, byte[]> item : vault.items(KIND).entrySet()) {
            if (isInterrupted(item.getValue())) {
                found.add(decodeInterrupted(item.getKey(), item.getValue()));
            }
        }
        found.sort(Comparator.comparing(InterruptedShare::startedAt).reversed());
        return found;
    }

    /** Every revocation not finished yet (the relay still holds the files, or a crash cut it short), oldest first. */
    public List<RelayDeletion> relayDeletions() throws VaultException {
        List<RelayDeletion> found = new ArrayList<>();
        for (Map.Entry<UUID, byte[]> item : vault.items(KIND).entrySet()) {
            if (formatOf(item.getValue()) == FORMAT_DELETION) {
                found.add(decodeDeletion(item.getKey(), item.getValue()));
            }
        }
        found.sort(Comparator.comparing(RelayDeletion::since));
        return found;
    }

    /** Keeps a pending deletion (new, or changed under the same id; an unfinished share's id is replaced by it). */
    void saveDeletion(RelayDeletion deletion) throws VaultException {
        vault.putItem(KIND, deletion.id(), encode(deletion));
    }

    /** Marks {@code revoked} and moves its deletion on to the relay stage, in ONE transaction. */
    void saveRevoked(Share revoked, RelayDeletion deletion) throws VaultException {
        vault.putItems(KIND, Map.of(revoked.id(), encode(revoked), deletion.id(), encode(deletion)));
    }

    /** Forgets a deletion once the relay confirmed it (or the revocation was refused before it reached the ledger). */
    void forgetDeletion(RelayDeletion deletion) throws VaultException {
        byte[] item = vault.items(KIND).get(deletion.id());
        if (item != null && formatOf(item) == FORMAT_DELETION) {
            vault.removeItem(KIND, deletion.id());
        }
    }

    /** The finished share of this id. */
    public Optional<Share> find(UUID id) throws VaultException {
        byte[] item = vault.items(KIND).get(id);
        if (item == null || isInterrupted(item) || formatOf(item) == FORMAT_DELETION) {
            return Optional.empty();
        }
        return Optional.of(decode(id, item));
    }

    /** The interrupted share of this id. */
    public Optional<InterruptedShare> findInterrupted(UUID id) throws VaultException {
        byte[] item = vault.items(KIND).get(id);
        return item != null && isInterrupted(item) ? Optional.of(decodeInterrupted(id, item)) : Optional.empty();
    }

    /** Saves a share (a new one, or a changed one under the same id). */
    public void save(Share share) throws VaultException {
        vault.putItem(KIND, share.id(), encode(share));
    }

    /** Notes a share about to be made; {@link #save} of the finished share replaces it. */
    void saveStarted(InterruptedShare share) throws VaultException {
        vault.putItem(KIND, share.id(), encode(share));
    }

    /** The pending deletion kept under {@code id} (a finished share's derived id, or an unfinished share's own). */
    Optional<RelayDeletion> findDeletion(UUID id) throws VaultException {
        byte[] item = vault.items(KIND).get(id);
        return item != null && formatOf(item) == FORMAT_DELETION ? Optional.of(decodeDeletion(id, item)) : Optional.empty();
    }

    /** Forgets an interrupted share once it is withdrawn (never a finished one). */
    void forgetInterrupted(UUID id) throws VaultException {
        if (findInterrupted(id).isPresent()) {
            vault.removeItem(KIND, id);
        }
    }

    /** Marks a share revoked at {@code at}; returns the revoked share, or empty when there is none. */
    public Optional<Share> markRevoked(UUID id, Instant at) throws VaultException {
        Optional<Share> found = find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Share revoked = found.get().revokedAt().isPresent() ? found.get() : found.get().revoked(at);
        save(revoked);
        return Optional.of(revoked);
    }

    static byte[] encode(Share share) {
        ObjectNode node = ShareJson.MAPPER.createObjectNode();
        node.put("format", FORMAT);
        node.put("relayId", share.relayId());
        node.put("link", share.link().toShlinkUri());
        node.put("createdAt", share.createdAt().toString());
        node.put("selection", share.selection());
        node.put("passcode", share.passcodeProtected());
        node.put("scope", share.scope().hex());
        share.revokedAt().ifPresent(at -> node.put("revokedAt", at.toString()));
        return ShareJson.writeBytes(node);
    }

    static byte[] encode(InterruptedShare share) {
        ObjectNode node = ShareJson.MAPPER.createObjectNode();
        node.put("format", FORMAT_INTERRUPTED);
        node.put("relayId", share.relayId());
        node.put("startedAt", share.startedAt().toString());
        node.put("selection", share.selection());
        share.label().ifPresent(l -> node.put("label", l));
        return ShareJson.writeBytes(node);
    }

    static byte[] encode(RelayDeletion deletion) {
        ObjectNode node = ShareJson.MAPPER.createObjectNode();
        node.put("format", FORMAT_DELETION);
        node.put("relayId", deletion.relayId());
        node.put("selection", deletion.selection());
        node.put("stage", deletion.stage().name());
        node.put("since", deletion.since().toString());
        node.put("attempts", deletion.attempts());
        node.put("nextTry", deletion.nextTry().toString());
        node.put("problem", deletion.problem());
        return ShareJson.writeBytes(node);
    }

    static RelayDeletion decodeDeletion(UUID id, byte[] bytes) throws VaultException {
        try {
            JsonNode node = ShareJson.read(bytes);
            return new RelayDeletion(id, node.path("relayId").asText(), node.path("selection").asText(),
                    RelayDeletion.Stage.valueOf(node.path("stage").asText()), Instant.parse(node.path("since").asText()),
                    node.path("attempts").asInt(), Instant.parse(node.path("nextTry").asText()), node.path("problem").asText());
        } catch (IOException | RuntimeException e) {
            throw new VaultCorruptedException("A share saved in this wallet cannot be read; the wallet may be damaged.", e);
        }
    }

    private static boolean isInterrupted(byte[] bytes) throws VaultException {
        return formatOf(bytes) == FORMAT_INTERRUPTED;
    }

    private static int formatOf(byte[] bytes) throws VaultException {
        try {
            return ShareJson.read(bytes).path("format").asInt();
        } catch (IOException | RuntimeException e) {
            throw new VaultCorruptedException("A share saved in this wallet cannot be read; the wallet may be damaged.", e);
        }
    }

    static InterruptedShare decodeInterrupted(UUID id, byte[] bytes) throws VaultException {
        try {
            JsonNode node = ShareJson.read(bytes);
            Optional<String> label = node.hasNonNull("label") ? Optional.of(node.get("label").asText()) : Optional.empty();
            return new InterruptedShare(id, node.path("relayId").asText(), Instant.parse(node.path("startedAt").asText()),
                    node.path("selection").asText(), label);
        } catch (IOException | RuntimeException e) {
            throw new VaultCorruptedException("A share saved in this wallet cannot be read; the wallet may be damaged.", e);
        }
    }

    static Share decode(UUID id, byte[] bytes) throws VaultException {
        try {
            JsonNode node = ShareJson.read(bytes);
            if (node.path("format").asInt() != FORMAT) {
                throw new VaultException("A share in this wallet was saved by a newer version of HealthWallet; update HealthWallet.");
            }
            Optional<Instant> revokedAt = node.hasNonNull("revokedAt")
                    ? Optional.of(Instant.parse(node.get("revokedAt").asText())) : Optional.empty();
            return new Share(id, node.path("relayId").asText(), ShareLink.parse(node.path("link").asText()),
                    Instant.parse(node.path("createdAt").asText()), node.path("selection").asText(),
                    node.path("passcode").asBoolean(), Digest.fromHex(node.path("scope").asText()), revokedAt);
        } catch (IOException | MalformedLinkException | RuntimeException e) {
            // The item opened under the vault key, so it is ours; it just does not read as a share.
            throw new VaultCorruptedException("A share saved in this wallet cannot be read; the wallet may be damaged.", e);
        }
    }
}
