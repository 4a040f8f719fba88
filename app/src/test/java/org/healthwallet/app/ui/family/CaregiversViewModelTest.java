package org.healthwallet.app.ui.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.healthwallet.app.ErrorLog;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.Fx;
import org.healthwallet.app.ui.FxBackground;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.VaultHome;
import org.healthwallet.core.family.Caregiver;
import org.healthwallet.core.family.CaregiverCode;
import org.healthwallet.core.share.QrCode;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.tx.DelegationScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Caregivers page's view model: the form's checks (nothing is invited when they fail), the end
 * date as the end of the chosen day, the invitation as text, QR code and file, renew and revoke in
 * the list, and a dependent's profile where nothing can be changed.
 */
class CaregiversViewModelTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZONE);

    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();

    private WalletSession session;
    private TestFamily family;
    private CaregiversViewModel model;
    private String marias;

    @BeforeEach
    void open() throws Exception {
        session = new WalletSession(fx.background());
        model = new CaregiversViewModel(session, owner -> family, new Failures(new ErrorLog(temp.resolve("log"))), CLOCK, ZONE);
        OpenWallet owner = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet"))).create("Tulip-Orbit-42!".toCharArray()).wallet();
        family = new TestFamily(owner, temp.resolve("wallet"), CLOCK);
        try (Vault maria = new VaultHome(TestFiles.cheapConfig(temp.resolve("maria"))).create("Tulip-Orbit-42!".toCharArray())
                .wallet().vault().orElseThrow()) {
            marias = CaregiverCode.of(maria).text();
        }
        Fx.run(() -> session.open(owner, RecordsOverview.of(owner.index())));
        ProfilesViewModelTest.settle(session);
    }

    @AfterEach
    void lock() throws Exception {
        Fx.run(session::lock);
    }

    @Test
    void theFormsChecksInviteNobodyAndAnEndBeyondEighteenMonthsIsRefused() throws Exception {
        assertThat(Fx.call(model::invite)).isNull();
        assertThat(Fx.call(() -> model.errorProperty().get())).isEqualTo(UserText.of("caregivers.invite.noCode"));
        Fx.run(() -> model.codeProperty().set(marias));
        assertThat(Fx.call(model::invite)).isNull();
        assertThat(Fx.call(() -> model.errorProperty().get())).isEqualTo(UserText.of("caregivers.invite.noName"));
        Fx.run(() -> {
            model.labelProperty().set("Maria, my daughter");
            model.recordsProperty().set(false);
            model.revokeProperty().set(false);
        });
        assertThat(Fx.call(() -> model.shareProperty().get())).as("sharing needs reading").isFalse();
        assertThat(Fx.call(model::invite)).isNull();
        assertThat(Fx.call(() -> model.errorProperty().get())).isEqualTo(UserText.of("caregivers.invite.noScope"));
        Fx.run(() -> {
            model.shareProperty().set(true);
            model.endsOnProperty().set(model.latestEnd().plusDays(1));
        });
        assertThat(Fx.call(() -> model.recordsProperty().get())).as("checked with sharing").isTrue();
        assertThat(Fx.call(model::invite)).isNull();
        assertThat(Fx.call(() -> model.errorProperty().get())).isEqualTo(UserText.of("caregivers.end.tooLate", model.latestEnd()));
        Fx.run(() -> model.endsOnProperty().set(LocalDate.of(2026, 12, 6)));
        assertThat(Fx.call(model::invite)).isNull();
        assertThat(Fx.call(() -> model.errorProperty().get())).isEqualTo(UserText.of("caregivers.end.past"));
        assertThat(family.caregivers()).isEmpty();
        // 548 days from 18:00 on 7 December 2026 (Shanghai) is 18:00 on 7 June 2028: the last whole day is the 6th.
        assertThat(model.latestEnd()).isEqualTo(LocalDate.of(2028, 6, 6));
    }

    @Test
    void anInvitationIsShownAsTextAndQrAndSavedAndTheCaregiverIsListedRenewedAndRevoked() throws Exception {
        Fx.run(() -> {
            model.codeProperty().set(marias);
            model.labelProperty().set("Maria, my daughter");
            model.myNameProperty().set("Dad");
            model.endsOnProperty().set(LocalDate.of(2027, 6, 30));
        });
        Fx.await(Fx.call(model::invite));
        ProfilesViewModelTest.settle(session);
        assertThat(Fx.call(() -> model.errorProperty().get())).isNull();
        Caregiver maria = family.caregivers().get(0);
        assertThat(maria.scope()).isEqualTo(new DelegationScope(DelegationScope.RECORDS | DelegationScope.SHARE | DelegationScope.REVOKE));
        assertThat(maria.endsAt()).as("the end of the chosen day, in this computer's zone")
                .isEqualTo(ZonedDateTime.of(2027, 6, 30, 23, 59, 59, 0, ZONE).toInstant());
        CaregiversViewModel.Made made = Fx.call(() -> model.madeProperty().get());
        assertThat(made.text()).isEqualTo("hwinvite:/for-Maria,-my-daughter-as-Dad");
        assertThat(QrCode.decode(ImageIO.read(new ByteArrayInputStream(made.qrPng())))).isEqualTo(made.text());
        assertThat(Fx.call(() -> List.copyOf(model.rows()))).containsExactly(new CaregiversViewModel.Row(maria, Caregiver.State.ACTIVE));

        Path file = temp.resolve("invitation for Maria.txt");
        Fx.await(Fx.call(() -> model.saveInvitation(file)));
        assertThat(Files.readString(file)).isEqualTo(made.text() + "\n");

        assertThat(Fx.call(() -> model.renew(maria.id(), LocalDate.of(2029, 1, 1)))).as("beyond 18 months").isNull();
        Fx.await(Fx.call(() -> model.renew(maria.id(), LocalDate.of(2028, 1, 31))));
        ProfilesViewModelTest.settle(session);
        assertThat(Fx.call(() -> model.rows().get(0).caregiver().endsAt()))
                .isEqualTo(ZonedDateTime.of(2028, 1, 31, 23, 59, 59, 0, ZONE).toInstant());
        Fx.await(Fx.call(() -> model.revoke(maria.id())));
        ProfilesViewModelTest.settle(session);
        assertThat(Fx.call(() -> model.rows().get(0).state())).isEqualTo(Caregiver.State.REVOKED);
        assertThat(Fx.call(() -> model.doneProperty().get())).isEqualTo(UserText.of("caregivers.revoke.done", "Maria, my daughter"));
    }

    @Test
    void inADependentsProfileOnlyTheDependentMayChangeWhoActsForThem() throws Exception {
        ProfilesViewModel profiles = new ProfilesViewModel(session, owner -> family, new Failures(new ErrorLog(temp.resolve("log"))),
                CLOCK);
        family.addChild("Lorenzo", LocalDate.of(2022, 10, 29));
        Fx.await(Fx.call(profiles::reload));
        Fx.await(Fx.call(() -> profiles.switchTo(profiles.profiles().get(1))));
        ProfilesViewModelTest.settle(session);
        assertThat(Fx.call(() -> model.onlyTheDependentProperty().get())).isTrue();
        Fx.run(() -> {
            model.codeProperty().set(marias);
            model.labelProperty().set("Maria");
        });
        assertThat(Fx.call(model::invite)).isNull();
        assertThat(family.caregivers()).isEmpty();
        Fx.run(() -> profiles.switchTo(ProfilesViewModel.Profile.ME));
        assertThat(Fx.call(() -> model.onlyTheDependentProperty().get())).isFalse();
    }
}
