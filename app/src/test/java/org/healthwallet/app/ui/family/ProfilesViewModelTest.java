package org.healthwallet.app.ui.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
import org.healthwallet.core.records.ImportProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The profile switcher on real vaults: a child added on the Family page appears in it; switching
 * opens the child's wallet beside the owner's with the banner; back to "me" shows the owner's
 * wallet, still open, and closes the child's; locking closes both.
 */
class ProfilesViewModelTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();

    @Test
    void switchingToAChildAndBackKeepsTheOwnersWalletOpenAndTheBannerSaysWhoseWalletIsOpen() throws Exception {
        WalletSession session = new WalletSession(fx.background());
        Failures failures = new Failures(new ErrorLog(temp.resolve("log")));
        TestFamily[] families = new TestFamily[1];
        WalletFamily.Source source = owner -> {
            if (families[0] == null) {
                families[0] = new TestFamily(owner, temp.resolve("wallet"), CLOCK);
            }
            return families[0];
        };
        ProfilesViewModel profiles = new ProfilesViewModel(session, source, failures, CLOCK);
        FamilyViewModel family = new FamilyViewModel(session, source, failures, CLOCK, added -> profiles.reload());
        OpenWallet owner = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet"))).create("Tulip-Orbit-42!".toCharArray()).wallet();
        owner.importFiles(List.of(TestFiles.samplePatient()), ImportProgress.NONE);
        Fx.run(() -> session.open(owner, RecordsOverview.of(owner.index())));
        settle(session);
        assertThat(Fx.call(() -> List.copyOf(profiles.profiles()))).containsExactly(ProfilesViewModel.Profile.ME);
        assertThat(Fx.call(() -> profiles.bannerProperty().get())).isNull();

        Fx.run(() -> {
            family.childNameProperty().set("Lorenzo");
            family.childBornProperty().set(LocalDate.of(2022, 10, 29));
        });
        Fx.await(Fx.call(family::addChild));
        settle(session);
        assertThat(Fx.call(() -> family.doneProperty().get())).isEqualTo(UserText.of("family.child.added", "Lorenzo"));
        assertThat(families[0].ledger.committed).as("the child's delegation to the parent").hasSize(1);
        List<ProfilesViewModel.Profile> listed = Fx.call(() -> List.copyOf(profiles.profiles()));
        assertThat(listed).hasSize(2);
        ProfilesViewModel.Profile lorenzo = listed.get(1);
        assertThat(Fx.call(() -> profiles.name(lorenzo))).isEqualTo(UserText.of("profile.child", "Lorenzo", 4));

        Fx.await(Fx.call(() -> profiles.switchTo(lorenzo)));
        OpenWallet child = Fx.call(session::wallet);
        assertThat(child).isNotSameAs(owner);
        assertThat(Fx.call(session::owner)).isSameAs(owner);
        assertThat(Fx.call(session::actingForAnother)).isTrue();
        assertThat(Fx.call(() -> session.overview().index().size())).as("the child's records, none yet").isZero();
        assertThat(Fx.call(() -> profiles.currentProperty().get())).isEqualTo(lorenzo);
        assertThat(Fx.call(() -> profiles.bannerProperty().get())).isEqualTo(UserText.of("profile.banner.child", "Lorenzo", 4));

        Fx.run(() -> profiles.switchTo(ProfilesViewModel.Profile.ME));
        assertThat(Fx.call(session::wallet)).isSameAs(owner);
        assertThat(Fx.call(() -> session.overview().index().size())).isEqualTo(77);
        assertThat(Fx.call(() -> profiles.bannerProperty().get())).isNull();
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> child.vault().orElseThrow().isLocked());
        assertThat(owner.vault().orElseThrow().isLocked()).as("the owner's wallet stays open").isFalse();
        assertThat(owner.index().size()).isEqualTo(77);

        // Lock while acting for the child: both wallets close.
        Fx.await(Fx.call(() -> profiles.switchTo(lorenzo)));
        OpenWallet childAgain = Fx.call(session::wallet);
        Fx.run(session::lock);
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> childAgain.vault().orElseThrow().isLocked() && owner.vault().orElseThrow().isLocked());
        assertThat(Fx.call(() -> profiles.profiles().size())).isZero();
        assertThat(Fx.call(() -> profiles.bannerProperty().get())).isNull();
    }

    static void settle(WalletSession session) throws Exception {
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> Fx.call(() -> !session.busyProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
