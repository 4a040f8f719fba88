package org.healthwallet.app.family;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.share.ShareWiring;
import org.healthwallet.app.wallet.DependentWallet;
import org.healthwallet.app.wallet.KeptOpen;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.family.Caregivers;
import org.healthwallet.core.family.CopyFetcher;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.core.family.Family;
import org.healthwallet.core.family.FamilyLedger;
import org.healthwallet.core.family.RpcFamilyLedger;
import org.healthwallet.core.records.SensitiveCategories;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShlReceiver;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;

/**
 * Caregiving wired for real: the caregiver's own open wallet, their family (the dependents' wallets
 * in the same data folder), and, opened only when an action needs it, the consortium (ledger reads
 * with proofs, transactions, the relay). What the {@code dependent} and {@code caregiver} commands
 * and the family screens use. Never on the FX thread: opening the ledger may start the dev network.
 */
public final class FamilyWiring implements AutoCloseable {
    private final OpenWallet owner;
    private final Vault ownerVault;
    private final Path dataDir;
    private final ConsortiumSource source;
    private final Family family;
    private final Clock clock;
    private ShareWiring sharing;
    private FamilyLedger ledger;

    private FamilyWiring(OpenWallet owner, Vault ownerVault, Path dataDir, ConsortiumSource source, Family family, Clock clock) {
        this.owner = owner;
        this.ownerVault = ownerVault;
        this.dataDir = dataDir;
        this.source = source;
        this.family = family;
        this.clock = clock;
    }

    /**
     * @param owner the caregiver's own wallet (this does not close it)
     * @param source the consortium (this does not close it); used only when an action needs the ledger
     */
    public static FamilyWiring of(OpenWallet owner, Path dataDir, KdfParams kdf, ConsortiumSource source, Clock clock) {
        Vault vault = owner.vault().orElseThrow(() -> new IllegalArgumentException("a family is kept in a real vault"));
        return new FamilyWiring(owner, vault, dataDir, source, family(vault, dataDir, kdf, clock), clock);
    }

    /** The family of an open wallet, without the consortium (listing, opening a dependent). */
    public static Family family(Vault owner, Path dataDir, KdfParams kdf, Clock clock) {
        return new Family(new Profiles(dataDir), owner, kdf, clock, new SecureRandom(), sensitive());
    }

    /** Opens a dependent's wallet beside the caregiver's {@code owner}; closing it closes both. */
    public static DependentWallet openDependent(OpenWallet owner, Family family, Dependent dependent, Clock clock)
            throws VaultException {
        return new DependentWallet(family.open(dependent), dependent, family, owner, clock);
    }

    /**
     * As {@link #openDependent}, for the app: closing the dependent's wallet leaves {@code owner} open,
     * so the patient switches back to their own profile without unlocking again.
     */
    public static DependentWallet openDependentKeepingOwner(OpenWallet owner, Family family, Dependent dependent, Clock clock)
            throws VaultException {
        return new DependentWallet(family.open(dependent), dependent, family, new KeptOpen(owner), clock);
    }

    /** Which records a parent stops seeing from a child's 12th birthday. */
    static Predicate<StoredRecord> sensitive() {
        return record -> !SensitiveCategories.of(record).isEmpty();
    }

    public Family family() {
        return family;
    }

    public OpenWallet owner() {
        return owner;
    }

    /** The ledger, verified by the owner profile's light client (opens the consortium on first use). */
    public synchronized FamilyLedger ledger() throws ShareException {
        if (ledger == null) {
            ledger = new RpcFamilyLedger(sharing().ledger());
        }
        return ledger;
    }

    /** The caregiver's own sharing (the copy links an adult makes for caregivers are among them). */
    public synchronized ShareWiring sharing() throws ShareException {
        if (sharing == null) {
            sharing = ShareWiring.open(ownerVault, source, dataDir);
        }
        return sharing;
    }

    /** The patient's side: the caregivers they invited. */
    public Caregivers caregivers() throws ShareException {
        return new Caregivers(ownerVault, sharing().sharing(), ledger(), clock);
    }

    /** Fetches a caregiver's copy through its relay, which logs every fetch on the ledger first. */
    public CopyFetcher fetcher() {
        ShlReceiver receiver = ShlReceiver.create();
        return (link, recipient) -> receiver.open(link, recipient, Optional.empty()).files().get(0).content();
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized void close() {
        if (sharing != null) {
            sharing.close();
        }
    }

}
