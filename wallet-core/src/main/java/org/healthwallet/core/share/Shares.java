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
 * Each write is one vault transaction.
 */
public final class Shares {
    static final String KIND = "share";
    private static final int FORMAT = 1;

    private final Vault vault;

    public Shares(Vault vault) {
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    /** Every share, newest first. */
    public List<Share> list() throws VaultException {
        List<Share> shares = new ArrayList<>();
        for (Map.Entry<UUID, byte[]> item : vault.items(KIND).entrySet()) {
            shares.add(decode(item.getKey(), item.getValue()));
        }
        shares.sort(Comparator.comparing(Share::createdAt).reversed());
        return shares;
    }

    public Optional<Share> find(UUID id) throws VaultException {
        byte[] item = vault.items(KIND).get(id);
        return item == null ? Optional.empty() : Optional.of(decode(id, item));
    }

    /** Saves a share (a new one, or a changed one under the same id). */
    public void save(Share share) throws VaultException {
        vault.putItem(KIND, share.id(), encode(share));
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
