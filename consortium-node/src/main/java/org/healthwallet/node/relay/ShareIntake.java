package org.healthwallet.node.relay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.relay.RelayRequestSignature;
import org.healthwallet.ledger.relay.RelayRequestSignature.Action;
import org.healthwallet.ledger.relay.ShareScope;
import org.healthwallet.ledger.tx.Digest;

/**
 * Creating and revoking shares, each a request signed by the patient's key. A create is accepted
 * without asking the ledger: the wallet uploads first and then records the grant (it needs the
 * relay's share id for that), so the upload waits for its grant ({@link GrantWait} deletes it if
 * none appears in time) and the grant is checked when the share is served, every time. What can be
 * refused without the body (the client's rate, the claimed key's quota, the room for uploads
 * waiting for a grant) is refused before the body is read ({@link #admit}).
 * The share's id (the wallet revokes by it, and the ledger's share id is SHA-256 of its UTF-8 bytes)
 * follows from the signed request ({@link RelayRequestSignature#createdShareId()}), so a wallet
 * that dies before it reads the answer still knows what to withdraw; the manifest id (32 random
 * bytes, in the manifest URL) is the relay's own, so that the revoke id gives no access.
 */
final class ShareIntake {
    private static final System.Logger LOG = System.getLogger(ShareIntake.class.getName());
    /** A share may not be set to live longer than this. */
    static final Duration MAX_LIFETIME = Duration.ofDays(365);

    private final ShareStore store;
    private final RelayTuning tuning;
    private final URI base;
    private final Ed25519PublicKey relayKey;
    private final SecureRandom random;
    private final Clock clock;
    private final RateLimiter createLimit;
    private final GrantCheck grants;

    ShareIntake(ShareStore store, RelayTuning tuning, URI base, Ed25519PublicKey relayKey, SecureRandom random,
                Clock clock, RateLimiter createLimit, GrantCheck grants) {
        this.store = store;
        this.tuning = tuning;
        this.base = base;
        this.relayKey = relayKey;
        this.random = random;
        this.clock = clock;
        this.createLimit = createLimit;
        this.grants = grants;
    }

