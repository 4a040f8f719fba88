package org.healthwallet.app.ui.family;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.family.Caregiver;
import org.healthwallet.core.family.Caregivers;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.ledger.tx.DelegationScope;

/**
 * What the family screens need of the patient's own open wallet: the dependents it holds (each
 * opened beside it), a child added, an adult's invitation accepted, the caregiver code, and the
 * caregivers the patient invited. The app's {@link WiredFamily} on wallet-core's {@code Family}
 * and {@code Caregivers}, or a double in view model tests. Every method is slow (vault, key
 * derivation, network, ledger): call them off the FX thread.
 */
public interface WalletFamily extends AutoCloseable {
    /** The dependents, in the order they were added (reads the vault only). */
    List<Dependent> dependents() throws Exception;

    /** Opens a dependent's wallet beside the owner's; closing it leaves the owner's open. */
    OpenWallet open(Dependent dependent) throws Exception;

    /** Makes a child's wallet and records the delegation on the ledger. */
    Dependent addChild(String name, LocalDate born) throws Exception;

    /** Accepts an adult's invitation (checked on the ledger); {@code myName} is how their log names me. */
    Dependent accept(String invitationText, String myName) throws Exception;

    /** This wallet's caregiver code ({@code hwcaregiver:/…}), for a person to invite me with. */
    String caregiverCode() throws Exception;

    /** The caregivers the patient invited, newest first, ended and revoked ones too (vault only). */
    List<Caregiver> caregivers() throws Exception;

    Caregivers.Invited invite(String caregiverCode, String label, String myName, DelegationScope scope, Instant endsAt)
            throws Exception;

    Caregiver renew(UUID caregiver, Instant newEnd) throws Exception;

    Caregiver revoke(UUID caregiver) throws Exception;

    /** Lets go of what the ledger actions opened; the wallet stays open. */
    @Override
    default void close() {}

    /** Gives the family of the patient's own unlocked wallet. */
    @FunctionalInterface
    interface Source {
        WalletFamily of(OpenWallet owner) throws Exception;

        /** Builds each owner wallet's family once and reuses it until another wallet is unlocked. */
        static Remembering remembering(Source source) {
            return new Remembering(source);
        }
    }

    /** A {@link Source} that keeps the last owner's family; closing it closes that family. */
    final class Remembering implements Source, AutoCloseable {
        private final Source source;
        private OpenWallet last;
        private WalletFamily family;

        Remembering(Source source) {
            this.source = source;
        }

        @Override
        public synchronized WalletFamily of(OpenWallet owner) throws Exception {
            if (owner != last || family == null) {
                close();
                family = source.of(owner);
                last = owner;
            }
            return family;
        }

        @Override
        public synchronized void close() {
            if (family != null) {
                family.close();
                family = null;
                last = null;
            }
        }
    }
}
