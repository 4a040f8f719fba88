package org.healthwallet.core.share;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.share.ShareLink.Flag;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.relay.ShareScope;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;

/**
 * The patient's share use cases: create a share (build the Bundle, encrypt it under a fresh key,
 * upload it to the relay, record the grant on the ledger, keep the link in the vault) and revoke
 * one (delete it on the relay, record the revocation, mark it in the vault).
 *
 * <p>A create that fails part way leaves nothing usable behind: until the link is returned, its key
 * exists only in memory, and a share already on the relay is withdrawn (best effort) before the
 * error is reported. Before the upload the vault notes the share as started, under the relay id the
 * upload will get, and the finished share replaces that note in one transaction; so a wallet killed
 * at any moment knows every share it may have left on the relay ({@link Shares#interrupted()}) and
 * can {@link #withdraw} it. A revoke changes the vault only when relay and ledger are both done, so
 * it can simply be tried again (the relay treats an unknown share as already gone).
 */
public final class Sharing {
    private final Vault vault;
    private final Shares shares;
    private final RelayClient relay;
    private final GrantLedger ledger;
    private final Clock clock;
    private final SecureRandom random;
    private final PatientSigner signer;
    private final Ed25519PublicKey patient;
    private final Supplier<RecordIndex> records;

    /** @param clock the time and the patient's zone (the zone titles a summary) */
    public Sharing(Vault vault, RelayClient relay, GrantLedger ledger, Clock clock, SecureRandom random) {
        this(vault, PatientSigner.of(vault), new Ed25519PublicKey(vault.identityPublicKey()), vault::index, relay, ledger,
                clock, random);
    }

    /**
     * Sharing for someone else's records: a caregiver ({@code signer}, who signs the relay requests
     * and, through {@code ledger}, the grants) shares the records of {@code patient} (a dependent,
     * whose access log records the openings) from {@code vault} (the dependent's vault, or the
     * caregiver's copy of it), as {@code records} shows them (a parent's view of a child of 12 or more
     * leaves out sensitive records, and so must every share of it).
     */
    public Sharing(Vault vault, PatientSigner signer, Ed25519PublicKey patient, Supplier<RecordIndex> records,
                   RelayClient relay, GrantLedger ledger, Clock clock, SecureRandom random) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.shares = new Shares(vault);
        this.signer = Objects.requireNonNull(signer, "signer");
        this.patient = Objects.requireNonNull(patient, "patient");
        this.records = Objects.requireNonNull(records, "records");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Whose records these shares are (the key whose access log records the openings). */
    public Ed25519PublicKey patient() {
        return patient;
    }

    public Shares shares() {
        return shares;
    }

    /**
     * Makes the share and returns it with its link (show {@code share.link()} as a QR code).
     *
     * @throws ShareException the draft cannot be shared (message says why), or the relay or ledger refused
     * @throws VaultException the vault could not save the share (it was withdrawn from the relay)
     */
    public Share create(ShareDraft draft) throws ShareException, VaultException {
        Instant now = clock.instant();
        Optional<String> problem = draft.problem(now);
        if (problem.isPresent()) {
            throw new ShareException(problem.get());
        }
        ShareContent content = ShareContent.build(records.get(), draft.selection(), vault.label(), now, clock.getZone());
        ShareKey key = ShareKey.generate(random);
        String jwe = new Jwe(random).encrypt(content.bundle().bytes(), key, Jwe.Options.of(content.contentType(), true));
        EncryptedFile file = new EncryptedFile(content.contentType(), jwe);
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        draft.passcode().ifPresent(p -> flags.add(Flag.P));
        if (draft.directFile()) {
            flags.add(Flag.U);
        }
        ShareRequest request = new ShareRequest(List.of(file), draft.expiresAt(), flags, draft.passcode());
        return publish(request, key, now, content.selection().describe(), draft.label(), draft.passcode().isPresent(),
                (files, relayId) -> scopeOf(files));
    }

