package org.healthwallet.node.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.access.AccessDetails;
import org.healthwallet.ledger.state.GrantRecord;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.Digest;

/**
 * Serving shares by the SMART Health Links protocol: the manifest ({@code POST} with
 * {@code recipient}, {@code passcode}, {@code embeddedLengthMax}), the single file of a U-flag link
 * ({@code GET ?recipient=}), and single-use file addresses ({@code location}). Nothing is served
 * before the ledger's grant checks out and the access is committed on the ledger; a wrong passcode
 * costs one of the link's attempts, and the last one disables the link.
 */
final class ManifestService {
    private static final System.Logger LOG = System.getLogger(ManifestService.class.getName());

    private final ShareStore store;
    private final GrantCheck grants;
    private final AccessRecorder recorder;
    private final AccessSealing sealing;
    private final RateLimiter limiter;
    private final RelayTuning tuning;
    private final URI base;
    private final SecureRandom random;
    private final Clock clock;

    ManifestService(ShareStore store, GrantCheck grants, AccessRecorder recorder, AccessSealing sealing, RateLimiter limiter,
                    RelayTuning tuning, URI base, SecureRandom random, Clock clock) {
        this.store = store;
        this.grants = grants;
        this.recorder = recorder;
        this.sealing = sealing;
        this.limiter = limiter;
        this.tuning = tuning;
        this.base = base;
        this.random = random;
        this.clock = clock;
    }

    /** What a doctor's viewer asked for in a manifest request. */
    record ManifestRequest(String recipient, Optional<String> passcode, Optional<Integer> embeddedLengthMax) {
    }

    /** The request as the relay saw it (client address, User-Agent): sealed to the patient with the access. */
    record Seen(String client, String userAgent) {
    }

    /** Whether the ledger's grant stands (with the grant, read with a proof) or the reply that refuses. */
    private sealed interface Standing {
        record Stands(GrantRecord grant) implements Standing {
        }

        record Refused(Reply reply) implements Standing {
        }
    }

    /** Before the body of a manifest request is read: the client's rate for this link. */
    Optional<Reply> admit(String manifestId, String client) {
        return limiter.take(manifestId, client).map(Reply::tooManyRequests);
    }

    /** A manifest request whose body was read after {@link #admit} let it through. */
    Reply manifest(String manifestId, byte[] body, Seen seen) {
        ManifestRequest request;
        try {
            request = parse(body);
        } catch (BadRequestException e) {
            return e.reply();
        }
        long now = clock.instant().getEpochSecond();
        Optional<StoredShare> found = active(store.findByManifest(manifestId), now);
        if (found.isEmpty()) {
            return Reply.notFound();
        }
        StoredShare share = found.get();
        Standing standing = checkLedger(share, now);
        if (standing instanceof Standing.Refused refused) {
            return refused.reply();
        }
        GrantRecord grant = ((Standing.Stands) standing).grant();
        if (share.hasFlag('P')) {
            Optional<Reply> wrong = checkPasscode(share, request.passcode(), now);
            if (wrong.isPresent()) {
                return wrong.get();
            }
        }
        List<StoredFile> files = share.files();
        Optional<Reply> notLogged = log(share, grant, request.recipient(), files, now, seen);
        if (notLogged.isPresent()) {
            return notLogged.get();
        }
        int embedMax = request.embeddedLengthMax().orElse(tuning.defaultEmbeddedMax());
        ArrayNode list = Reply.JSON.createArrayNode();
        for (StoredFile file : files) {
            ObjectNode entry = list.addObject();
            entry.put("contentType", file.contentType());
            if (file.jwe().length() <= embedMax) {
                entry.put("embedded", file.jwe());
            } else {
                entry.put("location", location(share, file, now).toString());
            }
        }
        ObjectNode answer = Reply.JSON.createObjectNode();
        answer.set("files", list);
        return Reply.json(200, answer).with("Cache-Control", "no-store");
    }