    /** The ledger's share id for the relay's share id. */
    static Digest digestOf(String shareId) {
        return Digest.sha256(shareId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What the wallet's grant commits to ({@link ShareScope}): the files' digests, or for a long-term
     * (flag L) share its id, since its owner replaces the files while the link lives.
     */
    static Digest scopeOf(String id, String flags, List<StoredFile> files) {
        return flags.indexOf('L') >= 0 ? ShareScope.longTerm(id)
                : ShareScope.ofFiles(files.stream().map(StoredFile::digest).toList());
    }

    URI manifestUrl(String manifestId) {
        return URI.create(base + "/shl/" + manifestId);
    }

    /**
     * Before the body of a create is read: the client's rate, then the quota of the key the headers
     * claim (not yet verified, so a refusal only costs the request itself) for the declared length.
     */
    Optional<Reply> admit(SignedRequest.Headers headers, long declaredLength, String client) {
        Optional<Duration> wait = createLimit.take("create", client);
        if (wait.isPresent()) {
            return Optional.of(Reply.tooManyRequests(wait.get()));
        }
        try {
            return roomFor(SignedRequest.from(headers).key(), Math.max(declaredLength, 0));
        } catch (BadRequestException e) {
            return Optional.of(e.reply());
        }
    }

    /** Before the body of a long-term share's update is read: the client's rate (as for a create). */
    Optional<Reply> admitUpdate(String client) {
        return createLimit.take("create", client).map(Reply::tooManyRequests);
    }

    /** Before the body of a revoke is read: the client's rate. */
    Optional<Reply> admitRevoke(String client) {
        return createLimit.take("revoke", client).map(Reply::tooManyRequests);
    }

    /** A refusal when {@code bytes} more would take the key over its quota or the relay over its room for waiting uploads. */
    private Optional<Reply> roomFor(Ed25519PublicKey owner, long bytes) {
        TrafficLimits limits = tuning.traffic();
        long stored = store.storedBytes(owner);
        if (stored + bytes > limits.quotaPerKey()) {
            return Optional.of(Reply.error(413, "This key already keeps " + mib(stored) + " of shares on this relay and may keep "
                    + mib(limits.quotaPerKey()) + "; revoke shares it no longer needs, or wait until they expire."));
        }
        if (store.waitingBytes() + bytes > limits.maxWaitingBytes()) {
            return Optional.of(Reply.error(503, "The relay holds too many uploads waiting for their grant on the ledger;"
                    + " try again in a minute.").with("Retry-After", "60"));
        }
        return Optional.empty();
    }

    private static String mib(long bytes) {
        return bytes < 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** A create whose body was read after {@link #admit} let it through. */
    Reply create(SignedRequest.Headers headers, byte[] body) {
        long now = clock.instant().getEpochSecond();
        ShareUpload upload;
        RelayRequestSignature signed;
        try {
            signed = authenticate(headers, Action.CREATE, "-", body, now);
            upload = ShareUpload.parse(body);
        } catch (BadRequestException e) {
            return e.reply();
        }
        if (upload.expiresAt() <= now) {
            return Reply.error(400, "The share's expiry is in the past.");
        }
        if (upload.expiresAt() > now + MAX_LIFETIME.toSeconds()) {
            return Reply.error(400, "A share may live at most " + MAX_LIFETIME.toDays() + " days.");
        }
        String id = signed.createdShareId();
        if (store.find(id).isPresent()) {
            return Reply.error(409, "This signed request was already used once; sign a new one.");
        }
        String manifestId = randomId(32);
        List<StoredFile> files = new ArrayList<>();
        for (int i = 0; i < upload.files().size(); i++) {
            files.add(StoredFile.of(i, upload.files().get(i).contentType(), upload.files().get(i).jwe()));
        }
        Optional<Reply> full = roomFor(signed.key(), files.stream().mapToLong(f -> f.jwe().length()).sum());
        if (full.isPresent()) {
            return full.get();
        }
        Optional<PasscodeHash> passcode = upload.passcode().map(p -> PasscodeHash.of(p, tuning.passcodeIterations(), random));
        StoredShare share = new StoredShare(id, manifestId, digestOf(id), scopeOf(id, upload.flags(), files), signed.key(), upload.flags(),
                upload.expiresAt(), passcode, tuning.passcodeAttempts(), StoredShare.Status.ACTIVE, now, files);
        store.insert(share);
        LOG.log(System.Logger.Level.INFO, "share " + share.logName() + " created: " + files.size() + " files, flags "
                + (share.flags().isEmpty() ? "none" : share.flags()) + ", expires " + share.expiresAt());
        ObjectNode answer = Reply.JSON.createObjectNode();
        answer.put("id", id);
        answer.put("manifestUrl", manifestUrl(manifestId).toString());
        answer.put("expiresAt", upload.expiresAt());
        answer.put("relayKey", Base64.getUrlEncoder().withoutPadding().encodeToString(relayKey.bytes()));
        return Reply.json(201, answer);
    }

    private String randomId(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    Reply revoke(String id, SignedRequest.Headers headers, byte[] body) {
        long now = clock.instant().getEpochSecond();
        RelayRequestSignature signed;
        try {
            signed = authenticate(headers, Action.REVOKE, id, body, now);
        } catch (BadRequestException e) {
            return e.reply();
        }
        Optional<StoredShare> found = store.find(id);
        if (found.isEmpty()) {
            return Reply.notFound();
        }
        StoredShare share = found.get();
        if (!share.owner().equals(signed.key())) {
            return Reply.error(403, "Only the key that created this share may revoke it.");
        }
        if (!store.end(id, StoredShare.Status.REVOKED, now)) {
            return Reply.notFound();
        }
        grants.forget(share.digest());
        LOG.log(System.Logger.Level.INFO, "share " + share.logName() + " revoked; its files were deleted");
        return Reply.noContent();
    }

    /**
     * Replaces the files of an active long-term (flag L) share, signed by its owner: its grant commits
     * to the share's id, not to its files, and each later access names the files then served.
     */
    Reply update(String id, SignedRequest.Headers headers, byte[] body) {
        long now = clock.instant().getEpochSecond();
        RelayRequestSignature signed;
        FileUpdate update;
        try {
            signed = authenticate(headers, Action.UPDATE, id, body, now);
            update = FileUpdate.parse(body);
        } catch (BadRequestException e) {
            return e.reply();
        }
        Optional<StoredShare> found = store.find(id);
        if (found.isEmpty()) {
            return Reply.notFound();
        }
        StoredShare share = found.get();
        if (!share.owner().equals(signed.key())) {
            return Reply.error(403, "Only the key that created this share may change its files.");
        }
        if (!share.hasFlag('L')) {
            return Reply.error(409, "This share is not long-term (flag L), so its files stay as shared; make a new share instead.");
        }
        if (share.hasFlag('U') && update.files().size() != 1) {
            return Reply.error(400, "This link has flag U: it holds exactly one file.");
        }
        if (share.status() != StoredShare.Status.ACTIVE || share.expiredAt(now)) {
            return Reply.error(409, "This share is no longer active (" + (share.status() == StoredShare.Status.ACTIVE
                    ? "expired" : share.status().name().toLowerCase(Locale.ROOT)) + "); its files cannot be replaced.");
        }
        List<StoredFile> files = new ArrayList<>();
        for (int i = 0; i < update.files().size(); i++) {
            files.add(StoredFile.of(i, update.files().get(i).contentType(), update.files().get(i).jwe()));
        }
        if (!store.replaceFiles(id, files, now)) {
            return Reply.error(409, "This share ended while its files were being replaced; nothing was changed.");
        }
        LOG.log(System.Logger.Level.INFO, "share " + share.logName() + " updated: " + files.size() + " files");
        return Reply.noContent();
    }

    /** Checks the signature headers, the time window and that the nonce is new, in that order. */
    private RelayRequestSignature authenticate(SignedRequest.Headers headers, Action action, String shareId, byte[] body,
                                               long now) throws BadRequestException {
        RelayRequestSignature signed = SignedRequest.from(headers);
        if (!signed.isWithinClockSkew(now)) {
            throw new BadRequestException(401, "The request was signed at a time more than "
                    + RelayRequestSignature.CLOCK_SKEW.toMinutes()
                    + " minutes from the relay's clock; check this computer's clock.");
        }
        if (!signed.signs(action, shareId, body)) {
            throw new BadRequestException(401, "The request's signature does not verify for its key.");
        }
        // Kept twice the skew: a request is timely for that long, so its nonce must be refused that long.
        if (!store.firstUseOfNonce(signed.key(), signed.nonce(), now + 2 * RelayRequestSignature.CLOCK_SKEW.toSeconds())) {
            throw new BadRequestException(409, "This signed request was already used once; sign a new one.");
        }
        return signed;
    }
}