    /**
     * Uploads, grants and keeps a share, crash-safely: before the upload the vault notes the share as
     * started, under the relay id the upload will get, and the finished share replaces that note in
     * one transaction.
     *
     * @param scopeFor the grant's scope, from the request and the relay's share id
     */
    private Share publish(ShareRequest request, ShareKey key, Instant now, String describe, Optional<String> label,
                          boolean passcode, BiFunction<List<EncryptedFile>, String, Digest> scopeFor)
            throws ShareException, VaultException {
        Set<Flag> flags = request.flags();
        SignedRelayRequest upload = SignedRelayRequest.create(request.toJson(), signer, now, random);

        // Written down before anything leaves this computer, under the id the finished share takes:
        // a crash from here on leaves this entry, and the relay id in it says what to withdraw.
        InterruptedShare started = new InterruptedShare(UUID.randomUUID(), upload.createdShareId(), now, describe, label);
        shares.saveStarted(started);
        CreatedShare created;
        try {
            created = relay.create(upload);
        } catch (RelayException e) {
            if (e.status() != 0) {
                forgetQuietly(started);   // the relay answered and refused: it holds nothing
            } else {
                withdrawQuietly(started, now, false);   // no answer: the upload may still have arrived
            }
            throw e;
        } catch (RuntimeException e) {
            withdrawQuietly(started, now, false);
            throw e;
        }
        Digest scope = scopeFor.apply(request.files(), created.id());
        boolean granted = false;
        try {
            if (!created.id().equals(started.relayId())) {
                withdrawFromRelay(created.id(), now);
                throw new ShareException("The relay answered with a share id this wallet did not expect, so it was not shared.");
            }
            if (created.expiresAt().isAfter(request.expiresAt())) {
                throw new ShareException("The relay would keep the share longer than you chose; it was not shared.");
            }
            ShareLink link = ShareLink.of(created.manifestUrl(), key, Optional.of(request.expiresAt()), flags, label);
            ledger.issue(new GrantIssued(Share.grantIdOf(created.id()), patient, scope,
                    request.expiresAt().getEpochSecond(), created.relayKey()));
            granted = true;
            Share share = new Share(started.id(), created.id(), link, now, started.selection(), passcode, scope,
                    Optional.empty());
            shares.save(share);   // replaces the started entry in one transaction
            return share;
        } catch (ShareException | VaultException | RuntimeException e) {
            withdrawQuietly(started, now, granted);
            throw e;
        }
    }

    /**
     * Makes a long-term share (flag L) of {@code content}: the relay may be given new files for it
     * later ({@link #updateLongTerm}), so its grant commits to the relay's share id rather than to
     * the files ({@link #longTermScopeOf}). The caregiver's copy of a dependent's records is one.
     */
    public Share createLongTerm(BuiltBundle content, String describe, Instant expiresAt, String label)
            throws ShareException, VaultException {
        Instant now = clock.instant();
        ShareKey key = ShareKey.generate(random);
        ShareRequest request = new ShareRequest(List.of(encrypt(content, key)), expiresAt, EnumSet.of(Flag.L), Optional.empty());
        return publish(request, key, now, describe, Optional.ofNullable(label), false,
                (files, relayId) -> longTermScopeOf(relayId));
    }

    /** Gives the relay new files for a long-term share, under the key its link already holds. */
    public void updateLongTerm(Share share, BuiltBundle content) throws ShareException {
        if (!share.link().flags().contains(Flag.L)) {
            throw new ShareException("Only a long-term link can be given new content.");
        }
        ObjectNode body = ShareJson.MAPPER.createObjectNode();
        body.put("v", 1);
        EncryptedFile file = encrypt(content, share.link().key());
        body.putArray("files").addObject().put("contentType", file.contentType()).put("jwe", file.jwe());
        relay.update(SignedRelayRequest.update(share.relayId(), ShareJson.writeBytes(body), signer, clock.instant(), random));
    }