    /** The one file of a U-flag link, by {@code GET <url>?recipient=…}. */
    Reply direct(String manifestId, String rawQuery, String client, Seen seen) {
        Optional<Duration> wait = limiter.take(manifestId, client);
        if (wait.isPresent()) {
            return Reply.tooManyRequests(wait.get());
        }
        String recipient;
        try {
            recipient = recipientOf(rawQuery);
        } catch (BadRequestException e) {
            return e.reply();
        }
        long now = clock.instant().getEpochSecond();
        Optional<StoredShare> found = active(store.findByManifest(manifestId), now);
        if (found.isEmpty()) {
            return Reply.notFound();
        }
        StoredShare share = found.get();
        if (!share.hasFlag('U') || share.hasFlag('P')) {
            return Reply.error(405, "This link's manifest is fetched with POST.").with("Allow", "POST, OPTIONS");
        }
        Standing standing = checkLedger(share, now);
        if (standing instanceof Standing.Refused refused) {
            return refused.reply();
        }
        StoredFile file = share.files().get(0);
        Optional<Reply> notLogged = log(share, ((Standing.Stands) standing).grant(), recipient, List.of(file), now, seen);
        return notLogged.orElseGet(() -> Reply.jose(file.jwe()).with("Cache-Control", "no-store"));
    }

    /** A file by its single-use address from a manifest; logged when the manifest was served. */
    Reply location(String token) {
        long now = clock.instant().getEpochSecond();
        Optional<ShareStore.TokenTarget> target = store.takeToken(tokenHash(token), now);
        if (target.isEmpty()) {
            return Reply.error(404, "This file address is unknown, used or expired; ask the link's manifest again.");
        }
        Optional<StoredShare> found = active(store.find(target.get().shareId()), now);
        if (found.isEmpty()) {
            return Reply.notFound();
        }
        if (checkLedger(found.get(), now) instanceof Standing.Refused refused) {
            return refused.reply();
        }
        return found.get().files().stream().filter(f -> f.index() == target.get().index()).findFirst()
                .map(f -> Reply.jose(f.jwe()).with("Cache-Control", "no-store"))
                .orElseGet(Reply::notFound);
    }

    /** The share if the relay may still serve it by its own records; an expired one is ended on the way. */
    private Optional<StoredShare> active(Optional<StoredShare> found, long now) {
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredShare share = found.get();
        if (share.status() == StoredShare.Status.ACTIVE && share.expiredAt(now)) {
            store.end(share.id(), StoredShare.Status.EXPIRED, now);
            return Optional.empty();
        }
        return share.servableAt(now) ? found : Optional.empty();
    }

