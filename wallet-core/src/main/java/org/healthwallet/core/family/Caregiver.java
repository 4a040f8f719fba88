package org.healthwallet.core.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.core.vault.VaultCorruptedException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DelegationScope;

/**
 * Someone who may act for the patient, as the patient's own vault keeps it (an item of kind
 * {@link #KIND}): the name the patient gave them, their ledger key, scope and end date as delegated
 * on the ledger, and the share that carries their copy of the records.
 *
 * @param copyShare the wallet's id of the long-term share for the caregiver's copy (with scope records)
 * @param revokedAt when the patient ended the delegation early
 */
public record Caregiver(UUID id, String label, Ed25519PublicKey key, DelegationScope scope, Instant invitedAt,
                        Instant endsAt, Optional<UUID> copyShare, Optional<Instant> revokedAt) {
    public static final String KIND = "caregiver";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the Caregivers page shows. */
    public enum State { ACTIVE, ENDED, REVOKED }

    public Caregiver {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(invitedAt, "invitedAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(copyShare, "copyShare");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    public State state(Instant now) {
        if (revokedAt.isPresent()) {
            return State.REVOKED;
        }
        return now.isBefore(endsAt) ? State.ACTIVE : State.ENDED;
    }

    Caregiver renewed(Instant newEnd) {
        return new Caregiver(id, label, key, scope, invitedAt, newEnd, copyShare, revokedAt);
    }

    Caregiver revoked(Instant at) {
        return new Caregiver(id, label, key, scope, invitedAt, endsAt, copyShare, Optional.of(at));
    }

    byte[] encode() {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("label", label);
        node.put("key", key.hex());
        node.put("scope", scope.bits());
        node.put("invitedAt", invitedAt.getEpochSecond());
        node.put("endsAt", endsAt.getEpochSecond());
        copyShare.ifPresent(s -> node.put("copyShare", s.toString()));
        revokedAt.ifPresent(r -> node.put("revokedAt", r.getEpochSecond()));
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Caregiver decode(UUID id, byte[] bytes) throws VaultCorruptedException {
        try {
            JsonNode n = JSON.readTree(bytes);
            return new Caregiver(id, n.path("label").asText(), Ed25519PublicKey.fromHex(n.path("key").asText()),
                    new DelegationScope(n.path("scope").asInt()), Instant.ofEpochSecond(n.path("invitedAt").asLong()),
                    Instant.ofEpochSecond(n.path("endsAt").asLong()),
                    n.hasNonNull("copyShare") ? Optional.of(UUID.fromString(n.path("copyShare").asText())) : Optional.empty(),
                    n.hasNonNull("revokedAt") ? Optional.of(Instant.ofEpochSecond(n.path("revokedAt").asLong())) : Optional.empty());
        } catch (IOException | RuntimeException e) {
            throw new VaultCorruptedException("A caregiver's entry in this wallet cannot be read: " + e.getMessage());
        }
    }
}
