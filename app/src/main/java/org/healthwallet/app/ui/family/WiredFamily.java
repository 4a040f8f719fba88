package org.healthwallet.app.ui.family;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.family.FamilyWiring;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.family.Caregiver;
import org.healthwallet.core.family.CaregiverCode;
import org.healthwallet.core.family.Caregivers;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.ledger.tx.DelegationScope;

/**
 * The family screens on the real thing: {@link FamilyWiring} over the patient's own wallet. The
 * ledger (and with it perhaps the embedded dev network) is opened by the first action that needs
 * it: adding a child, accepting, inviting, renewing, revoking.
 */
public final class WiredFamily implements WalletFamily {
    private final FamilyWiring wiring;

    WiredFamily(FamilyWiring wiring) {
        this.wiring = wiring;
    }

    /** The source the app uses: each unlocked wallet's family through the configured consortium. */
    public static WalletFamily.Remembering source(ConsortiumSource consortium, AppConfig config) {
        return WalletFamily.Source.remembering(owner -> new WiredFamily(
                FamilyWiring.of(owner, config.dataDir(), config.kdf(), consortium, Clock.systemDefaultZone())));
    }

    @Override
    public List<Dependent> dependents() throws Exception {
        return wiring.family().dependents();
    }

    @Override
    public OpenWallet open(Dependent dependent) throws Exception {
        return FamilyWiring.openDependentKeepingOwner(wiring.owner(), wiring.family(), dependent, wiring.clock());
    }

    @Override
    public Dependent addChild(String name, LocalDate born) throws Exception {
        return wiring.family().addChild(name, born, wiring.ledger());
    }

    @Override
    public Dependent accept(String invitationText, String myName) throws Exception {
        return wiring.family().accept(invitationText.strip(), wiring.ledger(), wiring.fetcher(), myName);
    }

    @Override
    public String caregiverCode() {
        return wiring.family().code().text();
    }

    @Override
    public List<Caregiver> caregivers() throws Exception {
        return Caregivers.listIn(wiring.owner().vault().orElseThrow());
    }

    @Override
    public Caregivers.Invited invite(String caregiverCode, String label, String myName, DelegationScope scope, Instant endsAt)
            throws Exception {
        return wiring.caregivers().invite(CaregiverCode.parse(caregiverCode.strip()), label, myName, scope, endsAt);
    }

    @Override
    public Caregiver renew(UUID caregiver, Instant newEnd) throws Exception {
        return wiring.caregivers().renew(caregiver, newEnd);
    }

    @Override
    public Caregiver revoke(UUID caregiver) throws Exception {
        return wiring.caregivers().revoke(caregiver);
    }

    @Override
    public void close() {
        wiring.close();
    }

}