    private EncryptedFile encrypt(BuiltBundle content, ShareKey key) {
        String jwe = new Jwe(random).encrypt(content.bytes(), key, Jwe.Options.of(ShareContent.FHIR_JSON, true));
        return new EncryptedFile(ShareContent.FHIR_JSON, jwe);
    }

    /**
     * The scope a long-term share's grant commits to: SHA-256("HealthWallet long-term share v1" ||
     * the relay's share id), since its files change while the link lives.
     */
    public static Digest longTermScopeOf(String relayId) {
        return ShareScope.longTerm(relayId);
    }

    /**
     * Withdraws a share that was started but not finished ({@link Shares#interrupted()}): deleted on
     * the relay if it got there, its grant revoked on the ledger if it got there, then forgotten.
     * Like a revoke it can simply be tried again.
     */
    public InterruptedShare withdraw(UUID shareId) throws ShareException, VaultException {
        InterruptedShare share = shares.findInterrupted(shareId)
                .orElseThrow(() -> new ShareException("There is no unfinished share with this id in this wallet."));
        relay.revoke(SignedRelayRequest.revoke(share.relayId(), signer, clock.instant(), random));
        try {
            ledger.withdraw(new GrantRevoked(share.grantId()));
        } catch (ShareException e) {
            throw new ShareException("The relay no longer holds this unfinished share, but the ledger could not be checked"
                    + " for its grant (" + e.getMessage() + "). Try revoking again.", e);
        }
        shares.forgetInterrupted(shareId);
        return share;
    }

    /**
     * Revokes a share: deleted on the relay, the revocation recorded on the ledger, then marked in
     * the vault. Revoking a revoked share returns it unchanged.
     */
    public Share revoke(UUID shareId) throws ShareException, VaultException {
        Share share = shares.find(shareId).orElseThrow(() -> new ShareException("There is no such share in this wallet."));
        if (share.revokedAt().isPresent()) {
            return share;
        }
        Instant now = clock.instant();
        relay.revoke(SignedRelayRequest.revoke(share.relayId(), signer, now, random));
        try {
            ledger.revoke(new GrantRevoked(share.grantId()));
        } catch (ShareException e) {
            throw new ShareException("The relay no longer serves this share, but its revocation could not be recorded"
                    + " on the ledger (" + e.getMessage() + "). Try revoking again.", e);
        }
        return shares.markRevoked(shareId, now).orElseThrow();
    }

    /** The grant's scope: SHA-256 over the digests of the encrypted files, so the ledger learns nothing of them. */
    static Digest scopeOf(List<EncryptedFile> files) {
        return ShareScope.ofFiles(files.stream().map(f -> new Digest(f.digest())).toList());
    }

    /**
     * After a failed create: withdraws from the relay (and the ledger when the grant was recorded)
     * and forgets the started entry; if the relay cannot be reached the entry stays, and the list of
     * shares offers to withdraw it later.
     */
    private void withdrawQuietly(InterruptedShare started, Instant now, boolean granted) {
        if (!withdrawFromRelay(started.relayId(), now)) {
            return;
        }
        if (granted) {
            try {
                ledger.revoke(new GrantRevoked(started.grantId()));
            } catch (ShareException | RuntimeException ignored) {
                // The grant expires on its own; the relay no longer holds the files.
            }
        }
        forgetQuietly(started);
    }

    private void forgetQuietly(InterruptedShare started) {
        try {
            shares.forgetInterrupted(started.id());
        } catch (VaultException | RuntimeException ignored) {
            // It stays listed as unfinished; withdrawing it again is harmless.
        }
    }

    private boolean withdrawFromRelay(String relayId, Instant now) {
        try {
            relay.revoke(SignedRelayRequest.revoke(relayId, signer, now, random));
            return true;
        } catch (RelayException | RuntimeException e) {
            // Without the key, which never left this process, the stored ciphertext is unreadable;
            // the relay drops it at its expiry.
            return false;
        }
    }
}