    private Standing checkLedger(StoredShare share, long now) {
        GrantCheck.Verdict verdict;
        try {
            verdict = grants.check(share, now);
        } catch (LedgerUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "share " + share.logName() + " not served, the ledger could not be read: " + e.getMessage());
            return new Standing.Refused(Reply.ledgerUnavailable());
        }
        if (verdict instanceof GrantCheck.Verdict.Refuse refuse) {
            LOG.log(System.Logger.Level.INFO, "share " + share.logName() + " not served: " + refuse.reason());
            if (refuse.revoked()) {
                store.end(share.id(), StoredShare.Status.REVOKED, now);
            }
            return new Standing.Refused(refuse.toRecipient().map(m -> Reply.error(404, m)).orElseGet(Reply::notFound));
        }
        return new Standing.Stands(((GrantCheck.Verdict.Serve) verdict).grant());
    }

    private Optional<Reply> checkPasscode(StoredShare share, Optional<String> passcode, long now) {
        if (passcode.isEmpty()) {
            return Optional.of(Reply.passcodeNeeded(share.attemptsLeft(), "This link needs its passcode."));
        }
        int left = store.takeAttempt(share.id());
        if (left < 0) {
            store.end(share.id(), StoredShare.Status.DISABLED, now);
            return Optional.of(Reply.notFound());
        }
        if (share.passcode().orElseThrow().matches(passcode.get())) {
            store.returnAttempt(share.id());
            return Optional.empty();
        }
        LOG.log(System.Logger.Level.INFO, "share " + share.logName() + ": wrong passcode, " + left + " attempts left");
        if (left == 0) {
            store.end(share.id(), StoredShare.Status.DISABLED, now);
            LOG.log(System.Logger.Level.WARNING, "share " + share.logName() + " disabled after too many wrong passcodes");
        }
        return Optional.of(Reply.passcodeNeeded(left, left == 0
                ? "Wrong passcode. No attempts are left; this link is now disabled."
                : "Wrong passcode."));
    }

    /** Writes the access to the ledger and waits for the commit; a reply when that did not happen. */
    private Optional<Reply> log(StoredShare share, GrantRecord grant, String recipient, List<StoredFile> files, long now, Seen seen) {
        AccessDetails details = AccessDetails.asSeen(recipient, files.stream().map(StoredFile::digest).toList(),
                seen.client(), seen.userAgent());
        AccessRecorded access = sealing.record(grant, details, now);
        AccessRecorder.Outcome outcome = recorder.record(access);
        if (outcome instanceof AccessRecorder.Outcome.Recorded) {
            return Optional.empty();
        }
        grants.forget(share.digest());
        if (outcome instanceof AccessRecorder.Outcome.Refused refused
                && refused.code() == org.healthwallet.node.ledger.TxCode.UNAUTHORIZED.code()) {
            // The grant may have stopped standing since the relay looked (a caregiver's delegation ended):
            // a fresh reading says so to the person who asked.
            if (checkLedger(share, now) instanceof Standing.Refused withdrawn) {
                return Optional.of(withdrawn.reply());
            }
        }
        if (outcome instanceof AccessRecorder.Outcome.Refused refused && refused.grantGone()) {
            LOG.log(System.Logger.Level.INFO, "share " + share.logName() + " not served, the ledger refused the access: " + refused.log());
            // A revoked or expired grant never stands again (a grant id is issued once): drop the files now.
            if (refused.code() == org.healthwallet.node.ledger.TxCode.REVOKED.code()) {
                store.end(share.id(), StoredShare.Status.REVOKED, now);
            } else if (refused.code() == org.healthwallet.node.ledger.TxCode.EXPIRED.code()) {
                store.end(share.id(), StoredShare.Status.EXPIRED, now);
            }
            return Optional.of(Reply.notFound());
        }
        String why = outcome instanceof AccessRecorder.Outcome.Refused r ? "refused (code " + r.code() + "): " + r.log()
                : ((AccessRecorder.Outcome.Unavailable) outcome).reason();
        LOG.log(System.Logger.Level.WARNING, "share " + share.logName() + " not served, the access was not recorded: " + why);
        return Optional.of(Reply.ledgerUnavailable());
    }

    private URI location(StoredShare share, StoredFile file, long now) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long expires = Math.min(now + tuning.locationTtl().toSeconds(), share.expiresAt());
        store.addToken(tokenHash(token), share.id(), file.index(), expires);
        return URI.create(base + "/files/" + token);
    }

    static Digest tokenHash(String token) {
        return Digest.sha256(token.getBytes(StandardCharsets.US_ASCII));
    }

    static ManifestRequest parse(byte[] body) throws BadRequestException {
        JsonNode root = ShareUpload.readJson(body);
        if (!root.isObject()) {
            throw new BadRequestException(400, "The manifest request must be a JSON object.");
        }
        JsonNode recipient = root.get("recipient");
        if (recipient == null || !recipient.isTextual()) {
            throw new BadRequestException(400, "The manifest request needs \"recipient\": who is asking, as text.");
        }
        String who = checkRecipient(recipient.textValue());
        JsonNode passcode = root.get("passcode");
        if (passcode != null && !passcode.isNull() && (!passcode.isTextual() || passcode.textValue().length() > 256)) {
            throw new BadRequestException(400, "\"passcode\" must be text of at most 256 characters.");
        }
        JsonNode max = root.get("embeddedLengthMax");
        if (max != null && !max.isNull() && (!max.isIntegralNumber() || !max.canConvertToInt() || max.intValue() < 0)) {
            throw new BadRequestException(400, "\"embeddedLengthMax\" must be a whole number of characters, 0 or more.");
        }
        return new ManifestRequest(who,
                passcode == null || passcode.isNull() ? Optional.empty() : Optional.of(passcode.textValue()),
                max == null || max.isNull() ? Optional.empty() : Optional.of(max.intValue()));
    }

    static String recipientOf(String rawQuery) throws BadRequestException {
        String recipient = null;
        if (rawQuery != null && rawQuery.length() <= 2048) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (name.equals("recipient")) {
                    if (recipient != null) {
                        throw new BadRequestException(400, "\"recipient\" is given twice.");
                    }
                    try {
                        recipient = java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        throw new BadRequestException(400, "\"recipient\" is not correctly URL-encoded.");
                    }
                }
            }
        }
        if (recipient == null) {
            throw new BadRequestException(400, "This link's file is fetched with ?recipient= naming who is asking.");
        }
        return checkRecipient(recipient);
    }

    /** The ledger's rule for a recipient: 1 to 200 bytes of UTF-8, no control characters. */
    private static String checkRecipient(String recipient) throws BadRequestException {
        int bytes = recipient.getBytes(StandardCharsets.UTF_8).length;
        if (recipient.isBlank() || bytes > AccessDetails.MAX_RECIPIENT_BYTES
                || recipient.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)) {
            throw new BadRequestException(400, "\"recipient\" must be 1 to " + AccessDetails.MAX_RECIPIENT_BYTES
                    + " bytes of text without control characters.");
        }
        return recipient;
    }
}
