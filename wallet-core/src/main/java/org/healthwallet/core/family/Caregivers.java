package org.healthwallet.core.family;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareDraft;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.Sharing;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationRevoked;
import org.healthwallet.ledger.tx.DelegationScope;

/**
 * The patient's side of caregiving (an adult who keeps their own wallet): invite a caregiver with a
 * scope and an end date, list who may act, renew, end a delegation, and keep each caregiver's copy
 * of the records current after an import. Only the patient's own key signs these, so only the
 * patient can renew; the ledger refuses a caregiver's renewal too.
 */
public final class Caregivers {
    /** The longest an adult's delegation may last; the ledger refuses longer ones as well. */
    public static final Duration MAX_DELEGATION = Duration.ofDays(548);

    private final Vault vault;
    private final Sharing sharing;
    private final FamilyLedger ledger;
    private final Clock clock;

    /** @param sharing the patient's own sharing (the copy link is one of the patient's shares) */
    public Caregivers(Vault vault, Sharing sharing, FamilyLedger ledger, Clock clock) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.sharing = Objects.requireNonNull(sharing, "sharing");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Everyone the patient invited, newest first, revoked and ended ones too. */
    public List<Caregiver> list() throws VaultException {
        return listIn(vault);
    }

    /** As {@link #list()}, without the consortium: the entries the patient's vault keeps. */
    public static List<Caregiver> listIn(Vault vault) throws VaultException {
        List<Caregiver> all = new ArrayList<>();
        for (Map.Entry<UUID, byte[]> item : vault.items(Caregiver.KIND).entrySet()) {
            all.add(Caregiver.decode(item.getKey(), item.getValue()));
        }
        all.sort(Comparator.comparing(Caregiver::invitedAt).reversed());
        return List.copyOf(all);
    }

    /** The invitation to hand to the caregiver, and the caregiver as kept in the wallet. */
    public record Invited(Caregiver caregiver, String invitationText) {
    }

    /**
     * Delegates to the caregiver's key on the ledger and returns the sealed invitation. With
     * {@code records} in the scope, a long-term link to a copy of every record is made first; it
     * lasts as long as the delegation (or as long as a link may, whichever ends first).
     *
     * @param label how the patient names the caregiver ("Maria, my daughter"); stays in this wallet
     * @param myName how the caregiver will see the patient named ("Dad")
     */
    public Invited invite(CaregiverCode code, String label, String myName, DelegationScope scope, Instant endsAt)
            throws FamilyException, VaultException {
        Instant now = clock.instant();
        Ed25519PublicKey me = new Ed25519PublicKey(vault.identityPublicKey());
        check(scope, endsAt, now);
        if (code.identity().equals(me)) {
            throw new FamilyException("That is this wallet's own caregiver code; a caregiver is another person's wallet.");
        }
        if (label == null || label.isBlank()) {
            throw new FamilyException("Give the caregiver a name, so you know them in your list and your access log.");
        }
        Optional<Share> copy = Optional.empty();
        if (scope.allows(DelegationScope.RECORDS)) {
            Instant linkEnds = endsAt.isAfter(now.plus(ShareDraft.MAX_LIFETIME)) ? now.plus(ShareDraft.MAX_LIFETIME) : endsAt;
            try {
                copy = Optional.of(sharing.createLongTerm(CopyBundle.of(vault.index()), "Caregiver copy for " + label.strip(),
                        linkEnds, null));
            } catch (ShareException e) {
                throw new FamilyException("The caregiver's copy of your records could not be made: " + e.getMessage(), e);
            }
        }
        try {
            ledger.submit(me, vault::sign, new DelegationGranted(me, code.identity(), scope, endsAt.getEpochSecond()),
                    "The delegation could not be recorded on the ledger");
        } catch (FamilyException e) {
            if (copy.isPresent()) {
                withdraw(copy.get());
            }
            throw e;
        }
        Caregiver caregiver = new Caregiver(UUID.randomUUID(), label.strip(), code.identity(), scope, now, endsAt,
                copy.map(Share::id), Optional.empty());
        vault.putItem(Caregiver.KIND, caregiver.id(), caregiver.encode());
        Invitation invitation = new Invitation(me, myName == null || myName.isBlank() ? vault.label() : myName.strip(),
                scope, endsAt, ledger.chainId(), copy.map(Share::link));
        return new Invited(caregiver, invitation.sealTo(code));
    }

