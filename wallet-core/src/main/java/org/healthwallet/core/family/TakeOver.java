package org.healthwallet.core.family;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.healthwallet.core.crypto.IdentityKey;
import org.healthwallet.core.crypto.InvalidMnemonicException;
import org.healthwallet.core.crypto.KeyHierarchy;
import org.healthwallet.core.crypto.MnemonicCode;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.vault.CreatedVault;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.core.vault.VaultException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.HandOver;

/**
 * The young adult's side of a hand-over: a new wallet with a fresh root secret (a recovery phrase
 * only they have seen), the records from the transfer, and on the ledger the old identity handing
 * over to the new key, signed by the old key (from the phrase the transfer carries) and accepted by
 * the new one. From that block on the ledger refuses the old key, which the parent also knew.
 */
public final class TakeOver {
    private TakeOver() {}

    /**
     * Creates the new wallet at {@code vaultFile} and records the hand-over. When the ledger refuses
     * it, the new wallet is closed and the caller deletes its file; nothing else changed.
     */
    public static CreatedVault complete(HandOverTransfer transfer, Path vaultFile, char[] passphrase, KdfParams kdf,
                                        FamilyLedger ledger) throws FamilyException, VaultException {
        if (!transfer.chainId().equals(ledger.chainId())) {
            throw new FamilyException("This transfer is for the consortium '" + transfer.chainId() + "', but this wallet uses '"
                    + ledger.chainId() + "'.");
        }
        ParsedSource records;
        try {
            records = new FhirReader().read(new ByteArrayInputStream(transfer.records()), "hand-over.json", ImportProgress.NONE);
        } catch (FhirReadException e) {
            throw new FamilyException("The records in the transfer file could not be read: " + e.getMessage(), e);
        }
        try (IdentityKey old = oldIdentity(transfer.recoveryPhrase())) {
            Ed25519PublicKey oldKey = new Ed25519PublicKey(old.publicKey());
            CreatedVault created = Vault.create(vaultFile, passphrase, kdf, transfer.name());
            Vault fresh = created.vault();
            ledger.walletCreated(fresh);
            try {
                fresh.importRecords(List.of(records), ImportProgress.NONE);
                Ed25519PublicKey newKey = new Ed25519PublicKey(fresh.identityPublicKey());
                byte[] acceptance = fresh.sign(HandOver.acceptanceHash(ledger.chainId(), oldKey, transfer.parent(), newKey));
                ledger.submit(oldKey, old::sign, new HandOver(oldKey, transfer.parent(), newKey, acceptance),
                        "The hand-over could not be recorded on the ledger");
                return created;
            } catch (FamilyException | VaultException | RuntimeException e) {
                fresh.close();
                throw e;
            }
        }
    }

    private static IdentityKey oldIdentity(String phrase) throws FamilyException {
        byte[] root;
        try {
            root = MnemonicCode.toEntropy(Arrays.asList(phrase.strip().split("\\s+")));
        } catch (InvalidMnemonicException e) {
            throw new FamilyException("The transfer file's recovery phrase is damaged.", e);
        }
        try (KeyHierarchy keys = KeyHierarchy.fromRootSecret(root)) {
            byte[] seed = keys.identitySeed();
            try {
                return new IdentityKey(seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        } finally {
            Arrays.fill(root, (byte) 0);
        }
    }
}
