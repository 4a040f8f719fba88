package org.healthwallet.app.accesslog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthwallet.app.wallet.Caregiving;
import org.healthwallet.core.accesslog.AccessLogException;
import org.healthwallet.core.accesslog.AccessView;
import org.healthwallet.core.accesslog.ShareIssuers;
import org.healthwallet.core.accesslog.StateSource;
import org.healthwallet.core.family.Caregiver;
import org.healthwallet.core.family.Caregivers;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;

/**
 * Which accesses were done by or under a caregiver, in words for the access log: a caregiver's
 * refresh of their copy ("Maria's caregiver copy"), or an opening of a share a caregiver made
 * ("shared by Maria", "shared by you, as caregiver"). Who made a share is read from its grant on the
 * ledger, with a proof; an access to the patient's own share has no mark.
 */
public final class CaregiverMarks {
    private CaregiverMarks() {}

    /** What an access was, with the caregiver's name as the patient gave it (empty for "you"). */
    public record Mark(Kind kind, String caregiver) {
        public enum Kind {
            /** A caregiver's refresh of their copy. */
            COPY,
            /** An opening of a share a caregiver made. */
            SHARED_BY,
            /** An opening of a share you made as this dependent's caregiver. */
            SHARED_BY_YOU
        }

        /** The mark in English, as the command line prints it. */
        public String english() {
            return switch (kind) {
                case COPY -> caregiver + "'s caregiver copy";
                case SHARED_BY -> "shared by " + caregiver;
                case SHARED_BY_YOU -> "shared by you, as caregiver";
            };
        }
    }

    /** The mark of each access by its index in the log; accesses without one are absent. */
    public static Map<Long, Mark> of(List<AccessView> views, Vault vault, Ed25519PublicKey patient,
                                       Optional<Caregiving> caregiving, StateSource state)
            throws AccessLogException, VaultException {
        Map<Long, Mark> marks = new HashMap<>();
        if (views.isEmpty()) {
            return marks;
        }
        List<Caregiver> caregivers = Caregivers.listIn(vault);
        Map<String, Ed25519PublicKey> issuers = new ShareIssuers(state).of(views.stream().map(AccessView::shareId).toList());
        for (AccessView view : views) {
            Optional<Caregiver> copyOf = view.share().flatMap(id -> caregivers.stream()
                    .filter(c -> c.copyShare().filter(id::equals).isPresent()).findFirst());
            if (copyOf.isPresent()) {
                marks.put(view.index(), new Mark(Mark.Kind.COPY, copyOf.get().label()));
                continue;
            }
            Ed25519PublicKey issuer = issuers.get(view.shareId());
            if (issuer == null || issuer.equals(patient)) {
                continue;
            }
            if (caregiving.isPresent() && issuer.equals(new Ed25519PublicKey(caregiving.get().caregiver().identityPublicKey()))) {
                marks.put(view.index(), new Mark(Mark.Kind.SHARED_BY_YOU, ""));
                continue;
            }
            marks.put(view.index(), new Mark(Mark.Kind.SHARED_BY, caregivers.stream().filter(c -> c.key().equals(issuer))
                    .findFirst().map(Caregiver::label).orElse("a caregiver (key " + issuer.hex().substring(0, 12) + "…)")));
        }
        return marks;
    }
}
