package org.healthwallet.app.share;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.app.wallet.Caregiving;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.crypto.SealKey;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.core.family.DependentSealKey;
import org.healthwallet.core.ledger.LedgerConnection;
import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.share.HttpRelayClient;
import org.healthwallet.core.share.PatientSigner;
import org.healthwallet.core.share.RpcGrantLedger;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShareLink;
import org.healthwallet.core.share.Shares;
import org.healthwallet.core.share.Sharing;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.client.RowSeal;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.X25519PublicKey;

/**
 * The patient's sharing, wired for real: the unlocked vault, the consortium's share relay (over
 * {@link HttpRelayClient}) and its ledger (grants signed by the vault's key and submitted over
 * CometBFT RPC by {@link RpcGrantLedger}, nonces read with proofs checked by the profile's light
 * client). What the {@code share} commands and the share screens both use. Opening it may start
 * the embedded dev network: never on the FX thread. Closing it closes the profile's ledger file;
 * the vault and the consortium source have owners of their own.
 */
public final class ShareWiring implements AutoCloseable {
    private final Sharing sharing;
    private final URI relay;
    private final ProfileLedger ledger;
    private final Ed25519PublicKey patient;

    private ShareWiring(Sharing sharing, URI relay, ProfileLedger ledger, Ed25519PublicKey patient) {
        this.sharing = sharing;
        this.patient = patient;
        this.relay = relay;
        this.ledger = ledger;
    }

    /**
     * @param dataDir the data folder whose owner profile keeps the verified ledger headers
     * @throws ShareException the consortium names no relay, or the ledger cannot be used (message for the patient)
     */
    public static ShareWiring open(Vault vault, ConsortiumSource source, Path dataDir) throws ShareException {
        Objects.requireNonNull(vault, "vault");
        return open(vault, PatientSigner.of(vault), new Ed25519PublicKey(vault.identityPublicKey()), vault::index,
                ownSealKey(vault), source, dataDir, vault.ledgerSeal());
    }

    /**
     * As {@link #open(Vault, ConsortiumSource, Path)} for an open wallet: for a dependent's wallet
     * opened by a caregiver, the shares are of the dependent's records as the caregiver may see
     * them, kept in the dependent's vault, and issued by the caregiver's key under the delegation.
     */
    public static ShareWiring open(OpenWallet wallet, ConsortiumSource source, Path dataDir) throws ShareException {
        Vault vault = wallet.vault().orElseThrow(() -> new ShareException("This wallet cannot share records."));
        Optional<Caregiving> caregiving = wallet.caregiving();
        if (caregiving.isEmpty()) {
            return open(vault, source, dataDir);
        }
        Dependent dependent = caregiving.get().dependent();
        X25519PublicKey sealTo;
        try {
            // A child's vault is the child's own (its key is the child's); an adult's copy keeps the adult's seal key.
            sealTo = dependent.kind() == Dependent.Kind.CHILD ? ownSealKey(vault)
                    : DependentSealKey.of(vault).orElseThrow(() -> new ShareException("Shares for " + dependent.label()
                            + " name their seal key so their own wallet reads who opened them, and this copy has none:"
                            + " ask " + dependent.label() + " for a new invitation."));
        } catch (VaultException e) {
            throw new ShareException(e.getMessage(), e);
        }
        return open(vault, PatientSigner.of(caregiving.get().caregiver()), dependent.key(), wallet::index, sealTo,
                source, dataDir, caregiving.get().caregiver().ledgerSeal());
    }

    private static X25519PublicKey ownSealKey(Vault vault) {
        try (SealKey seal = SealKey.of(vault::sign)) {
            return new X25519PublicKey(seal.publicKey());
        }
    }

    /** {@code signer} shares {@code patient}'s records from {@code vault} as {@code records} shows them. */
    private static ShareWiring open(Vault vault, PatientSigner signer, Ed25519PublicKey patient, Supplier<RecordIndex> records,
                                    X25519PublicKey sealTo, ConsortiumSource source, Path dataDir, RowSeal seal) throws ShareException {
        ConsortiumConfig config;
        ProfileLedger ledger;
        try {
            config = source.config();
            ledger = ProfileLedger.open(dataDir, source, seal);
        } catch (LedgerException e) {
            throw new ShareException(e.getMessage(), e);
        }
        try {
            URI relay = config.relay().orElseThrow(() -> new ShareException("The consortium configuration names no share "
                    + "relay, so links cannot be shared through it. Ask the consortium for a configuration with a relay."));
            Sharing sharing = new Sharing(vault, signer, patient, records, sealTo, HttpRelayClient.of(relay),
                    RpcGrantLedger.of(ledger.connection(), signer), Clock.systemDefaultZone(), new SecureRandom());
            return new ShareWiring(sharing, relay, ledger, patient);
        } catch (ShareException | RuntimeException e) {
            ledger.close();
            throw e;
        }
    }

    /** Create and revoke shares. */
    public Sharing sharing() {
        return sharing;
    }

    /** The shares kept in the vault (list, find). */
    public Shares shares() {
        return sharing.shares();
    }

    /** The relay's base URL, as the consortium names it. */
    public URI relay() {
        return relay;
    }

    /** The link a phone camera opens: the relay's viewer page with the link after {@code #}. */
    public String viewerUrl(ShareLink link) {
        return link.toViewerUrl(relay);
    }

    /** The profile's verified view of the ledger (for access log reads). */
    public LedgerConnection ledger() {
        return ledger.connection();
    }

    /** The patient's ledger key (whose access log records the openings). */
    public Ed25519PublicKey patientKey() {
        return patient;
    }

    /** Who opened this patient's shares, verified against the ledger. */
    public ShareOpenings openings() {
        return new ShareOpenings(ledger.connection());
    }

    @Override
    public void close() {
        ledger.close();
    }
}