    /** Extends (or shortens) a caregiver's delegation: a new grant for the same key replaces the old on the ledger. */
    public Caregiver renew(UUID id, Instant newEnd) throws FamilyException, VaultException {
        Caregiver caregiver = find(id);
        Instant now = clock.instant();
        if (caregiver.revokedAt().isPresent()) {
            throw new FamilyException("You ended " + caregiver.label() + "'s delegation; invite them again instead.");
        }
        check(caregiver.scope(), newEnd, now);
        Ed25519PublicKey me = new Ed25519PublicKey(vault.identityPublicKey());
        ledger.submit(me, vault::sign, new DelegationGranted(me, caregiver.key(), caregiver.scope(), newEnd.getEpochSecond()),
                "The renewal could not be recorded on the ledger");
        Caregiver renewed = caregiver.renewed(newEnd);
        vault.putItem(Caregiver.KIND, id, renewed.encode());
        return renewed;
    }

    /**
     * Ends a delegation now: recorded on the ledger (from the next block no relay serves a link the
     * caregiver made), then the copy link revoked. Ending an ended delegation changes nothing.
     */
    public Caregiver revoke(UUID id) throws FamilyException, VaultException {
        Caregiver caregiver = find(id);
        Instant now = clock.instant();
        if (caregiver.revokedAt().isPresent()) {
            return caregiver;
        }
        Ed25519PublicKey me = new Ed25519PublicKey(vault.identityPublicKey());
        if (caregiver.state(now) == Caregiver.State.ACTIVE) {
            ledger.submit(me, vault::sign, new DelegationRevoked(me, caregiver.key()),
                    "Ending the delegation could not be recorded on the ledger");
        }
        Caregiver revoked = caregiver.revoked(now);
        vault.putItem(Caregiver.KIND, id, revoked.encode());
        if (caregiver.copyShare().isPresent()) {
            try {
                sharing.revoke(caregiver.copyShare().get());
            } catch (ShareException e) {
                throw new FamilyException("The delegation has ended on the ledger, so the caregiver can no longer act for"
                        + " you, but their copy link could not be revoked yet (" + e.getMessage() + "). Revoke it from"
                        + " your shares list.", e);
            }
        }
        return revoked;
    }

    /**
     * Puts the records as they are now behind every active caregiver's copy link (after an import);
     * returns how many copies were refreshed.
     */
    public int publishRecords() throws FamilyException, VaultException {
        Instant now = clock.instant();
        int updated = 0;
        for (Caregiver caregiver : list()) {
            if (caregiver.state(now) != Caregiver.State.ACTIVE || caregiver.copyShare().isEmpty()) {
                continue;
            }
            Optional<Share> share = sharing.shares().find(caregiver.copyShare().get());
            if (share.isEmpty() || share.get().state(now) != Share.State.ACTIVE) {
                continue;
            }
            try {
                sharing.updateLongTerm(share.get(), CopyBundle.of(vault.index()));
                updated++;
            } catch (ShareException e) {
                throw new FamilyException("Your new records could not be passed on to " + caregiver.label() + "'s copy: "
                        + e.getMessage(), e);
            }
        }
        return updated;
    }

    private Caregiver find(UUID id) throws FamilyException, VaultException {
        byte[] bytes = vault.items(Caregiver.KIND).get(id);
        if (bytes == null) {
            throw new FamilyException("There is no such caregiver in this wallet.");
        }
        return Caregiver.decode(id, bytes);
    }

    private static void check(DelegationScope scope, Instant endsAt, Instant now) throws FamilyException {
        if (scope.allows(DelegationScope.HAND_OVER)) {
            throw new FamilyException("A caregiver of an adult can never take over the adult's identity; leave hand-over out"
                    + " of the scope.");
        }
        if (scope.allows(DelegationScope.SHARE) && !scope.allows(DelegationScope.RECORDS)) {
            throw new FamilyException("A caregiver who may share your records must also be allowed to read them.");
        }
        if (!endsAt.isAfter(now.plus(Duration.ofMinutes(1)))) {
            throw new FamilyException("The end date must be in the future.");
        }
        if (endsAt.isAfter(now.plus(MAX_DELEGATION))) {
            throw new FamilyException("A delegation lasts at most 18 months; renew it before it ends if it should go on.");
        }
    }

    private void withdraw(Share share) {
        try {
            sharing.revoke(share.id());
        } catch (ShareException | VaultException | RuntimeException ignored) {
            // The copy's grant expires on its own; without the delegation nobody is told its link.
        }
    }
}
