package org.healthwallet.core.share;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the patient decided in the share wizard, before anything is encrypted or sent.
 *
 * @param selection what to share
 * @param expiresAt when the link stops working
 * @param passcode what the doctor must enter (told separately, never in the link), if any
 * @param label a few words for the doctor and the patient's list, up to 80 characters (e.g. whom it is for)
 * @param directFile make a U-flag link (one file fetched with GET, no manifest); not with a passcode
 */
public record ShareDraft(ShareSelection selection, Instant expiresAt, Optional<String> passcode, Optional<String> label,
                         boolean directFile) {
    /** The longest a share may last. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(365);
    /** The shortest: a link that expires before the doctor can scan it helps nobody. */
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(1);

    public ShareDraft {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(passcode, "passcode");
        Objects.requireNonNull(label, "label");
        label = label.map(String::strip).filter(text -> !text.isEmpty());
    }

    /** A draft that lasts {@code lifetime} from {@code now}, without passcode or label. */
    public static ShareDraft of(ShareSelection selection, Instant now, Duration lifetime) {
        return new ShareDraft(selection, now.plus(lifetime), Optional.empty(), Optional.empty(), false);
    }

    public ShareDraft withPasscode(String code) {
        return new ShareDraft(selection, expiresAt, Optional.of(code), label, directFile);
    }

    public ShareDraft withLabel(String text) {
        return new ShareDraft(selection, expiresAt, passcode, Optional.ofNullable(text), directFile);
    }

    public ShareDraft asDirectFile() {
        return new ShareDraft(selection, expiresAt, passcode, label, true);
    }

    /** What is wrong with this draft at {@code now}, in the patient's words; empty when it can be shared. */
    public Optional<String> problem(Instant now) {
        if (expiresAt.isBefore(now.plus(MIN_LIFETIME))) {
            return Optional.of("The expiry must be at least a minute from now.");
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            return Optional.of("A share can last at most " + MAX_LIFETIME.toDays() + " days.");
        }
        if (passcode.isPresent()) {
            String problem = ShareRequest.passcodeProblem(passcode.get());
            if (problem != null) {
                return Optional.of(problem);
            }
            if (directFile) {
                return Optional.of("A link with a passcode cannot be a direct file link; turn one of them off.");
            }
        }
        if (label.isPresent()) {
            int length = label.get().codePointCount(0, label.get().length());
            if (length > ShareLink.MAX_LABEL_LENGTH) {
                return Optional.of("The label has " + length + " characters; at most " + ShareLink.MAX_LABEL_LENGTH + " fit in the link.");
            }
            if (label.get().codePoints().anyMatch(Character::isISOControl)) {
                return Optional.of("The label cannot contain line breaks or other control characters.");
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ShareDraft[" + selection.describe() + ", expiresAt=" + expiresAt + (passcode.isPresent() ? ", passcode" : "")
                + (directFile ? ", direct file" : "") + "]";
    }
}
