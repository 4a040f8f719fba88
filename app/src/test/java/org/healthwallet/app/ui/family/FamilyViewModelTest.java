package org.healthwallet.app.ui.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.healthwallet.core.family.Dependent;
import org.healthwallet.core.share.QrCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Family page's view model on a real vault: a child's form, an invitation refused, the caregiver code. */
class FamilyViewModelTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();

    private WalletSession session;
    private TestFamily family;
    private FamilyViewModel model;
    private final List<Dependent> added = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        session = new WalletSession(fx.background());
        model = new FamilyViewModel(session, owner -> family, new Failures(new ErrorLog(temp.resolve("log"))), CLOCK, added::add);
        OpenWallet owner = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet"))).create("Tulip-Orbit-42!".toCharArray()).wallet();
        family = new TestFamily(owner, temp.resolve("wallet"), CLOCK);
        Fx.run(() -> session.open(owner, RecordsOverview.of(owner.index())));
    }

    @AfterEach
    void lock() throws Exception {
        Fx.run(session::lock);
    }

    @Test
    void aChildsFormWithoutANameOrWithABirthDateInTheFutureAddsNothing() throws Exception {
        Fx.run(() -> model.childBornProperty().set(LocalDate.of(2022, 10, 29)));
        assertThat(Fx.call(model::addChild)).isNull();
        assertThat(Fx.call(() -> model.errorProperty().get())).isEqualTo(UserText.of("family.child.noName"));
        Fx.run(() -> {
            model.childNameProperty().set("Lorenzo");
            model.childBornProperty().set(LocalDate.of(2027, 1, 1));
        });
        assertThat(Fx.call(model::addChild)).isNull();
        assertThat(Fx.call(() -> model.errorProperty().get())).isEqualTo(UserText.of("family.child.future"));
        Fx.run(() -> model.childBornProperty().set(null));
        assertThat(Fx.call(model::addChild)).isNull();
        assertThat(Fx.call(() -> model.errorProperty().get())).isEqualTo(UserText.of("family.child.noBirth"));
        assertThat(family.dependents()).isEmpty();
        assertThat(family.ledger.committed).isEmpty();

        // Eighteen or older: wallet-core's own words, and still nothing stored.
        Fx.run(() -> model.childBornProperty().set(LocalDate.of(2000, 1, 1)));
        Fx.await(Fx.call(model::addChild));
        assertThat(Fx.call(() -> model.errorProperty().get().render(null)))
                .isEqualTo("Lorenzo is 18 or older and holds their own wallet; an adult can invite you as a caregiver instead.");
        assertThat(family.dependents()).isEmpty();
        assertThat(added).isEmpty();

        Fx.run(() -> model.childBornProperty().set(LocalDate.of(2022, 10, 29)));
        Fx.await(Fx.call(model::addChild));
        assertThat(added).extracting(Dependent::label).containsExactly("Lorenzo");
        assertThat(Fx.call(() -> model.childNameProperty().get())).as("the form is cleared").isEmpty();
    }

    @Test
    void anInvitationThatIsNotForThisWalletIsRefusedWithItsReason() throws Exception {
        assertThat(Fx.call(model::accept)).isNull();
        assertThat(Fx.call(() -> model.errorProperty().get())).isEqualTo(UserText.of("family.accept.empty"));
        Fx.run(() -> model.invitationProperty().set("hwinvite:/not-for-me"));
        Fx.await(Fx.call(model::accept));
        assertThat(Fx.call(() -> model.errorProperty().get()))
                .isEqualTo(UserText.literal("This invitation is for another caregiver's wallet; it cannot be opened with yours."));
        assertThat(Fx.call(() -> model.invitationProperty().get())).as("kept, to correct").isEqualTo("hwinvite:/not-for-me");
        assertThat(added).isEmpty();
    }

    @Test
    void theCaregiverCodeIsShownAsTextAndAsAQrCodeOfTheSameText() throws Exception {
        Fx.await(Fx.call(model::showCode));
        FamilyViewModel.Code code = Fx.call(() -> model.codeProperty().get());
        assertThat(code.text()).startsWith("hwcaregiver:/").isEqualTo(family.caregiverCode());
        BufferedImage qr = ImageIO.read(new ByteArrayInputStream(code.qrPng()));
        assertThat(QrCode.decode(qr)).isEqualTo(code.text());
    }

    @Test
    void anInvitationIsReadFromATextFileOrAQrImage() throws Exception {
        Path text = temp.resolve("invitation.txt");
        Files.writeString(text, "  hwinvite:/abc\n");
        Fx.await(Fx.call(() -> model.readInvitation(text)));
        assertThat(Fx.call(() -> model.invitationProperty().get())).isEqualTo("hwinvite:/abc");
        Path image = temp.resolve("invitation.png");
        Files.write(image, QrCode.encode("hwinvite:/from-a-qr", 300));
        Fx.await(Fx.call(() -> model.readInvitation(image)));
        assertThat(Fx.call(() -> model.invitationProperty().get())).isEqualTo("hwinvite:/from-a-qr");
        Path noise = temp.resolve("photo.png");
        Files.write(noise, new byte[] {1, 2, 3});
        Fx.await(Fx.call(() -> model.readInvitation(noise)));
        assertThat(Fx.call(() -> model.errorProperty().get())).isEqualTo(UserText.of("family.accept.unreadable", "photo.png"));
        assertThat(Fx.call(() -> model.invitationProperty().get())).isEqualTo("hwinvite:/from-a-qr");
    }
}
