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
import java.util.function.Supplier;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.share.ShareLink.Flag;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.relay.ShareScope;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.Ed25519PublicKey;
import org.healthwallet.ledger.tx.GrantIssued;
import org.healthwallet.ledger.tx.GrantRevoked;

/**
 * The patient's share use cases: create a share (build the Bundle, encrypt it under a fresh key,
 * upload it to the relay, record the grant on the ledger, keep the link in the vault) and revoke
 * one (delete it on the relay, record the revocation, mark it in the vault).
 *
 * <p>A create that fails part way leaves nothing usable behind: until the link is returned, its key
 * exists only in memory, and a share already on the relay is withdrawn (best effort) before the
 * error is reported. A revoke changes the vault only when relay and ledger are both done, so it can
 * simply be tried again (the relay treats an unknown share as already gone).
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
        CreatedShare created = relay.create(SignedRelayRequest.create(request.toJson(), signer, now, random));

        Digest scope = scopeOf(request.files());
        try {
            if (created.expiresAt().isAfter(request.expiresAt())) {
                throw new ShareException("The relay would keep the share longer than you chose; it was not shared.");
            }
            ShareLink link = ShareLink.of(created.manifestUrl(), key, Optional.of(request.expiresAt()), flags, draft.label());
            ledger.issue(new GrantIssued(Share.grantIdOf(created.id()), patient, scope,
                    request.expiresAt().getEpochSecond(), created.relayKey()));
            Share share = new Share(UUID.randomUUID(), created.id(), link, now, content.selection().describe(),
                    draft.passcode().isPresent(), scope, Optional.empty());
            try {
                shares.save(share);
            } catch (VaultException e) {
                withdrawFromLedger(created.id());
                throw e;
            }
            return share;
        } catch (ShareException | VaultException | RuntimeException e) {
            withdrawFromRelay(created.id(), now);
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
        Set<Flag> flags = EnumSet.of(Flag.L);
        ShareRequest request = new ShareRequest(List.of(encrypt(content, key)), expiresAt, flags, Optional.empty());
        CreatedShare created = relay.create(SignedRelayRequest.create(request.toJson(), signer, now, random));
        Digest scope = longTermScopeOf(created.id());
        try {
            ShareLink link = ShareLink.of(created.manifestUrl(), key, Optional.of(request.expiresAt()), flags,
                    Optional.ofNullable(label));
            ledger.issue(new GrantIssued(Share.grantIdOf(created.id()), patient, scope,
                    request.expiresAt().getEpochSecond(), created.relayKey()));
            Share share = new Share(UUID.randomUUID(), created.id(), link, now, describe, false, scope, Optional.empty());
            try {
                shares.save(share);
            } catch (VaultException e) {
                withdrawFromLedger(created.id());
                throw e;
            }
            return share;
        } catch (ShareException | VaultException | RuntimeException e) {
            withdrawFromRelay(created.id(), now);
            throw e;
        }
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

    private void withdrawFromRelay(String relayId, Instant now) {
        try {
            relay.revoke(SignedRelayRequest.revoke(relayId, signer, now, random));
        } catch (RelayException | RuntimeException ignored) {
            // Without the key, which never left this process, the stored ciphertext is unreadable;
            // the relay drops it at its expiry.
        }
    }

    private void withdrawFromLedger(String relayId) {
        try {
            ledger.revoke(new GrantRevoked(Share.grantIdOf(relayId)));
        } catch (ShareException | RuntimeException ignored) {
            // The grant expires on its own; the relay no longer holds the files.
        }
    }
}
