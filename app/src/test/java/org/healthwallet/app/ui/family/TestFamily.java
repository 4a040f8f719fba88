package org.healthwallet.app.ui.family;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.family.FamilyWiring;
import org.healthwallet.app.wallet.AcceptingLedger;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.family.Caregiver;
import org.healthwallet.core.family.CaregiverCode;
import org.healthwallet.core.family.Caregivers;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.core.family.Family;
import org.healthwallet.core.family.FamilyException;
import org.healthwallet.ledger.tx.DelegationScope;

/**
 * The family screens' seam for view model tests: the real {@link Family} on the real vaults (a
 * child's wallet is a real vault file, opened beside the owner's), with a ledger that commits
 * everything; the caregivers the patient invites are kept in a list (inviting for real needs the
 * relay and the ledger: the flow test does that).
 */
final class TestFamily implements WalletFamily {
    final AcceptingLedger ledger = new AcceptingLedger();
    final List<Caregiver> invited = new ArrayList<>();
    private final OpenWallet owner;
    private final Family family;
    private final Clock clock;

    TestFamily(OpenWallet owner, Path dataDir, Clock clock) {
        this.owner = owner;
        this.clock = clock;
        this.family = FamilyWiring.family(owner.vault().orElseThrow(), dataDir, TestFiles.CHEAP_KDF, clock);
    }

    @Override
    public List<Dependent> dependents() throws Exception {
        return family.dependents();
    }

    @Override
    public OpenWallet open(Dependent dependent) throws Exception {
        return FamilyWiring.openDependentKeepingOwner(owner, family, dependent, clock);
    }

    @Override
    public Dependent addChild(String name, LocalDate born) throws Exception {
        return family.addChild(name, born, ledger);
    }

    @Override
    public Dependent accept(String invitationText, String myName) throws Exception {
        throw new FamilyException("This invitation is for another caregiver's wallet; it cannot be opened with yours.");
    }

    @Override
    public String caregiverCode() {
        return family.code().text();
    }

    @Override
    public synchronized List<Caregiver> caregivers() {
        return List.copyOf(invited);
    }

    @Override
    public synchronized Caregivers.Invited invite(String code, String label, String myName, DelegationScope scope, Instant endsAt)
            throws Exception {
        Caregiver c = new Caregiver(UUID.randomUUID(), label, CaregiverCode.parse(code).identity(), scope, clock.instant(), endsAt,
                Optional.empty(), Optional.empty());
        invited.add(0, c);
        return new Caregivers.Invited(c, "hwinvite:/for-" + label.replace(' ', '-') + "-as-" + myName.replace(' ', '-'));
    }

    @Override
    public synchronized Caregiver renew(UUID id, Instant newEnd) {
        return replace(id, c -> new Caregiver(c.id(), c.label(), c.key(), c.scope(), c.invitedAt(), newEnd, c.copyShare(),
                c.revokedAt()));
    }

    @Override
    public synchronized Caregiver revoke(UUID id) {
        return replace(id, c -> new Caregiver(c.id(), c.label(), c.key(), c.scope(), c.invitedAt(), c.endsAt(), c.copyShare(),
                Optional.of(clock.instant())));
    }

    private Caregiver replace(UUID id, java.util.function.UnaryOperator<Caregiver> change) {
        for (int i = 0; i < invited.size(); i++) {
            if (invited.get(i).id().equals(id)) {
                invited.set(i, change.apply(invited.get(i)));
                return invited.get(i);
            }
        }
        throw new IllegalArgumentException("no caregiver " + id);
    }
}
