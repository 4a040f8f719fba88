package org.healthwallet.core.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.core.share.MalformedLinkException;
import org.healthwallet.core.share.ShareLink;
import org.healthwallet.core.vault.VaultCorruptedException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DelegationScope;

/**
 * A person whose wallet this caregiver holds, as the caregiver's own vault keeps it (encrypted, an
 * item of kind {@link #KIND}): the dependent's profile in the data folder and the secret that
 * unlocks its vault, their ledger key, the delegation's scope and end, and what a child or an adult
 * needs beyond that.
 *
 * @param profileId the dependent's profile (its vault file) in the caregiver's data folder
 * @param profileSecret unlocks that vault (random, 256 bits, base64url); never shown
 * @param key the dependent's ledger key: the child's own identity, or the adult's
 * @param birthDate a child's date of birth (the age rules use it); empty for an adult
 * @param recoveryPhrase a child's 24 words (the parent restores the child's vault from a backup with
 *                       them, and the hand-over carries them); empty for an adult
 * @param copyLink an adult's long-term link to the caregiver's copy of their records
 * @param copyDigest SHA-256 of the copy content last imported, to skip an unchanged refresh
 */
public record Dependent(UUID id, String profileId, Kind kind, String label, Ed25519PublicKey key, DelegationScope scope,
                        Instant endsAt, String profileSecret, Optional<LocalDate> birthDate,
                        Optional<String> recoveryPhrase, Optional<ShareLink> copyLink, Optional<String> copyDigest) {
    public static final String KIND = "dependent";
    /** From this age, a child's sensitive records are the child's own. */
    public static final int PRIVACY_AGE = 12;
    /** At this age a child's delegation ends and the hand-over is due. */
    public static final int ADULT_AGE = 18;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A child whose wallet the parent holds, or an adult whose copy the caregiver holds. */
    public enum Kind { CHILD, ADULT }

    public Dependent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(profileSecret, "profileSecret");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(recoveryPhrase, "recoveryPhrase");
        Objects.requireNonNull(copyLink, "copyLink");
        Objects.requireNonNull(copyDigest, "copyDigest");
        if (kind == Kind.CHILD && birthDate.isEmpty()) {
            throw new IllegalArgumentException("a child has a date of birth");
        }
    }

    /** The child's age in whole years on {@code day}; empty for an adult. */
    public Optional<Integer> ageOn(LocalDate day) {
        return birthDate.map(born -> Period.between(born, day).getYears());
    }

    /** Whether the parent's view leaves out the child's sensitive records on {@code day}. */
    public boolean sensitiveRecordsHiddenOn(LocalDate day) {
        return kind == Kind.CHILD && ageOn(day).orElse(0) >= PRIVACY_AGE;
    }

    public boolean delegationEndedAt(Instant now) {
        return !now.isBefore(endsAt);
    }

    Dependent withCopyDigest(String digest) {
        return new Dependent(id, profileId, kind, label, key, scope, endsAt, profileSecret, birthDate, recoveryPhrase,
                copyLink, Optional.of(digest));
    }

    Dependent withProfile(String newProfileId, Optional<String> newCopyDigest) {
        return new Dependent(id, newProfileId, kind, label, key, scope, endsAt, profileSecret, birthDate, recoveryPhrase,
                copyLink, newCopyDigest);
    }

    Dependent withEnd(Instant newEnd, DelegationScope newScope) {
        return new Dependent(id, profileId, kind, label, key, newScope, newEnd, profileSecret, birthDate, recoveryPhrase,
                copyLink, copyDigest);
    }

    byte[] encode() {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("profile", profileId);
        node.put("kind", kind.name());
        node.put("label", label);
        node.put("key", key.hex());
        node.put("scope", scope.bits());
        node.put("endsAt", endsAt.getEpochSecond());
        node.put("secret", profileSecret);
        birthDate.ifPresent(d -> node.put("born", d.toString()));
        recoveryPhrase.ifPresent(p -> node.put("phrase", p));
        copyLink.ifPresent(l -> node.put("copyLink", l.toShlinkUri()));
        copyDigest.ifPresent(d -> node.put("copyDigest", d));
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Dependent decode(UUID id, byte[] bytes) throws VaultCorruptedException {
        try {
            JsonNode n = JSON.readTree(bytes);
            return new Dependent(id, n.path("profile").asText(), Kind.valueOf(n.path("kind").asText()), n.path("label").asText(),
                    Ed25519PublicKey.fromHex(n.path("key").asText()), new DelegationScope(n.path("scope").asInt()),
                    Instant.ofEpochSecond(n.path("endsAt").asLong()), n.path("secret").asText(),
                    n.hasNonNull("born") ? Optional.of(LocalDate.parse(n.path("born").asText())) : Optional.empty(),
                    n.hasNonNull("phrase") ? Optional.of(n.path("phrase").asText()) : Optional.empty(),
                    n.hasNonNull("copyLink") ? Optional.of(ShareLink.parse(n.path("copyLink").asText())) : Optional.empty(),
                    n.hasNonNull("copyDigest") ? Optional.of(n.path("copyDigest").asText()) : Optional.empty());
        } catch (IOException | RuntimeException | MalformedLinkException e) {
            throw new VaultCorruptedException("A dependent's entry in this wallet cannot be read: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Dependent[" + id + ", " + kind + ", profile " + profileId + ", scope " + scope + ", ends " + endsAt + "]";
    }
}
