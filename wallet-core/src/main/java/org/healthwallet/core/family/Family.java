package org.healthwallet.core.family;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.healthwallet.core.crypto.SealKey;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.vault.CreatedVault;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Profile;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationScope;

/**
 * The caregiver's side: the dependents whose wallets this wallet holds. A child's wallet is made
 * here (own keys, own vault file, the delegation signed by the child's key); an adult's copy is
 * made by accepting the adult's invitation and kept current by refreshing it through the relay.
 * Each dependent's vault is unlocked with a random secret kept in the caregiver's own vault, so
 * unlocking the caregiver's wallet is what opens them (see docs/caregivers.md).
 */
public final class Family {
    /** Every scope bit: a parent of a child may do all a wallet can, hand-over included. */
    public static final DelegationScope CHILD_SCOPE = new DelegationScope(DelegationScope.KNOWN_BITS);

    private final Profiles profiles;
    private final Vault own;
    private final KdfParams kdf;
    private final Clock clock;
    private final SecureRandom random;
    private final Predicate<StoredRecord> sensitive;

    /**
     * @param own       the caregiver's own unlocked vault (keeps the dependents' entries)
     * @param kdf       the key derivation for the dependents' vaults
     * @param clock     the time and the family's zone (birthdays are days in it)
     * @param sensitive whether a record is in a sensitive category (hidden from a parent from the child's 12th birthday)
     */
    public Family(Profiles profiles, Vault own, KdfParams kdf, Clock clock, SecureRandom random,
                  Predicate<StoredRecord> sensitive) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.own = Objects.requireNonNull(own, "own");
        this.kdf = Objects.requireNonNull(kdf, "kdf");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.sensitive = Objects.requireNonNull(sensitive, "sensitive");
    }

    /** The dependents, in the order they were added. */
    public List<Dependent> dependents() throws VaultException {
        List<Dependent> all = new ArrayList<>();
        for (Map.Entry<UUID, byte[]> item : own.items(Dependent.KIND).entrySet()) {
            all.add(Dependent.decode(item.getKey(), item.getValue()));
        }
        List<String> order = profiles.list().stream().map(Profile::id).toList();
        all.sort(Comparator.comparingInt(d -> order.indexOf(d.profileId())));
        return List.copyOf(all);
    }

    /** A dependent by the name shown for them (case-insensitive) or by profile id. */
    public Optional<Dependent> find(String nameOrProfile) throws VaultException {
        String wanted = nameOrProfile.strip();
        return dependents().stream()
                .filter(d -> d.profileId().equals(wanted) || d.label().equalsIgnoreCase(wanted))
                .findFirst();
    }

    /** This caregiver's code, for an adult to invite them with. */
    public CaregiverCode code() {
        return CaregiverCode.of(own);
    }

    /**
     * Makes a child's wallet: a new profile with its own keys and vault, and on the ledger the child's
     * key delegating everything to the parent's until the 18th birthday. A failure on the ledger
     * leaves nothing behind.
     */
    public Dependent addChild(String name, LocalDate born, FamilyLedger ledger) throws FamilyException, VaultException {
        LocalDate today = LocalDate.now(clock);
        if (name == null || name.isBlank()) {
            throw new FamilyException("Give the child's name.");
        }
        if (born.isAfter(today)) {
            throw new FamilyException("The date of birth " + born + " is in the future.");
        }
        Instant adulthood = born.plusYears(Dependent.ADULT_AGE).atStartOfDay(clock.getZone()).toInstant();
        if (!adulthood.isAfter(clock.instant())) {
            throw new FamilyException(name.strip() + " is " + Dependent.ADULT_AGE + " or older and holds their own wallet;"
                    + " an adult can invite you as a caregiver instead.");
        }
        if (find(name).isPresent()) {
            throw new FamilyException("There is already a dependent named " + name.strip() + " in this wallet.");
        }
        String secret = newSecret();
        Profile profile = profiles.create(name.strip());
        Dependent child;
        try {
            CreatedVault created = createVault(profile, secret, name.strip());
            try (Vault childVault = created.vault()) {
                Ed25519PublicKey childKey = new Ed25519PublicKey(childVault.identityPublicKey());
                Ed25519PublicKey parent = new Ed25519PublicKey(own.identityPublicKey());
                ledger.submit(childKey, childVault::sign,
                        new DelegationGranted(childKey, parent, CHILD_SCOPE, adulthood.getEpochSecond()),
                        "The delegation for " + name.strip() + " could not be recorded on the ledger");
                child = new Dependent(UUID.randomUUID(), profile.id(), Dependent.Kind.CHILD, name.strip(), childKey, CHILD_SCOPE,
                        adulthood, secret, Optional.of(born), Optional.of(String.join(" ", created.phrase().words())),
                        Optional.empty(), Optional.empty());
                own.putItem(Dependent.KIND, child.id(), child.encode());
            }
        } catch (FamilyException | VaultException | RuntimeException e) {
            discard(profile);
            throw e;
        }
        return child;
    }

    /**
     * Accepts an adult's invitation: checks, with a proof, that the delegation it names is on the
     * ledger and active for this wallet's key, makes the copy's profile and fetches the records.
     *
     * @param recipient how the dependent's access log names this caregiver's refreshes
     */
    public Dependent accept(String invitationText, FamilyLedger ledger, CopyFetcher fetcher, String recipient)
            throws FamilyException, VaultException {
        Ed25519PublicKey me = new Ed25519PublicKey(own.identityPublicKey());
        Invitation invitation;
        try (SealKey seal = SealKey.of(own::sign)) {
            invitation = Invitation.open(invitationText, me, seal);
        }
        if (!invitation.chainId().equals(ledger.chainId())) {
            throw new FamilyException("This invitation is for the consortium '" + invitation.chainId() + "', but this wallet"
                    + " uses '" + ledger.chainId() + "'.");
        }
        DelegationRecord delegation = activeDelegation(ledger, invitation.dependent(), me, invitation.label());
        if (dependents().stream().anyMatch(d -> d.key().equals(invitation.dependent()))) {
            throw new FamilyException("You already hold " + invitation.label() + "'s wallet as a caregiver.");
        }
        String secret = newSecret();
        Profile profile = profiles.create(invitation.label());
        try {
            CreatedVault created = createVault(profile, secret, invitation.label());
            try (Vault copyVault = created.vault()) {
                Dependent adult = new Dependent(UUID.randomUUID(), profile.id(), Dependent.Kind.ADULT, invitation.label(),
                        invitation.dependent(), delegation.scope(), Instant.ofEpochSecond(delegation.endsAt()), secret,
                        Optional.empty(), Optional.empty(), invitation.copyLink(), Optional.empty());
                if (adult.copyLink().isPresent()) {
                    adult = importCopy(adult, copyVault, fetcher, recipient).dependent();
            }
            own.putItem(Dependent.KIND, adult.id(), adult.encode());
            return adult;
            }
        } catch (FamilyException | VaultException | RuntimeException e) {
            discard(profile);
            throw e;
        }
    }

    /** What a refresh of a caregiver's copy did. */
    public record Refresh(Dependent dependent, int added, int total, boolean unchanged) {
    }

    /**
     * Fetches the adult's records again through the copy link (an access in the adult's log) and adds
     * what is new to the copy. Refused, with the reason, when the delegation has ended.
     */
    public Refresh refresh(Dependent adult, Vault copy, FamilyLedger ledger, CopyFetcher fetcher, String recipient)
            throws FamilyException, VaultException {
        if (adult.kind() != Dependent.Kind.ADULT || adult.copyLink().isEmpty()) {
            throw new FamilyException(adult.label() + "'s wallet is held here in full; there is no copy to refresh.");
        }
        Refresh done;
        try {
            done = importCopy(adult, copy, fetcher, recipient);
        } catch (FamilyException e) {
            // Say why in the patient's words when the ledger shows the delegation is over.
            activeDelegation(ledger, adult.key(), new Ed25519PublicKey(own.identityPublicKey()), adult.label());
            throw e;
        }
        own.putItem(Dependent.KIND, adult.id(), done.dependent().encode());
        return done;
    }

    /** Opens a dependent's vault (the caller closes it). */
    public Vault open(Dependent dependent) throws VaultException {
        char[] secret = dependent.profileSecret().toCharArray();
        try {
            return Vault.unlock(profiles.vaultFile(new Profile(dependent.profileId(), false, null)), secret);
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    /**
     * What the caregiver may see of a dependent's records today: all of them, except a child's
     * sensitive records from the child's 12th birthday (they stay in the child's vault for the
     * hand-over, and no share made by the parent includes them).
     */
    public RecordIndex view(Dependent dependent, Vault vault) {
        if (!dependent.sensitiveRecordsHiddenOn(LocalDate.now(clock))) {
            return vault.index();
        }
        return RecordIndex.of(vault.records().stream().filter(sensitive.negate()).toList());
    }

    /**
     * Writes the transfer file with which a child, now grown up, takes over their wallet, and returns
     * the one-time code that opens it (shown to the parent, never stored). The parent's copy stays
     * until the ledger shows the hand-over ({@link #removeHandedOver}).
     */
    public String exportHandOver(Dependent child, Path out, String chainId) throws FamilyException, VaultException {
        if (child.kind() != Dependent.Kind.CHILD || child.recoveryPhrase().isEmpty()) {
            throw new FamilyException(child.label() + " keeps their own wallet; only a child's wallet is handed over.");
        }
        if (!child.scope().allows(DelegationScope.HAND_OVER)) {
            throw new FamilyException("Your delegation for " + child.label() + " does not allow a hand-over.");
        }
        int age = child.ageOn(LocalDate.now(clock)).orElse(0);
        if (age < Dependent.ADULT_AGE - 2) {
            throw new FamilyException(child.label() + " is " + age + "; the hand-over is for a young adult (from 16, due at 18).");
        }
        byte[] records;
        try (Vault vault = open(child)) {
            records = CopyBundle.of(vault.index()).bytes();
        }
        String code = HandOverTransfer.newCode(random);
        new HandOverTransfer(child.label(), child.birthDate(), child.recoveryPhrase().get(),
                new Ed25519PublicKey(own.identityPublicKey()), chainId, records).write(out, code, kdf, random);
        return code;
    }

    /** Forgets a dependent: their profile and vault file go, and their entry here. */
    public void remove(Dependent dependent) throws VaultException {
        own.removeItem(Dependent.KIND, dependent.id());
        profiles.remove(dependent.profileId());
    }

    /**
     * Removes the wallets of children who have taken over their identity (a hand-over the ledger
     * shows, with a proof): the young adult holds it now, and the parent's copy must go.
     */
    public List<Dependent> removeHandedOver(FamilyLedger ledger) throws FamilyException, VaultException {
        List<Dependent> removed = new ArrayList<>();
        for (Dependent d : dependents()) {
            if (d.kind() == Dependent.Kind.CHILD && ledger.handOver(d.key()).isPresent()) {
                remove(d);
                removed.add(d);
            }
        }
        return removed;
    }

    private Refresh importCopy(Dependent adult, Vault copy, CopyFetcher fetcher, String recipient)
            throws FamilyException, VaultException {
        byte[] content;
        try {
            content = fetcher.fetch(adult.copyLink().orElseThrow(), recipient);
        } catch (ShareException e) {
            throw new FamilyException(adult.label() + "'s records could not be fetched: " + e.getMessage(), e);
        }
        String digest = HexFormat.of().formatHex(sha256(content));
        if (adult.copyDigest().filter(digest::equals).isPresent()) {
            return new Refresh(adult, 0, copy.records().size(), true);
        }
        // Only what the copy lacks is read and imported: the entries it holds (by content hash) are
        // skipped unparsed, and merging them would rewrite each row (a new provenance and version).
        Set<String> held = new HashSet<>();
        for (StoredRecord record : copy.records()) {
            record.provenance().forEach(p -> held.add(p.contentHash()));
        }
        Optional<byte[]> unknown;
        ParsedSource source;
        try {
            unknown = CopyBundle.unknownEntries(content, held);
            if (unknown.isEmpty()) {
                return new Refresh(adult.withCopyDigest(digest), 0, copy.records().size(), false);
            }
            source = new FhirReader().read(new ByteArrayInputStream(unknown.get()), "caregiver copy.json", ImportProgress.NONE);
        } catch (java.io.IOException | FhirReadException e) {
            throw new FamilyException(adult.label() + "'s records arrived but could not be read: " + e.getMessage(), e);
        }
        List<FhirResource> fresh = source.resources().stream().filter(r -> !held.contains(r.contentHash())).toList();
        if (fresh.isEmpty()) {
            return new Refresh(adult.withCopyDigest(digest), 0, copy.records().size(), false);
        }
        ImportReport report = copy.importRecords(List.of(new ParsedSource(source.sourceLabel(), fresh, source.skipped())),
                ImportProgress.NONE);
        return new Refresh(adult.withCopyDigest(digest), report.added(), copy.records().size(), false);
    }

    private DelegationRecord activeDelegation(FamilyLedger ledger, Ed25519PublicKey dependent, Ed25519PublicKey me,
                                              String label) throws FamilyException {
        Optional<DelegationRecord> record = ledger.delegation(dependent, me);
        long now = clock.instant().getEpochSecond();
        if (record.isEmpty()) {
            throw new FamilyException("The ledger shows no delegation from " + label + " to this wallet, so there is nothing"
                    + " to accept. Ask " + label + " to invite you again.");
        }
        DelegationRecord d = record.get();
        if (d.ended() == DelegationRecord.Ending.REVOKED) {
            throw new FamilyException(label + " ended your delegation (at block " + d.endedHeight() + "); you can no longer"
                    + " act for them or refresh their records.");
        }
        if (d.ended() == DelegationRecord.Ending.HANDED_OVER) {
            throw new FamilyException(label + "'s wallet was handed over to a new key; your delegation ended with it.");
        }
        if (!d.activeAt(now)) {
            throw new FamilyException("Your delegation from " + label + " ended on " + Instant.ofEpochSecond(d.endsAt())
                    + "; only " + label + " can renew it.");
        }
        return d;
    }

    private CreatedVault createVault(Profile profile, String secret, String label) throws VaultException {
        char[] chars = secret.toCharArray();
        try {
            return Vault.create(profiles.vaultFile(profile), chars, kdf, label);
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    private void discard(Profile profile) {
        try {
            profiles.remove(profile.id());
        } catch (VaultException | RuntimeException ignored) {
            // A listed profile without a vault is harmless and is named at the next listing.
        }
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
